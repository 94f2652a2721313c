#pragma once

// Everything a plot shows, as values: what TimeSeriesPlot owns and
// PlotPainter draws.

#include "PlotTypes.h"

#include <optional>
#include <vector>

namespace mw {

struct PlotContent
{
    QString title;
    std::vector<PlotSeries> series;
    std::vector<ThresholdLine> thresholds;
    std::vector<ThresholdBand> bands;
    std::vector<TimeBand> timeBands;
    ValueFormatter formatter;      ///< empty: ValueFormat::tick / ValueFormat::si
    std::optional<double> yMin;    ///< fixed lower y bound (e.g. 0), else auto
    std::optional<double> yMax;    ///< fixed upper y bound, else auto
    bool header = true;            ///< the title and legend row
};

} // namespace mw
