#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace mw::expo {

/// Append-only storage for strings whose addresses never move, so that
/// string_views into it stay valid when the owner is moved.
class StringArena
{
public:
    StringArena() = default;
    StringArena(StringArena &&) noexcept = default;
    StringArena &operator=(StringArena &&) noexcept = default;
    StringArena(const StringArena &) = delete;
    StringArena &operator=(const StringArena &) = delete;

    /// Reserve `size` bytes; the caller fills them and then calls commit().
    char *reserve(std::size_t size);
    /// Keep `used` bytes of the last reservation and return a view of them.
    std::string_view commit(char *begin, std::size_t used);
    std::string_view copy(std::string_view text);
    std::size_t bytesAllocated() const { return m_allocated; }
    /// True when [text.begin, text.end) lies inside one committed block.
    bool contains(std::string_view text) const;
    void clear();

private:
    struct Block
    {
        std::unique_ptr<char[]> data;
        std::size_t size = 0;
        std::size_t used = 0;
    };
    std::vector<Block> m_blocks;
    std::size_t m_allocated = 0;
};

} // namespace mw::expo
