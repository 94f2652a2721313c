#pragma once

#include "Dashboard.h"
#include "Detector.h"
#include "MetricNameSet.h"
#include "PresetPanel.h"

#include <vector>

namespace mw::presets {

/// Turns a detection into a ready dashboard: the detected server's panels,
/// then those of each generic collector found beside it (process RSS and CPU,
/// Go, Python, node_exporter). Expressions use the servers' real metric and
/// label names, rates over a fixed PresetPanel kRateWindow.
class PresetBuilder
{
public:
    /// Every preset panel of a server kind, in display order (none for Unknown).
    static std::vector<PresetPanel> panels(ServerKind kind);
    /// Every preset panel of a collector, in display order.
    static std::vector<PresetPanel> panels(Collector collector);

    /// The dashboard for `detection`. Core panels are always included;
    /// optional ones only when `available` (the target's stored series names,
    /// MetricNameSet::fromPayload) holds every metric their queries name.
    /// Empty `panels` when nothing was recognised.
    static Dashboard build(const Detection &detection, const MetricNameSet &available);

    /// Whether every metric that `panel`'s queries name is in `available`.
    static bool hasAllMetrics(const Panel &panel, const MetricNameSet &available);
};

} // namespace mw::presets
