#include "QualityCurveView.h"

#include "QualityPaint.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace mw::view {

namespace {

constexpr double kHoverDistance = 24.0;

QString rate(double v)
{
    return std::isnan(v) ? QStringLiteral("—") : QLocale().toString(v, 'f', 3);
}

QString thresholdText(double t)
{
    if (std::isnan(t))
        return QStringLiteral("—");
    if (std::isinf(t))
        return t > 0 ? QStringLiteral("+∞") : QStringLiteral("−∞");
    return QLocale().toString(t, 'g', 4);
}

bool defined(QualityCurveView::Pane pane, const QualityCurve &c)
{
    return pane == QualityCurveView::Pane::Roc ? c.rocDefined : c.averagePrecisionDefined;
}

} // namespace

QualityCurveView::QualityCurveView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void QualityCurveView::setSnapshot(QualitySnapshotPtr snapshot)
{
    m_snapshot = std::move(snapshot);
    m_hover.reset();
    update();
}

void QualityCurveView::setCurve(dashboard::QualityCurveKind curve)
{
    if (m_curve == curve)
        return;
    m_curve = curve;
    m_hover.reset();
    updateGeometry();
    update();
}

QSize QualityCurveView::sizeHint() const
{
    return m_curve == dashboard::QualityCurveKind::Both ? QSize(720, 360) : QSize(380, 360);
}

QSize QualityCurveView::minimumSizeHint() const
{
    return {160, 140};
}

std::vector<QualityCurveView::PaneGeometry> QualityCurveView::panes(const QRectF &rect) const
{
    std::vector<Pane> which;
    if (m_curve != dashboard::QualityCurveKind::Pr)
        which.push_back(Pane::Roc);
    if (m_curve != dashboard::QualityCurveKind::Roc)
        which.push_back(Pane::Pr);
    const QFontMetricsF fm(font());
    const double left = fm.horizontalAdvance(QLocale().toString(0.0, 'f', 1)) + fm.height() + 10.0;
    const double top = fm.height() + 8.0;
    const double bottom = 2.0 * fm.height() + 8.0;
    std::vector<PaneGeometry> out;
    const double w = rect.width() / double(which.size());
    for (std::size_t i = 0; i < which.size(); ++i) {
        const QRectF bounds(rect.left() + w * double(i), rect.top(), w, rect.height());
        out.push_back({which[i], bounds, CurveMapping{CurveMapping::squareArea(bounds, left, top, 12.0, bottom)}});
    }
    return out;
}

std::vector<QPointF> QualityCurveView::ratePoints(Pane pane, const QualityCurve &curve)
{
    std::vector<QPointF> out;
    if (pane == Pane::Roc) {
        out.reserve(curve.roc.size());
        for (const quality::RocPoint &r : curve.roc)
            out.emplace_back(r.fpr, r.tpr);
    } else {
        out.reserve(curve.pr.size());
        for (const quality::PrPoint &r : curve.pr)
            out.emplace_back(r.recall, r.precision);
    }
    return out;
}

void QualityCurveView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintTo(p, QRectF(rect()));
}

void QualityCurveView::paintTo(QPainter &p, const QRectF &rect) const
{
    const PlotStyle style = PlotStyle::fromPalette(palette(), font());
    p.save();
    p.fillRect(rect, style.background);
    p.setRenderHint(QPainter::Antialiasing, style.antialiased);
    QString state = qualityStateText(m_snapshot.get());
    if (state.isEmpty() && m_snapshot->curves.empty())
        state = tr("No scores in the feed: no curve to draw");
    if (!state.isEmpty()) {
        paintStateText(p, rect, state, style);
        p.restore();
        return;
    }
    for (const PaneGeometry &g : panes(rect))
        paintPane(p, g, style);
    if (m_hover) {
        const QStringList lines = hoverLines();
        paintHoverBox(p, m_hover->pixel, lines, rect, style);
    }
    p.restore();
}

