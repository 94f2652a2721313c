#pragma once

// The drawing maths of a ROC or precision-recall pane, as a plain struct
// tested without painting: the unit square of rates (x right, y up) onto the
// pane's plot area in pixels and back, and the curve point nearest to the
// pointer. QtCore only.

#include <QPointF>
#include <QRectF>

#include <span>

namespace mw::view {

struct CurveMapping
{
    QRectF area; ///< the plot area: x = 0 at its left, 1 at its right; y = 0 at its bottom, 1 at its top

    QPointF map(double x, double y) const;
    QPointF unmap(const QPointF &pixel) const;

    /// The index of the data point (rates, not pixels) nearest to `pixel`,
    /// at most `maxDistance` pixels away; -1 when none is. NaN points are skipped.
    int nearest(std::span<const QPointF> points, const QPointF &pixel, double maxDistance) const;

    /// The plot area of a pane: the largest square that fits in `bounds`
    /// after the margins (left, top, right, bottom), centred horizontally.
    static QRectF squareArea(const QRectF &bounds, double left, double top, double right, double bottom);
};

} // namespace mw::view
