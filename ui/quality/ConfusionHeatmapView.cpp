#include "ConfusionHeatmapView.h"

#include "QualityPaint.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw::view {

QRectF ConfusionHeatmapView::Geometry::cellRect(int actual, int predicted) const
{
    return {grid.left() + cellW * double(predicted), grid.top() + cellH * double(actual), cellW, cellH};
}

ConfusionHeatmapView::ConfusionHeatmapView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ConfusionHeatmapView::setSnapshot(QualitySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_hover.reset();
    update();
}

void ConfusionHeatmapView::setNormalize(dashboard::ConfusionNormalize normalize)
{
    if (m_normalize == normalize)
        return;
    m_normalize = normalize;
    update();
}

QSize ConfusionHeatmapView::sizeHint() const
{
    return {420, 380};
}

QSize ConfusionHeatmapView::minimumSizeHint() const
{
    return {160, 140};
}

HeatmapModel ConfusionHeatmapView::model() const
{
    if (!qualityStateText(m_snapshot.get()).isEmpty())
        return {};
    const QPalette &pal = palette();
    return HeatmapModel::build(m_snapshot->confusion, m_snapshot->classes, m_normalize, pal.color(QPalette::Base),
                               pal.color(QPalette::Highlight));
}

ConfusionHeatmapView::Geometry ConfusionHeatmapView::cellGeometry(const QRectF &rect) const
{
    Geometry g;
    const int n = m_snapshot ? int(m_snapshot->confusion.classes()) : 0;
    if (n <= 0)
        return g;
    const QFontMetricsF fm(font());
    double nameWidth = 0.0;
    for (const QString &c : m_snapshot->classes)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(c));
    const double left = std::min(nameWidth, rect.width() / 4.0) + fm.height() + 14.0;
    const double top = fm.height() + 10.0;
    const double bottom = 2.0 * fm.height() + 10.0;
    const double w = std::max(0.0, rect.width() - left - 12.0);
    const double h = std::max(0.0, rect.height() - top - bottom);
    const double cell = std::min(w, h) / double(n);
    g.cellW = cell;
    g.cellH = cell;
    g.grid = QRectF(rect.left() + left + (w - cell * double(n)) / 2.0, rect.top() + top, cell * double(n),
                    cell * double(n));
    return g;
}

void ConfusionHeatmapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintTo(p, QRectF(rect()));
}

void ConfusionHeatmapView::paintTo(QPainter &p, const QRectF &rect) const
{
    const PlotStyle style = PlotStyle::fromPalette(palette(), font());
    p.save();
    p.fillRect(rect, style.background);
    const QString state = qualityStateText(m_snapshot.get());
    if (!state.isEmpty()) {
        paintStateText(p, rect, state, style);
        p.restore();
        return;
    }
    const HeatmapModel m = model();
    const Geometry g = cellGeometry(rect);
    const QFontMetricsF fm(style.font);
    QFont small = style.font;
    small.setPointSizeF(std::max(6.0, style.font.pointSizeF() * 0.85));
    const QFontMetricsF sfm(small);
    for (int a = 0; a < m.size; ++a) {
        for (int c = 0; c < m.size; ++c) {
            const HeatmapCell &cell = m.cell(a, c);
            const QRectF r = g.cellRect(a, c);
            p.fillRect(r, cell.fill);
            if (fm.horizontalAdvance(cell.text) > r.width() - 4.0 || fm.height() > r.height() - 2.0)
                continue; // too small to hold its number: the hover box has it
            p.setPen(cell.textColor);
            p.setFont(style.font);
            const bool second = m_normalize != dashboard::ConfusionNormalize::None && r.height() >= 2.6 * fm.height();
            if (!second) {
                p.drawText(r, Qt::AlignCenter, cell.text);
                continue;
            }
            p.drawText(QRectF(r.left(), r.center().y() - fm.height(), r.width(), fm.height()), Qt::AlignCenter, cell.text);
            p.setFont(small);
            const QString count = QStringLiteral("(%1)").arg(QLocale().toString(cell.count, 'g', 10));
            p.drawText(QRectF(r.left(), r.center().y(), r.width(), sfm.height()), Qt::AlignCenter, count);
        }
    }
    p.setPen(QPen(style.background, 1.0));
    for (int i = 1; i < m.size; ++i) {
        p.drawLine(QPointF(g.grid.left() + g.cellW * double(i), g.grid.top()),
                   QPointF(g.grid.left() + g.cellW * double(i), g.grid.bottom()));
        p.drawLine(QPointF(g.grid.left(), g.grid.top() + g.cellH * double(i)),
                   QPointF(g.grid.right(), g.grid.top() + g.cellH * double(i)));
    }
    if (m_hover) {
        p.setPen(QPen(style.text, 2.0));
        p.setBrush(Qt::NoBrush);
        p.drawRect(g.cellRect(m_hover->first, m_hover->second).adjusted(1.0, 1.0, -1.0, -1.0));
    }
    paintLabels(p, g, m, style);
    if (m_hover)
        paintHoverBox(p, m_hoverPos, hoverLines(), rect, style);
    p.restore();
}

