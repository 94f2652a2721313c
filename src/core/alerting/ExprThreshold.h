#pragma once

#include "AlertRule.h"

#include <optional>
#include <string>
#include <string_view>

namespace mw::alerting {

/// `left OP number`, split out of a filter expression.
struct SplitThreshold
{
    std::string left;
    CompareOp op = CompareOp::Greater;
    double threshold = 0.0;
};

/// Recognises a Prometheus alert expression whose outermost operation is a
/// comparison with a number literal (`rate(a[1m]) / rate(b[1m]) > 500000`),
/// so an imported rule can show its threshold as a number and take a clear
/// threshold. The two forms select the same series with the same values.
///
/// Conservative by design: anything it is unsure about stays a filter
/// expression — a second top-level comparison, `bool`, `and`/`or`/`unless`,
/// vector matching (`on`, `ignoring`, `group_left`), a comment, a number on
/// the left, or a right side that is not a plain finite number.
std::optional<SplitThreshold> splitTrailingComparison(std::string_view expr);

} // namespace mw::alerting
