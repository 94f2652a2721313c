#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mw::presets {

/// What a PromQL expression refers to, found by a lexical scan (no parse):
/// enough to tell whether a target exports what a panel needs, and to check
/// the presets against real payloads. Each list is sorted and unique.
struct ExprReferences
{
    std::vector<std::string> metrics;   ///< metric names of selectors (`rate(foo[1m])` gives foo)
    std::vector<std::string> labels;    ///< label names in matchers and in by/without/on/ignoring lists
    std::vector<std::string> functions; ///< names called: functions and aggregations (`sum`, `rate`)
    /// Empty, or the first lexical problem (an unterminated string, bracket or
    /// brace, unbalanced parentheses) with its byte offset.
    std::string error;

    /// Scans `expr`. Keywords (`by`, `bool`, `offset`, `and`, ...), numbers,
    /// durations, strings and label values are skipped. `{__name__="x"}` counts
    /// as metric x.
    static ExprReferences scan(std::string_view expr);
};

} // namespace mw::presets
