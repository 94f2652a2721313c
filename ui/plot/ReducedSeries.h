#pragma once

// One series reduced with M4 to a plot's device-pixel columns, cached: it is
// recomputed only when the data, the column count or the visible range
// change. Also answers "the value at time t" for the hover box from the raw
// data. No Qt dependency.

#include "PlotTypes.h"
#include "TimeRange.h"

#include <optional>
#include <vector>

namespace mw {

class ReducedSeries
{
public:
    /// Brings the cache up to date; returns true when it had to reduce again.
    bool update(const SeriesData &data, TimeRange range, int columns);
    void invalidate() { m_data.reset(); }

    /// The reduced points (M4 output, NaN runs collapsed to one NaN).
    const std::vector<Point> &points() const { return m_points; }
    /// Smallest and largest finite value inside the visible range, if any.
    std::optional<double> visibleMin() const { return m_hasFinite ? std::optional(m_min) : std::nullopt; }
    std::optional<double> visibleMax() const { return m_hasFinite ? std::optional(m_max) : std::nullopt; }

    /// The raw point nearest to t (either side), if the series has any.
    static std::optional<Point> nearest(const SeriesData &data, int64_t t);

private:
    SeriesData m_data;
    TimeRange m_range;
    int m_columns = 0;
    std::vector<Point> m_points;
    double m_min = 0;
    double m_max = 0;
    bool m_hasFinite = false;
};

} // namespace mw
