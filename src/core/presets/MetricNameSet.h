#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mw::expo {
class ParseResult;
}

namespace mw::presets {

/// The metric names a target offers: from a parsed payload, or from a plain
/// list (Prometheus' /api/v1/label/__name__/values). Sorted and unique.
class MetricNameSet
{
public:
    MetricNameSet() = default;
    /// Names as a Prometheus server would store them (`foo_bucket`, `foo_sum`, ...).
    explicit MetricNameSet(std::vector<std::string> names);

    /// The sample names of `result`: the series a scrape of it stores, so a
    /// panel over these names is not born empty.
    static MetricNameSet fromPayload(const expo::ParseResult &result);
    /// fromPayload() plus the names each family declares without samples (TF
    /// Serving and TorchServe print TYPE lines for families that have none yet):
    /// the family name and, by type, a histogram's `_bucket`/`_sum`/`_count`, a
    /// gauge histogram's `_bucket`/`_gsum`/`_gcount`, a summary's `_sum`/`_count`,
    /// an OpenMetrics counter's `_total`, an OpenMetrics info's `_info`. Evidence
    /// of what a server is, not of what it has measured.
    static MetricNameSet declaredIn(const expo::ParseResult &result);

    bool contains(std::string_view name) const;
    bool empty() const { return m_names.empty(); }
    const std::vector<std::string> &names() const { return m_names; }

    /// The family a stored name belongs to: `foo_bucket`/`foo_sum`/`foo_count`
    /// (and a gauge histogram's `foo_gsum`/`foo_gcount`) give `foo` when a
    /// sibling suffix exists too (so `nv_inference_count` stays itself),
    /// `foo_created` gives `foo_total` or `foo` likewise.
    std::string familyOf(std::string_view name) const;
    /// familyOf() over every name, sorted and unique.
    std::vector<std::string> families() const;

private:
    std::vector<std::string> m_names;
};

} // namespace mw::presets
