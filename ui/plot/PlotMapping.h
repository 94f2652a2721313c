#pragma once

// Time <-> x and value <-> y for a plot area, in logical pixels. x follows
// m4Column(): time t lies in device column floor((t - t0) * W / span), so a
// reduced point is drawn inside the column M4 put it in.

#include "TimeRange.h"

#include <QRectF>

#include <cstdint>

namespace mw {

struct PlotMapping
{
    QRectF area;        ///< the plot area (logical pixels)
    TimeRange time;     ///< visible time range, left edge to right edge
    double vMin = 0;    ///< value at the bottom edge
    double vMax = 1;    ///< value at the top edge

    double xOf(int64_t t) const;
    /// Inverse of xOf, rounded to the nearest millisecond.
    int64_t tOf(double x) const;
    double yOf(double v) const;
    double vOf(double y) const;
};

} // namespace mw
