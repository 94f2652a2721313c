#include "PlotPainter.h"

#include "ColumnRaster.h"
#include "ValueFormat.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw {
namespace {

/// Keeps mapped coordinates of out-of-range values within what the
/// rasteriser handles well.
double clampY(double y, const QRectF &area)
{
    return std::clamp(y, area.top() - 1e4, area.bottom() + 1e4);
}

/// floor() for values well inside int range, without the libm call that
/// baseline x86-64 code makes for std::floor.
inline int ifloor(double x)
{
    const int i = static_cast<int>(x);
    return i - (x < i ? 1 : 0);
}

QColor withAlpha(QColor c, float alpha)
{
    c.setAlphaF(alpha);
    return c;
}

} // namespace

QString PlotPainter::valueLabel(const PlotContent &c, double v, double step)
{
    if (c.formatter)
        return c.formatter(v);
    return ValueFormat::tick(v, step);
}

void PlotPainter::paintLayer(QPainter &p, const PlotFrame &f)
{
    p.fillRect(f.layout.widget, f.style.background);
    p.setFont(f.style.font);
    paintBands(p, f);
    paintGrid(p, f);
    paintThresholds(p, f, false);
    paintSeries(p, f);
    paintThresholds(p, f, true);
    paintAxes(p, f);
    paintHeader(p, f);
}

void PlotPainter::paintBands(QPainter &p, const PlotFrame &f) const
{
    const QRectF &a = f.layout.area;
    for (const ThresholdBand &b : f.content.bands) {
        const double y0 = std::isfinite(b.from) ? clampY(f.map.yOf(b.from), a) : (b.from < 0 ? a.bottom() : a.top());
        const double y1 = std::isfinite(b.to) ? clampY(f.map.yOf(b.to), a) : (b.to < 0 ? a.bottom() : a.top());
        const QRectF r = QRectF(QPointF(a.left(), std::min(y0, y1)), QPointF(a.right(), std::max(y0, y1))) & a;
        if (!r.isEmpty())
            p.fillRect(r, withAlpha(b.color, 0.16f));
    }
    for (const TimeBand &b : f.content.timeBands) {
        const double x0 = std::max(a.left(), f.map.xOf(std::max(b.from, f.map.time.t0)));
        const double x1 = std::min(a.right(), f.map.xOf(std::min(b.to, f.map.time.t1)));
        if (x1 > x0)
            p.fillRect(QRectF(QPointF(x0, a.top()), QPointF(x1, a.bottom())), withAlpha(b.color, 0.18f));
    }
}

void PlotPainter::paintGrid(QPainter &p, const PlotFrame &f) const
{
    const QRectF &a = f.layout.area;
    p.setPen(QPen(f.style.grid, 0));
    for (const double v : f.yTicks.values) {
        const double y = std::round(f.map.yOf(v)) + 0.5;
        if (y >= a.top() && y <= a.bottom())
            p.drawLine(QPointF(a.left(), y), QPointF(a.right(), y));
    }
    for (const TimeTick &t : f.xTicks.ticks) {
        const double x = std::round(f.map.xOf(t.t)) + 0.5;
        if (x >= a.left() && x <= a.right())
            p.drawLine(QPointF(x, a.top()), QPointF(x, a.bottom()));
    }
}

void PlotPainter::paintThresholds(QPainter &p, const PlotFrame &f, bool labels) const
{
    const QRectF &a = f.layout.area;
    const QFontMetricsF fm(f.style.font);
    for (const ThresholdLine &t : f.content.thresholds) {
        const double y = std::round(f.map.yOf(t.value)) + 0.5;
        if (y < a.top() || y > a.bottom())
            continue;
        if (!labels) {
            QPen pen(t.color, 1.0);
            pen.setStyle(Qt::DashLine);
            pen.setCosmetic(true);
            p.setPen(pen);
            p.drawLine(QPointF(a.left(), y), QPointF(a.right(), y));
            continue;
        }
        if (t.label.isEmpty())
            continue;
        // Over the series, on a veil of the background so it stays readable;
        // above the line, or below it at the top edge.
        const double w = fm.horizontalAdvance(t.label);
        const bool below = y - fm.height() - 1 < a.top();
        const QRectF box(a.right() - w - 6, below ? y + 1 : y - fm.height() - 1, w + 4, fm.height());
        p.fillRect(box, withAlpha(f.style.background, 0.75f));
        p.setPen(t.color);
        p.drawText(QPointF(box.left() + 2, box.top() + fm.ascent()), t.label);
    }
}

