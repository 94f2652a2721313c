#include "HoverOverlay.h"

#include "ReducedSeries.h"
#include "TimeTicks.h"
#include "ValueFormat.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw {
namespace {

QString hoverValue(const PlotContent &c, const std::optional<Point> &pt)
{
    if (!pt || !std::isfinite(pt->v))
        return QCoreApplication::translate("mw::HoverOverlay", "no data");
    return c.formatter ? c.formatter(pt->v) : ValueFormat::si(pt->v, QString());
}

} // namespace

QStringList HoverOverlay::boxLines(const PlotContent &c, int64_t t, int64_t span, const QTimeZone &tz)
{
    QStringList lines;
    lines << TimeTicks::hoverLabel(t, span, tz, QLocale());
    for (const PlotSeries &s : c.series) {
        lines << QCoreApplication::translate("mw::HoverOverlay", "%1: %2")
                     .arg(s.name, hoverValue(c, ReducedSeries::nearest(s.points, t)));
    }
    return lines;
}

void HoverOverlay::paint(QPainter &p, const PlotContent &c, const PlotLayout &l, const PlotMapping &m,
                         const PlotStyle &s, const HoverState &h, const QTimeZone &tz)
{
    const QRectF &a = l.area;
    if (h.bandX0 && h.bandX1) {
        const double x0 = std::clamp(std::min(*h.bandX0, *h.bandX1), a.left(), a.right());
        const double x1 = std::clamp(std::max(*h.bandX0, *h.bandX1), a.left(), a.right());
        p.fillRect(QRectF(QPointF(x0, a.top()), QPointF(x1, a.bottom())), s.selection);
    }
    if (!h.time || *h.time < m.time.t0 || *h.time > m.time.t1)
        return;
    const double x = std::round(m.xOf(*h.time)) + 0.5;
    p.setPen(QPen(s.crosshair, 0));
    p.drawLine(QPointF(x, a.top()), QPointF(x, a.bottom()));

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    const double r = std::max(2.5, l.lineHeight * 0.22);
    for (const PlotSeries &ser : c.series) {
        const std::optional<Point> pt = ReducedSeries::nearest(ser.points, *h.time);
        if (!pt || !std::isfinite(pt->v) || pt->t < m.time.t0 || pt->t > m.time.t1)
            continue;
        const QPointF at(m.xOf(pt->t), m.yOf(pt->v));
        if (!a.contains(at))
            continue;
        p.setPen(QPen(s.background, 1.5));
        p.setBrush(ser.color);
        p.drawEllipse(at, r, r);
    }
    p.restore();
    if (h.showBox)
        paintBox(p, c, l, m, s, x, *h.time, tz);
}

void HoverOverlay::paintBox(QPainter &p, const PlotContent &c, const PlotLayout &l, const PlotMapping &m,
                            const PlotStyle &s, double x, int64_t t, const QTimeZone &tz)
{
    const QFontMetricsF fm(s.font);
    const QStringList lines = boxLines(c, t, m.time.span(), tz);
    const double pad = std::round(fm.height() * 0.35);
    const double swatch = std::round(fm.height() * 0.6);
    double textW = 0;
    for (qsizetype i = 0; i < lines.size(); ++i)
        textW = std::max(textW, fm.horizontalAdvance(lines[i]) + (i > 0 ? swatch + pad : 0));
    const double w = std::min(textW + 2 * pad, l.widget.width() - 4);
    const double hgt = static_cast<double>(lines.size()) * fm.height() + 2 * pad;
    // Right of the crosshair, or left of it when it does not fit.
    double left = x + 12;
    if (left + w > l.widget.right() - 2)
        left = x - 12 - w;
    left = std::max(2.0, left);
    const double top = std::clamp(l.area.top() + 4, 2.0, std::max(2.0, l.widget.bottom() - hgt - 2));
    const QRectF box(left, top, w, hgt);

    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(s.boxBorder, 1));
    QColor base = s.boxBase;
    base.setAlphaF(0.94f);
    p.setBrush(base);
    p.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    p.setClipRect(box);
    double y = top + pad + fm.ascent();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        double tx = left + pad;
        if (i > 0) {
            const QColor col = c.series[static_cast<std::size_t>(i - 1)].color;
            p.fillRect(QRectF(tx, y - fm.ascent() / 2 - swatch / 2, swatch, swatch), col);
            tx += swatch + pad;
        }
        p.setPen(s.boxText);
        p.drawText(QPointF(tx, y), lines[i]);
        y += fm.height();
    }
    p.restore();
}

} // namespace mw
