#include "PlotMapping.h"

#include <cmath>

namespace mw {

double PlotMapping::xOf(int64_t t) const
{
    const int64_t span = time.span();
    if (span <= 0)
        return area.left();
    return area.left() + static_cast<double>(t - time.t0) * area.width() / static_cast<double>(span);
}

int64_t PlotMapping::tOf(double x) const
{
    if (area.width() <= 0)
        return time.t0;
    const double dt = (x - area.left()) * static_cast<double>(time.span()) / area.width();
    return time.t0 + static_cast<int64_t>(std::llround(dt));
}

double PlotMapping::yOf(double v) const
{
    const double range = vMax - vMin;
    if (!(range > 0))
        return area.center().y();
    return area.bottom() - (v - vMin) * area.height() / range;
}

double PlotMapping::vOf(double y) const
{
    if (area.height() <= 0)
        return vMin;
    return vMin + (area.bottom() - y) * (vMax - vMin) / area.height();
}

} // namespace mw
