#pragma once

#include "Dashboard.h"

#include <string>
#include <string_view>
#include <vector>

namespace mw::presets {

/// A panel of a preset dashboard and whether it may be left out.
struct PresetPanel
{
    Panel panel;
    /// Core panels (throughput, errors, latency, queue, tokens/s) always go
    /// into a preset dashboard. Optional ones (GPU, host gauges, batching,
    /// opt-in histograms) only when the target exports every metric their
    /// queries name, so that no panel is born empty.
    bool optional = false;
};

/// Building blocks of the preset definitions. Every rate window is kRateWindow.
namespace preset {

inline constexpr std::string_view kRateWindow = "[1m]";

/// `rate(SELECTOR[1m])`.
std::string rate(std::string_view selector);
/// `sum by (BY) (rate(SELECTOR[1m]))`, or `sum(rate(SELECTOR[1m]))` when `by` is empty.
std::string sumRate(std::string_view selector, std::string_view by = {});
/// `{{LABEL}}` legends joined by spaces after `prefix`: legend("p99", "model") is "p99 {{model}}".
std::string legend(std::string_view prefix, std::string_view label);
/// p50, p95 and p99 of a classic histogram:
/// `histogram_quantile(Q, sum by (le[, BY]) (rate(BUCKET[1m])))`.
std::vector<PanelQuery> quantiles(std::string_view bucketSelector, std::string_view by = {});
/// `sumRate(num, by) / sumRate(den, by)`: a mean from a `_sum`/`_count` pair or
/// from a cumulative duration counter over a request counter.
std::string ratioOfRates(std::string_view numerator, std::string_view denominator, std::string_view by = {});

PresetPanel panel(std::string title, Unit unit, std::vector<PanelQuery> queries, std::string description,
                  bool optional = false);
PresetPanel withThresholds(PresetPanel panel, double warning, double critical);

} // namespace preset

} // namespace mw::presets
