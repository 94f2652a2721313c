#include "QualityPaint.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw::view {

QString qualityStateText(const QualitySnapshot *s)
{
    if (!s || s->labeled <= 0.0)
        return QCoreApplication::translate("mw::view::QualityView", "No data yet");
    if (!s->enoughSamples())
        return QCoreApplication::translate("mw::view::QualityView", "Waiting for labels (%1 of %2)")
            .arg(qint64(std::llround(s->labeled)))
            .arg(s->minSamples);
    return {};
}

void paintStateText(QPainter &p, const QRectF &rect, const QString &text, const PlotStyle &style)
{
    p.save();
    p.setFont(style.font);
    p.setPen(style.tickText);
    p.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, text);
    p.restore();
}

void paintHoverBox(QPainter &p, const QPointF &anchor, const QStringList &lines, const QRectF &bounds,
                   const PlotStyle &style)
{
    if (lines.isEmpty())
        return;
    p.save();
    p.setFont(style.font);
    const QFontMetricsF fm(style.font);
    double width = 0.0;
    for (const QString &l : lines)
        width = std::max(width, fm.horizontalAdvance(l));
    const double pad = 6.0;
    const QSizeF size(width + 2 * pad, fm.height() * double(lines.size()) + 2 * pad);
    QPointF at = anchor + QPointF(12.0, 12.0);
    if (at.x() + size.width() > bounds.right())
        at.setX(anchor.x() - 12.0 - size.width());
    if (at.y() + size.height() > bounds.bottom())
        at.setY(anchor.y() - 12.0 - size.height());
    at.setX(std::max(at.x(), bounds.left()));
    at.setY(std::max(at.y(), bounds.top()));
    const QRectF box(at, size);
    p.setPen(style.boxBorder);
    p.setBrush(style.boxBase);
    p.drawRoundedRect(box, 3.0, 3.0);
    p.setPen(style.boxText);
    for (qsizetype i = 0; i < lines.size(); ++i)
        p.drawText(QPointF(box.left() + pad, box.top() + pad + fm.ascent() + fm.height() * double(i)), lines[i]);
    p.restore();
}

} // namespace mw::view