void QualityCurveView::paintAxes(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const
{
    const CurveMapping &m = g.mapping;
    const QFontMetricsF fm(style.font);
    p.setFont(style.font);
    for (int i = 0; i <= 5; ++i) {
        const double v = 0.2 * double(i);
        p.setPen(QPen(style.grid, 1.0));
        p.drawLine(m.map(v, 0.0), m.map(v, 1.0));
        p.drawLine(m.map(0.0, v), m.map(1.0, v));
        p.setPen(style.tickText);
        const QString label = QLocale().toString(v, 'f', 1);
        const QPointF bx = m.map(v, 0.0);
        p.drawText(QRectF(bx.x() - 30.0, bx.y() + 2.0, 60.0, fm.height()), Qt::AlignHCenter | Qt::AlignTop, label);
        const QPointF ly = m.map(0.0, v);
        p.drawText(QRectF(ly.x() - 64.0, ly.y() - fm.height() / 2.0, 60.0, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   label);
    }
    p.setPen(QPen(style.axis, 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(m.area);
    const bool roc = g.pane == Pane::Roc;
    p.setPen(style.text);
    p.drawText(QRectF(m.area.left(), g.bounds.top() + 2.0, m.area.width(), fm.height()), Qt::AlignCenter,
               roc ? tr("ROC curve") : tr("Precision–recall curve"));
    p.drawText(QRectF(m.area.left(), m.area.bottom() + fm.height() + 4.0, m.area.width(), fm.height()), Qt::AlignCenter,
               roc ? tr("False positive rate") : tr("Recall"));
    p.save();
    p.translate(g.bounds.left() + 2.0, m.area.center().y());
    p.rotate(-90.0);
    p.drawText(QRectF(-m.area.height() / 2.0, 0.0, m.area.height(), fm.height()), Qt::AlignCenter,
               roc ? tr("True positive rate") : tr("Precision"));
    p.restore();
}

void QualityCurveView::paintPane(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const
{
    const CurveMapping &m = g.mapping;
    if (m.area.width() < 20.0)
        return;
    paintAxes(p, g, style);
    const auto &curves = m_snapshot->curves;
    const bool multi = curves.size() > 1;
    // Chance: the diagonal, or each class's base rate.
    for (std::size_t i = 0; i < curves.size(); ++i) {
        QColor c = multi ? PlotStyle::seriesColor(int(i), style.isDark()) : style.axis;
        c.setAlphaF(multi ? 0.6f : 1.0f);
        p.setPen(QPen(c, 1.0, Qt::DashLine));
        if (g.pane == Pane::Roc) {
            p.drawLine(m.map(0.0, 0.0), m.map(1.0, 1.0));
            break;
        }
        const double base = curves[i].baseRate();
        if (std::isfinite(base))
            p.drawLine(m.map(0.0, base), m.map(1.0, base));
    }
    p.save();
    p.setClipRect(m.area.adjusted(-2.0, -2.0, 2.0, 2.0));
    bool anyDefined = false;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        if (!defined(g.pane, curves[i]))
            continue;
        anyDefined = true;
        const std::vector<QPointF> pts = ratePoints(g.pane, curves[i]);
        QPainterPath path;
        bool started = false;
        for (const QPointF &r : pts) {
            if (std::isnan(r.x()) || std::isnan(r.y()))
                continue;
            const QPointF px = m.map(r.x(), r.y());
            if (!started)
                path.moveTo(px);
            else if (g.pane == Pane::Pr) // steps-post: precision holds until the next recall
                path.lineTo(QPointF(px.x(), path.currentPosition().y()));
            path.lineTo(px);
            started = true;
        }
        p.setPen(QPen(PlotStyle::seriesColor(int(i), style.isDark()), 2.0));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    p.restore();
    if (!anyDefined)
        paintStateText(p, m.area, g.pane == Pane::Roc ? tr("Needs labels of both classes") : tr("Needs a positive label"),
                       style);
    if (m_hover && m_hover->pane == g.pane) {
        p.setPen(QPen(style.text, 1.5));
        p.setBrush(PlotStyle::seriesColor(m_hover->curve, style.isDark()));
        p.drawEllipse(m_hover->pixel, 4.5, 4.5);
    }
    paintLegend(p, g, style);
}

void QualityCurveView::paintLegend(QPainter &p, const PaneGeometry &g, const PlotStyle &style) const
{
    const auto &curves = m_snapshot->curves;
    const bool roc = g.pane == Pane::Roc;
    QStringList lines;
    for (const QualityCurve &c : curves) {
        const bool ok = roc ? c.rocDefined : c.averagePrecisionDefined;
        const QString value = ok ? rate(roc ? c.rocAuc : c.averagePrecision) : QStringLiteral("—");
        const QString text = roc ? tr("AUC %1").arg(value) : tr("AP %1").arg(value);
        lines.push_back(curves.size() > 1 ? c.className + QStringLiteral("  ") + text : text);
    }
    QFont bold = style.font;
    bold.setBold(curves.size() == 1);
    const QFontMetricsF fm(bold);
    double width = 0.0;
    for (const QString &l : lines)
        width = std::max(width, fm.horizontalAdvance(l));
    const double swatch = curves.size() > 1 ? fm.height() * 0.8 + 4.0 : 0.0;
    const QSizeF size(width + swatch + 12.0, fm.height() * double(lines.size()) + 8.0);
    const QRectF &a = g.mapping.area;
    const QRectF box(roc ? QPointF(a.right() - size.width() - 6.0, a.bottom() - size.height() - 6.0)
                         : QPointF(a.left() + 6.0, a.bottom() - size.height() - 6.0),
                     size);
    QColor fill = style.background;
    fill.setAlphaF(0.85f);
    p.setPen(QPen(style.grid, 1.0));
    p.setBrush(fill);
    p.drawRect(box);
    p.setFont(bold);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const double y = box.top() + 4.0 + fm.height() * double(i);
        if (swatch > 0.0)
            p.fillRect(QRectF(box.left() + 6.0, y + fm.height() * 0.1, fm.height() * 0.8, fm.height() * 0.8),
                       PlotStyle::seriesColor(int(i), style.isDark()));
        p.setPen(style.text);
        p.drawText(QRectF(box.left() + 6.0 + swatch, y, width + 2.0, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   lines[i]);
    }
}

void QualityCurveView::hoverAt(const QPointF &pos)
{
    std::optional<Hover> found;
    if (m_snapshot && qualityStateText(m_snapshot.get()).isEmpty()) {
        double best = kHoverDistance * kHoverDistance;
        for (const PaneGeometry &g : panes(QRectF(rect()))) {
            if (!g.bounds.contains(pos))
                continue;
            for (std::size_t c = 0; c < m_snapshot->curves.size(); ++c) {
                if (!defined(g.pane, m_snapshot->curves[c]))
                    continue;
                const std::vector<QPointF> pts = ratePoints(g.pane, m_snapshot->curves[c]);
                const int i = g.mapping.nearest(pts, pos, kHoverDistance);
                if (i < 0)
                    continue;
                const QPointF px = g.mapping.map(pts[std::size_t(i)].x(), pts[std::size_t(i)].y());
                const QPointF d = px - pos;
                if (d.x() * d.x() + d.y() * d.y() <= best) {
                    best = d.x() * d.x() + d.y() * d.y();
                    found = Hover{g.pane, int(c), i, px};
                }
            }
        }
    }
    const bool changed = found.has_value() != m_hover.has_value()
        || (found && (found->pane != m_hover->pane || found->curve != m_hover->curve || found->point != m_hover->point));
    m_hover = found;
    if (changed)
        update();
}

QStringList QualityCurveView::hoverLines() const
{
    if (!m_hover || !m_snapshot || std::size_t(m_hover->curve) >= m_snapshot->curves.size())
        return {};
    const QualityCurve &c = m_snapshot->curves[std::size_t(m_hover->curve)];
    QStringList lines;
    if (m_snapshot->curves.size() > 1)
        lines.push_back(tr("Class %1 (one vs rest)").arg(c.className));
    const std::size_t i = std::size_t(m_hover->point);
    if (m_hover->pane == Pane::Roc && i < c.roc.size()) {
        lines.push_back(tr("Threshold %1").arg(thresholdText(c.roc[i].threshold)));
        lines.push_back(tr("TPR %1   FPR %2").arg(rate(c.roc[i].tpr), rate(c.roc[i].fpr)));
    } else if (m_hover->pane == Pane::Pr && i < c.pr.size()) {
        lines.push_back(tr("Threshold %1").arg(thresholdText(c.pr[i].threshold)));
        lines.push_back(tr("Precision %1   Recall %2").arg(rate(c.pr[i].precision), rate(c.pr[i].recall)));
    }
    return lines;
}

void QualityCurveView::mouseMoveEvent(QMouseEvent *event)
{
    hoverAt(event->position());
}

void QualityCurveView::leaveEvent(QEvent *)
{
    if (m_hover) {
        m_hover.reset();
        update();
    }
}

} // namespace mw::view
