#pragma once

// Value types a TimeSeriesPlot draws. Series data is an immutable shared
// vector: handing a new one to a plot is O(1) and may cross threads.

#include "store/Point.h"

#include <QColor>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace mw {

using SeriesData = std::shared_ptr<const std::vector<Point>>;

/// Formats a value for tick labels and the hover box ("12.5 ms", "3.2 GB").
/// May be called from the frame clock's worker threads: keep it reentrant.
using ValueFormatter = std::function<QString(double)>;

struct PlotSeries
{
    QString name;
    QColor color;
    SeriesData points; ///< sorted by time; NaN values are gaps
};

/// A horizontal line at `value` (e.g. an alert threshold).
struct ThresholdLine
{
    double value = 0;
    QColor color;
    QString label;
};

/// A horizontal area between two values (e.g. the warning zone); either end
/// may be +/-infinity.
struct ThresholdBand
{
    double from = 0;
    double to = 0;
    QColor color;
};

/// A vertical area over a time span (e.g. an alert that was firing).
struct TimeBand
{
    int64_t from = 0;
    int64_t to = 0;
    QColor color;
};

} // namespace mw
