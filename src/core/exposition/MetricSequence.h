#pragma once

#include "ParseResult.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace mw::expo::detail {

/// Tracks which metric (label set, ignoring the label that tells a family's
/// sample kinds apart, such as `le`) each sample of an OpenMetrics family
/// belongs to, so that a metric whose samples are not contiguous is caught.
class MetricSequence
{
public:
    enum class Step {
        SameMetric, ///< continues the metric of the previous sample
        NewMetric,  ///< starts a metric not seen before in this family
        Interleaved ///< returns to a metric that an earlier one interrupted
    };

    /// Forgets everything: a new family starts.
    void reset();
    /// Classifies `s` (labels from `result`), `ignored` being the label that
    /// is not part of the metric's identity (may be empty).
    Step next(const ParseResult &result, const Sample &s, std::string_view ignored);

private:
    bool sameLabelsAsPrevious(const ParseResult &result, const Sample &s, std::string_view ignored) const;

    std::unordered_set<std::string> m_seen;
    std::string m_key;
    std::string m_currentKey;
    std::vector<const Label *> m_sorted;
    Sample m_previous;
};

} // namespace mw::expo::detail
