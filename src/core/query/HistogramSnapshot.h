#pragma once

// Classic histograms of one parsed payload: `_bucket` samples grouped into
// series by their labels minus `le`, with `le` parsed numerically (so
// le="1" and le="1.0" land in the same bucket), plus `_sum`, `_count` and
// `_created` of the same label set. What histogram_quantile(q, x_bucket)
// does on one scrape.

#include "query/HistogramQuantile.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mw::expo {
class ParseResult;
}

namespace mw {

struct HistogramSeries
{
    /// Labels without `le`, sorted by name.
    std::vector<std::pair<std::string, std::string>> labels;
    /// Buckets in payload order (bucketQuantile sorts a copy).
    std::vector<Bucket> buckets;
    double sum = std::numeric_limits<double>::quiet_NaN();     ///< `_sum` (`_gsum`), NaN if absent
    double count = std::numeric_limits<double>::quiet_NaN();   ///< `_count` (`_gcount`), NaN if absent
    double created = std::numeric_limits<double>::quiet_NaN(); ///< `_created`, NaN if absent
    /// `_bucket` samples skipped for a missing or malformed `le` (Prometheus
    /// skips them too, with a "bad bucket label" warning in 3.x).
    uint32_t badBucketLabels = 0;

    std::optional<std::string_view> label(std::string_view name) const;
    /// A view for localQuantile()/localMean().
    HistogramScrape scrape() const { return {buckets, sum, count, created}; }
};

/// All series of the classic histogram `baseName` (without `_bucket`) in
/// `payload`, in order of first appearance.
std::vector<HistogramSeries> histogramSeries(const expo::ParseResult &payload, std::string_view baseName);

/// histogram_quantile(q, series) on one scrape. `scratch` is reused.
QuantileResult seriesQuantile(const HistogramSeries &series, double q, std::vector<Bucket> &scratch,
                              PromCompat compat = PromCompat::V2_42);

} // namespace mw
