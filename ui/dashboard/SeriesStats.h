#pragma once

// Last, min, max and mean of a series' finite values (NaN gaps skipped).

#include "store/Point.h"

#include <cstddef>
#include <limits>
#include <vector>

namespace mw::ui {

struct SeriesStats
{
    double last = std::numeric_limits<double>::quiet_NaN();
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    std::size_t count = 0; ///< finite values
};

SeriesStats seriesStats(const std::vector<Point> &points);

} // namespace mw::ui
