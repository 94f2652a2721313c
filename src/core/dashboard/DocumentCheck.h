#pragma once

#include "Document.h"
#include "Issue.h"

#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard {

/// Parses every panel query and every rule expression with promql::parse()
/// (Prometheus 2.42's grammar and type checks) and returns one Issue per
/// expression that fails: pointer "/panels/3/queries/0/expr" or
/// "/rules/1/expr", "/sources/2/scoreBuckets/positives", column the 1-based character column inside the
/// expression as written, message Prometheus' ("unexpected ..."). Variables
/// ($name, ${name}, ${name:format}, [[name]]) are replaced by their first
/// current value (or option, or "x") before parsing, as the query would run.
std::vector<Issue> checkExpressions(const Document &document);

/// Checks what each panel reads: a quality panel (quality_curve,
/// confusion_matrix) draws a feed source's window, so the source it names, or
/// the document's first source when it names none, must be a feed source; a
/// quality_curve panel may also read a score_buckets source, or any source
/// with score-bucket queries A and B.
/// One Issue per panel that does not: pointer "/panels/2/source" when the
/// panel names its source, "/panels/2" when it relies on the first one.
/// (Unknown source names are refused when the document is read.)
std::vector<Issue> checkPanelSources(const Document &document);

/// `expr` with the document's variables substituted; `origin[i]` is the
/// byte offset in `expr` that output byte i came from.
std::string substituteVariables(std::string_view expr, const std::vector<Variable> &variables,
                                std::vector<std::size_t> *origin = nullptr);

} // namespace mw::dashboard
