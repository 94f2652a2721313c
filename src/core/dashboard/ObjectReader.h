#pragma once

// Internal to the dashboard JSON readers: typed access to one JSON object's
// members that throws ReadFailure with the JSON pointer of the first problem,
// and warns about members nobody asked for.

#include "Issue.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard::detail {

struct ReadFailure
{
    Issue issue;
};

[[noreturn]] void fail(const std::string &pointer, std::string message);

class ObjectReader
{
public:
    /// Throws unless `object` is a JSON object. Unknown members are reported
    /// to `warnings` (may be null) by finish().
    ObjectReader(const nlohmann::json &object, std::string pointer, std::vector<Issue> *warnings);

    const std::string &pointer() const { return m_pointer; }
    std::string at(const char *key) const { return pointerChild(m_pointer, key); }

    /// The member if present and not null; throws on a wrong type.
    const nlohmann::json *optional(const char *key, nlohmann::json::value_t type);
    const nlohmann::json &required(const char *key, nlohmann::json::value_t type);

    std::string string(const char *key) { return required(key, nlohmann::json::value_t::string).get<std::string>(); }
    std::string stringOr(const char *key, std::string fallback);
    bool boolOr(const char *key, bool fallback);
    /// An integer in [min, max]; `fallback` when absent (nullopt: required).
    int64_t integer(const char *key, int64_t min, int64_t max, std::optional<int64_t> fallback = std::nullopt);
    double finite(const char *key);
    /// An array of at most `maxSize` elements, or null when absent.
    const nlohmann::json *array(const char *key, std::size_t maxSize);

    template<typename E>
    E enumOr(const char *key, std::optional<E> fallback, std::optional<E> (*parse)(std::string_view), const char *what)
    {
        const nlohmann::json *m = optional(key, nlohmann::json::value_t::string);
        if (!m) {
            if (!fallback)
                fail(at(key), "missing");
            return *fallback;
        }
        const std::string text = m->get<std::string>();
        const std::optional<E> v = parse(text);
        if (!v)
            fail(at(key), "unknown " + std::string(what) + " '" + text + "'");
        return *v;
    }

    /// Marks `key` as known without reading it (another reader reads it).
    void markKnown(const char *key) { m_known.insert(key); }

    /// Warns about every member not asked for (they are not kept).
    void finish();

private:
    const nlohmann::json &m_object;
    std::string m_pointer;
    std::vector<Issue> *m_warnings;
    std::set<std::string, std::less<>> m_known;
};

/// Every element of a string array (`pointer` names the array).
std::vector<std::string> stringArray(const nlohmann::json &array, const std::string &pointer);

} // namespace mw::dashboard::detail