void PlotPainter::paintSeries(QPainter &p, const PlotFrame &f)
{
    const QRectF &a = f.layout.area;
    p.save();
    p.setClipRect(a.adjusted(-1, -1, 1, 1));
    p.setRenderHint(QPainter::Antialiasing, f.style.antialiased);
    const double dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    const QRectF devArea(a.topLeft() * dpr, a.size() * dpr);
    const QRect clip = devArea.toAlignedRect().adjusted(0, -1, 0, 1);
    ColumnRaster raster(p, clip, dpr);
    // Device-pixel mapping with the divisions hoisted out of the loop.
    const double sx = a.width() * dpr / static_cast<double>(std::max<int64_t>(1, f.map.time.span()));
    const double sy = f.map.vMax > f.map.vMin ? a.height() * dpr / (f.map.vMax - f.map.vMin) : 0.0;
    const int64_t t0 = f.map.time.t0;
    const double x0 = a.left() * dpr, y0 = a.bottom() * dpr;
    const double yLo = clip.top() - 1e4, yHi = clip.bottom() + 1e4;
    const auto devY = [&](double v) { return std::clamp(y0 - (v - f.map.vMin) * sy, yLo, yHi); };

    for (std::size_t i = 0; i < f.content.series.size() && i < f.reduced.size(); ++i) {
        const int widthPx = static_cast<int>(std::max(1.0, std::round(f.style.lineWidth * dpr)));
        const QColor color = f.content.series[i].color;
        raster.setColor(color, widthPx);
        QPen pen(color, widthPx);
        pen.setCosmetic(true);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        m_lines.clear();

        // Points are grouped by device column (M4 leaves up to four in one).
        // A group is one vertical run from its min to its max; neighbouring
        // groups in adjacent columns join half-way, as a steep 1-pixel line
        // between them would; farther apart, a QPainter line joins them.
        const std::vector<Point> &pts = f.reduced[i].points();
        bool havePrev = false;
        int prevCol = 0;
        double prevY = 0;
        bool prevJoined = false;
        const auto devCol = [&](int64_t t) {
            return ifloor(std::clamp(x0 + static_cast<double>(t - t0) * sx, -1e6, 1e6));
        };
        std::size_t k = 0;
        while (k < pts.size()) {
            if (!std::isfinite(pts[k].v)) [[unlikely]] {
                if (havePrev && !prevJoined)
                    raster.span(prevCol, prevY, prevY); // a lone point
                havePrev = false;
                ++k;
                continue;
            }
            const int col = devCol(pts[k].t);
            const double yFirst = devY(pts[k].v);
            double yMin = yFirst, yMax = yFirst, yLast = yFirst;
            int count = 1;
            for (++k; k < pts.size() && std::isfinite(pts[k].v); ++k) {
                if (devCol(pts[k].t) != col)
                    break;
                yLast = devY(pts[k].v);
                yMin = std::min(yMin, yLast);
                yMax = std::max(yMax, yLast);
                ++count;
            }
            bool joined = count > 1;
            if (havePrev) {
                if (col - prevCol <= 1) {
                    const double mid = (prevY + yFirst) / 2;
                    raster.span(prevCol, prevY, mid);
                    raster.span(col, mid, yFirst);
                } else {
                    m_lines.emplace_back(QPointF((prevCol + 0.5) / dpr, prevY / dpr),
                                         QPointF((col + 0.5) / dpr, yFirst / dpr));
                }
                joined = true;
            }
            if (count > 1)
                raster.span(col, yMin, yMax);
            prevCol = col;
            prevY = yLast;
            prevJoined = joined;
            havePrev = true;
        }
        if (havePrev && !prevJoined)
            raster.span(prevCol, prevY, prevY);
        raster.flush();
        if (!m_lines.empty())
            p.drawLines(m_lines.data(), static_cast<int>(m_lines.size()));
    }
    p.restore();
}

