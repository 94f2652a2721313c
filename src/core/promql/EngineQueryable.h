#pragma once

#include "store/Labels.h"
#include "store/Point.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace mw::promql {

/// A label matcher with its regular expression compiled once (RE2, fully
/// anchored, the syntax and semantics of Go's regexp that Prometheus uses).
class CompiledMatcher
{
public:
    enum class Op { Equal, NotEqual, Regex, NotRegex };

    /// Fails (error() non-empty) when the regular expression does not compile.
    CompiledMatcher(Op op, std::string name, std::string value);
    ~CompiledMatcher();
    CompiledMatcher(CompiledMatcher &&) noexcept;
    CompiledMatcher &operator=(CompiledMatcher &&) noexcept;

    Op op() const { return m_op; }
    const std::string &name() const { return m_name; }
    const std::string &value() const { return m_value; }
    const std::string &error() const { return m_error; }
    /// A missing label matches as the empty string, as in Prometheus.
    bool matches(std::string_view labelValue) const;

private:
    struct Regex;
    Op m_op;
    std::string m_name;
    std::string m_value;
    std::string m_error;
    std::unique_ptr<Regex> m_regex;
};

/// A series as the engine reads it: labels and points (staleness markers
/// included, in time order) within the requested window.
struct SeriesData
{
    Labels labels;
    std::vector<Point> points;
};

/// Where the engine reads series from: the local store, or anything else
/// that can answer a selection.
class Queryable
{
public:
    virtual ~Queryable() = default;
    /// Every series matching all `matchers`, with its points in [mint, maxt].
    virtual std::vector<SeriesData> select(std::span<const CompiledMatcher> matchers, int64_t mint,
                                           int64_t maxt) const = 0;
};

} // namespace mw::promql
