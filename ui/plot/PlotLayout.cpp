#include "PlotLayout.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace mw {

PlotLayout PlotLayout::compute(QSizeF size, const QFont &font, bool header)
{
    const QFontMetricsF fm(font);
    PlotLayout l;
    l.widget = QRectF(QPointF(0, 0), size);
    l.lineHeight = fm.height();
    const qreal pad = std::ceil(fm.height() * 0.4);
    // Without a header row, room for the top tick label's upper half.
    const qreal headerH = header ? std::ceil(fm.height()) + pad : std::ceil(fm.height() / 2);
    const qreal left = std::ceil(fm.horizontalAdvance(QStringLiteral("-888.8 ms"))) + pad;
    const qreal bottom = std::ceil(fm.height()) + pad;
    const qreal right = std::ceil(fm.horizontalAdvance(QStringLiteral("00:00")) / 2) + 2;
    l.header = QRectF(pad, 0, std::max<qreal>(0, size.width() - 2 * pad), headerH);
    // Whole logical pixels, so device columns map onto the area exactly.
    l.area = QRectF(left, headerH + pad / 2, std::max<qreal>(1, std::floor(size.width() - left - right)),
                    std::max<qreal>(1, std::floor(size.height() - headerH - pad / 2 - bottom)));
    const qreal labelW = fm.horizontalAdvance(QStringLiteral("00:00:00")) + 2 * pad;
    l.maxXTicks = std::max(2, static_cast<int>(l.area.width() / labelW));
    l.maxYTicks = std::max(2, static_cast<int>(l.area.height() / (fm.height() * 2.2)));
    return l;
}

} // namespace mw