void PlotPainter::paintAxes(QPainter &p, const PlotFrame &f) const
{
    const QRectF &a = f.layout.area;
    const QFontMetricsF fm(f.style.font);
    p.setPen(QPen(f.style.axis, 0));
    p.drawLine(QPointF(a.left() - 0.5, a.bottom() + 0.5), QPointF(a.right(), a.bottom() + 0.5));
    p.drawLine(QPointF(a.left() - 0.5, a.top()), QPointF(a.left() - 0.5, a.bottom() + 0.5));

    p.setPen(f.style.tickText);
    const double labelW = a.left() - 6;
    for (const double v : f.yTicks.values) {
        const double y = f.map.yOf(v);
        if (y < a.top() - 0.5 || y > a.bottom() + 0.5)
            continue;
        const QString s = fm.elidedText(valueLabel(f.content, v, f.yTicks.step), Qt::ElideRight, labelW);
        const double w = fm.horizontalAdvance(s);
        // Keep the label inside the widget at the top and bottom edges.
        const double base = std::clamp(y + (fm.ascent() - fm.descent()) / 2, fm.ascent(), f.layout.widget.bottom() - fm.descent());
        p.drawText(QPointF(a.left() - 6 - w, base), s);
    }

    double lastRight = -1e9;
    const double baseY = a.bottom() + 3 + fm.ascent();
    for (const TimeTick &t : f.xTicks.ticks) {
        const double x = f.map.xOf(t.t);
        const double w = fm.horizontalAdvance(t.label);
        double left = x - w / 2;
        left = std::clamp(left, 0.0, f.layout.widget.right() - w);
        if (left < lastRight + 6)
            continue; // would overlap its left neighbour
        p.drawText(QPointF(left, baseY), t.label);
        lastRight = left + w;
    }
}

void PlotPainter::paintHeader(QPainter &p, const PlotFrame &f) const
{
    if (!f.content.header)
        return;
    const QRectF &h = f.layout.header;
    QFont bold = f.style.font;
    bold.setBold(true);
    const QFontMetricsF fmBold(bold);
    const QFontMetricsF fm(f.style.font);
    const double base = h.top() + (h.height() + fm.ascent() - fm.descent()) / 2;

    double titleRight = h.left();
    if (!f.content.title.isEmpty()) {
        p.setFont(bold);
        p.setPen(f.style.text);
        const QString t = fmBold.elidedText(f.content.title, Qt::ElideRight, h.width() * 0.5);
        p.drawText(QPointF(h.left(), base), t);
        titleRight = h.left() + fmBold.horizontalAdvance(t) + fm.height();
        p.setFont(f.style.font);
    }

    // Legend: right-aligned swatches and names, elided to what is left.
    const std::size_t n = f.content.series.size();
    if (n == 0)
        return;
    const double swatch = std::round(fm.height() * 0.8);
    const double gap = std::round(fm.height() * 0.3);
    const double avail = h.right() - titleRight;
    const double perItem = avail / static_cast<double>(n) - swatch - 2 * gap;
    if (perItem < fm.horizontalAdvance(QStringLiteral("M…")))
        return; // no room for a readable legend
    std::vector<QString> names;
    double total = 0;
    for (const PlotSeries &s : f.content.series) {
        names.push_back(fm.elidedText(s.name, Qt::ElideRight, perItem));
        total += swatch + gap + fm.horizontalAdvance(names.back()) + gap;
    }
    double x = h.right() - total + gap;
    for (std::size_t i = 0; i < n; ++i) {
        const double cy = h.top() + h.height() / 2;
        p.fillRect(QRectF(x, cy - 1.5, swatch, 3), f.content.series[i].color);
        x += swatch + gap;
        p.setPen(f.style.text);
        p.drawText(QPointF(x, base), names[i]);
        x += fm.horizontalAdvance(names[i]) + gap;
    }
}

} // namespace mw
