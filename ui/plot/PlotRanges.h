#pragma once

// The ranges a plot shows when nobody chose them: the time extent of its
// data and the y range of its visible, reduced data. Plain maths, no Qt
// widgets.

#include "NiceTicks.h"
#include "PlotTypes.h"
#include "ReducedSeries.h"
#include "TimeRange.h"

#include <optional>
#include <vector>

namespace mw::PlotRanges {

/// First to last time over all series; a single instant gets +/- 30 s;
/// nullopt without data.
std::optional<TimeRange> dataExtent(const std::vector<PlotSeries> &series);

/// The nice auto range of the visible values (fixed ends kept as given).
NiceTicks::Range valueRange(const std::vector<ReducedSeries> &reduced, std::optional<double> fixedMin,
                            std::optional<double> fixedMax, int maxTicks);

} // namespace mw::PlotRanges
