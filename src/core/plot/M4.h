#pragma once

// M4 reduction for line charts (Jugel et al., "M4: A Visualization-Oriented
// Time Series Data Aggregation", VLDB 2014): per pixel column keep the first,
// minimum, maximum and last point. Drawn as a polyline, the result is
// pixel-identical to drawing every raw point (for finite data), with at most
// 4 finite points per column.

#include "store/Point.h"

#include <cstdint>
#include <span>
#include <vector>

namespace mw {

/// The pixel column of time t when [t0, t1] spans `width` columns:
/// floor((t - t0) * width / (t1 - t0)), with t1 itself in the last column
/// (and every t in column 0 when t0 == t1). Exact integer arithmetic; only
/// meaningful for t0 <= t <= t1 and width > 0. Renderers map x the same way.
int m4Column(int64_t t, int64_t t0, int64_t t1, int width);

/// Reduces `points` (sorted by time) for drawing [t0, t1] on `width` columns
/// into `out` (cleared first; reuse it to avoid allocation).
///
///  * Per column, the first, min, max and last finite point, in time order,
///    each at most once (coinciding roles give one point). Values and times
///    are copied, never averaged.
///  * NaN values (stale markers included) are gaps: a column holding NaNs
///    also gets its first and last NaN point at their positions, so a line
///    never runs across a gap between columns; consecutive NaN points in the
///    output collapse to one.
///  * The last point before t0 and the first after t1 are kept as they are,
///    so lines run to the edges of the plot.
/// width <= 0 or t1 < t0 gives no points.
void m4Reduce(std::span<const Point> points, int64_t t0, int64_t t1, int width, std::vector<Point> &out);

} // namespace mw
