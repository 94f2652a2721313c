#include "SeriesStats.h"

#include <algorithm>
#include <cmath>

namespace mw::ui {

SeriesStats seriesStats(const std::vector<Point> &points)
{
    SeriesStats s;
    double sum = 0;
    for (const Point &p : points) {
        if (!std::isfinite(p.v))
            continue;
        if (s.count == 0) {
            s.min = s.max = p.v;
        } else {
            s.min = std::min(s.min, p.v);
            s.max = std::max(s.max, p.v);
        }
        sum += p.v;
        s.last = p.v;
        ++s.count;
    }
    if (s.count)
        s.mean = sum / static_cast<double>(s.count);
    return s;
}

} // namespace mw::ui
