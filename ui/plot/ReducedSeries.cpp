#include "ReducedSeries.h"

#include "plot/M4.h"

#include <algorithm>
#include <cmath>

namespace mw {

bool ReducedSeries::update(const SeriesData &data, TimeRange range, int columns)
{
    if (m_data && data == m_data && range == m_range && columns == m_columns)
        return false;
    m_data = data;
    m_range = range;
    m_columns = columns;
    m_hasFinite = false;
    if (!data || !range.isValid() || columns <= 0) {
        m_points.clear();
        return true;
    }
    m4Reduce(*data, range.t0, range.t1, columns, m_points);
    // Min/max over the reduced points is the min/max of the visible raw
    // points: M4 keeps each column's extremes. Skip the edge neighbours.
    for (const Point &p : m_points) {
        if (p.t < range.t0 || p.t > range.t1 || !std::isfinite(p.v))
            continue;
        if (!m_hasFinite) {
            m_min = m_max = p.v;
            m_hasFinite = true;
        } else {
            m_min = std::min(m_min, p.v);
            m_max = std::max(m_max, p.v);
        }
    }
    return true;
}

std::optional<Point> ReducedSeries::nearest(const SeriesData &data, int64_t t)
{
    if (!data || data->empty())
        return std::nullopt;
    const std::vector<Point> &pts = *data;
    const auto it = std::lower_bound(pts.begin(), pts.end(), t, [](const Point &p, int64_t x) { return p.t < x; });
    if (it == pts.end())
        return pts.back();
    if (it == pts.begin())
        return *it;
    const auto before = std::prev(it);
    return (t - before->t) <= (it->t - t) ? *before : *it;
}

} // namespace mw
