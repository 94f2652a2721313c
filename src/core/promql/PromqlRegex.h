#pragma once

// The two questions the parser asks of a label matcher's regular expression,
// answered with RE2 (the syntax of Go's regexp, which Prometheus uses), with
// the expression anchored as Prometheus anchors it: ^(?:re)$.

#include <string>
#include <string_view>

namespace mw::promql {

/// Empty when `pattern` compiles, else `invalid regular expression "...": reason`.
std::string regexError(std::string_view pattern);

/// Whether the anchored expression matches the empty string (false if it does not compile).
bool regexMatchesEmpty(std::string_view pattern);

} // namespace mw::promql
