#include "CurveMapping.h"

#include <algorithm>
#include <cmath>

namespace mw::view {

QPointF CurveMapping::map(double x, double y) const
{
    return {area.left() + x * area.width(), area.bottom() - y * area.height()};
}

QPointF CurveMapping::unmap(const QPointF &pixel) const
{
    const double w = area.width() > 0.0 ? area.width() : 1.0;
    const double h = area.height() > 0.0 ? area.height() : 1.0;
    return {(pixel.x() - area.left()) / w, (area.bottom() - pixel.y()) / h};
}

int CurveMapping::nearest(std::span<const QPointF> points, const QPointF &pixel, double maxDistance) const
{
    int best = -1;
    double bestDistance = maxDistance * maxDistance;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (std::isnan(points[i].x()) || std::isnan(points[i].y()))
            continue;
        const QPointF d = map(points[i].x(), points[i].y()) - pixel;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = int(i);
        }
    }
    return best;
}

QRectF CurveMapping::squareArea(const QRectF &bounds, double left, double top, double right, double bottom)
{
    const double w = bounds.width() - left - right;
    const double h = bounds.height() - top - bottom;
    const double side = std::max(0.0, std::min(w, h));
    const double x = bounds.left() + left + (w - side) / 2.0;
    return {x, bounds.top() + top, side, side};
}

} // namespace mw::view
