#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mw {

/// Transparent string hash so unordered containers keyed by std::string or
/// std::string_view can be searched with a string_view without allocating.
struct StringViewHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Interns strings (label names and values) to dense uint32 ids.
///
/// Views returned by view() stay valid until the id's last reference is
/// released, however many other strings are added. Ids are reference counted:
/// intern() adds a reference, release() drops one, and an id whose count
/// reaches zero is recycled for a later string. Holders of an id must keep a
/// reference for as long as they use it.
///
/// Not thread-safe: owned by one SeriesStore, used from its thread.
class SymbolTable
{
public:
    static constexpr uint32_t kInvalid = 0xffffffffU;

    SymbolTable() = default;
    SymbolTable(const SymbolTable &) = delete;
    SymbolTable &operator=(const SymbolTable &) = delete;

    /// The id of `s`, adding it if new; adds one reference.
    uint32_t intern(std::string_view s);
    /// Adds one reference to an existing id.
    void retain(uint32_t id);
    /// Drops one reference; the string is freed when none remain.
    void release(uint32_t id);
    /// The id of `s` without adding it or a reference, or kInvalid.
    uint32_t find(std::string_view s) const;

    std::string_view view(uint32_t id) const { return {m_entries[id].data.get(), m_entries[id].size}; }
    uint32_t refCount(uint32_t id) const { return m_entries[id].refs; }

    /// Number of live strings.
    std::size_t size() const { return m_index.size(); }
    /// Estimated heap bytes: string storage, entry table and hash index.
    std::size_t bytes() const;

private:
    struct Entry
    {
        std::unique_ptr<char[]> data;
        uint32_t size = 0;
        uint32_t refs = 0;
    };
    std::vector<Entry> m_entries;
    std::vector<uint32_t> m_free;
    std::unordered_map<std::string_view, uint32_t, StringViewHash> m_index;
    std::size_t m_stringBytes = 0;
};

} // namespace mw
