#pragma once

// Where the parts of a plot go for a widget size and font: header (title and
// legend), plot area, axis label margins, and how many ticks fit. The left
// margin is fixed per font so the plot areas of a dashboard grid line up.
// QtGui only.

#include <QFont>
#include <QRectF>
#include <QSizeF>

namespace mw {

struct PlotLayout
{
    QRectF widget;   ///< the whole widget (logical pixels)
    QRectF header;   ///< title and legend row
    QRectF area;     ///< the plot area
    qreal lineHeight = 0;
    int maxXTicks = 2;
    int maxYTicks = 2;

    /// `header` false: no title and legend row (the panel shows them itself).
    static PlotLayout compute(QSizeF size, const QFont &font, bool header = true);
};

} // namespace mw