void ConfusionHeatmapView::paintLabels(QPainter &p, const Geometry &g, const HeatmapModel &m, const PlotStyle &style) const
{
    const QFontMetricsF fm(style.font);
    p.setFont(style.font);
    p.setPen(style.text);
    const QString title = m_normalize == dashboard::ConfusionNormalize::Row      ? tr("Share of each actual class (recall)")
                        : m_normalize == dashboard::ConfusionNormalize::Column ? tr("Share of each predicted class (precision)")
                                                                               : tr("Labeled predictions");
    p.drawText(QRectF(g.grid.left(), g.grid.top() - fm.height() - 6.0, g.grid.width(), fm.height()), Qt::AlignCenter,
               fm.elidedText(title, Qt::ElideRight, g.grid.width()));
    p.setPen(style.tickText);
    const double labelWidth = g.grid.left() - fm.height() - 10.0;
    double widest = 0.0;
    for (const QString &c : m.classes)
        widest = std::max(widest, std::min(labelWidth, fm.horizontalAdvance(c)));
    for (int i = 0; i < m.size; ++i) {
        const QRectF col(g.grid.left() + g.cellW * double(i), g.grid.bottom() + 3.0, g.cellW, fm.height());
        p.drawText(col, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(m.classes[i], Qt::ElideRight, g.cellW - 2.0));
        const QRectF row(g.grid.left() - 6.0 - labelWidth, g.grid.top() + g.cellH * double(i), labelWidth, g.cellH);
        p.drawText(row, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(m.classes[i], Qt::ElideRight, labelWidth));
    }
    p.setPen(style.text);
    p.drawText(QRectF(g.grid.left(), g.grid.bottom() + fm.height() + 5.0, g.grid.width(), fm.height()), Qt::AlignCenter,
               tr("Predicted"));
    p.save();
    p.translate(std::max(2.0, g.grid.left() - 10.0 - widest - fm.height()), g.grid.center().y());
    p.rotate(-90.0);
    p.drawText(QRectF(-g.grid.height() / 2.0, 0.0, g.grid.height(), fm.height()), Qt::AlignCenter, tr("Actual"));
    p.restore();
}

void ConfusionHeatmapView::hoverAt(const QPointF &pos)
{
    std::optional<std::pair<int, int>> found;
    if (qualityStateText(m_snapshot.get()).isEmpty()) {
        const Geometry g = cellGeometry(QRectF(rect()));
        if (g.cellW > 0.0 && g.grid.contains(pos)) {
            const int n = int(m_snapshot->confusion.classes());
            const int col = std::clamp(int((pos.x() - g.grid.left()) / g.cellW), 0, n - 1);
            const int row = std::clamp(int((pos.y() - g.grid.top()) / g.cellH), 0, n - 1);
            found = std::pair{row, col};
        }
    }
    m_hoverPos = pos;
    if (found != m_hover || found) {
        m_hover = found;
        update();
    }
}

QStringList ConfusionHeatmapView::hoverLines() const
{
    if (!m_hover)
        return {};
    return model().describe(m_hover->first, m_hover->second);
}

void ConfusionHeatmapView::mouseMoveEvent(QMouseEvent *event)
{
    hoverAt(event->position());
}

void ConfusionHeatmapView::leaveEvent(QEvent *)
{
    if (m_hover) {
        m_hover.reset();
        update();
    }
}

} // namespace mw::view
