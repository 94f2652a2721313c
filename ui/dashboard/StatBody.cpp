#include "StatBody.h"

#include "PanelPalette.h"
#include "SeriesStats.h"
#include "ValueFormat.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace mw::ui {
namespace {

double reduce(const SeriesStats &s, dashboard::StatReduce r)
{
    switch (r) {
    case dashboard::StatReduce::Last:
        return s.last;
    case dashboard::StatReduce::Min:
        return s.min;
    case dashboard::StatReduce::Max:
        return s.max;
    case dashboard::StatReduce::Mean:
        return s.mean;
    }
    return s.last;
}

constexpr std::size_t kMaxCells = 8;

} // namespace

StatBody::StatBody(QWidget *parent) : PanelBody(parent) { setObjectName(QStringLiteral("stat")); }

void StatBody::showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                         const std::vector<dashboard::Threshold> &ruleThresholds)
{
    (void)ruleThresholds;
    const ValueFormatter format = ValueFormat::forUnit(panel.unit);
    m_sparkline = panel.stat.sparkline;
    m_from = frame.fromMs;
    m_to = frame.toMs;
    m_cells.clear();
    for (const view::PanelSeries &s : frame.series) {
        if (m_cells.size() == kMaxCells)
            break;
        Cell c;
        c.name = frame.series.size() > 1 ? s.name : QString();
        c.value = reduce(s.points ? seriesStats(*s.points) : SeriesStats{}, panel.stat.reduce);
        c.text = format(c.value);
        if (panel.stat.colorByThreshold)
            c.color = colorForValue(c.value, panel.thresholds, palette());
        c.points = s.points;
        m_cells.push_back(std::move(c));
    }
    update();
}

void StatBody::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_cells.empty())
        return;
    const qreal w = static_cast<qreal>(width()) / static_cast<qreal>(m_cells.size());
    for (std::size_t i = 0; i < m_cells.size(); ++i)
        paintCell(p, QRectF(w * static_cast<qreal>(i), 0, w, height()).adjusted(2, 2, -2, -2), m_cells[i]);
}

void StatBody::paintCell(QPainter &p, const QRectF &r, const Cell &c) const
{
    const QColor accent = c.color.isValid() ? c.color : palette().color(QPalette::Highlight);
    // Sparkline: at most one point per two pixels, NaN gaps kept.
    if (m_sparkline && c.points && c.points->size() > 1 && m_to > m_from) {
        double lo = INFINITY;
        double hi = -INFINITY;
        for (const Point &pt : *c.points) {
            if (std::isfinite(pt.v)) {
                lo = std::min(lo, pt.v);
                hi = std::max(hi, pt.v);
            }
        }
        if (std::isfinite(lo)) {
            if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
                lo -= 1;
                hi += 1;
            }
            const QRectF area(r.left(), r.top() + r.height() * 0.55, r.width(), r.height() * 0.45);
            const std::size_t n = c.points->size();
            const std::size_t stride = std::max<std::size_t>(1, n / std::max<std::size_t>(1, static_cast<std::size_t>(r.width() / 2)));
            QPainterPath path;
            bool open = false;
            for (std::size_t k = 0; k < n; k += stride) {
                const Point &pt = (*c.points)[k];
                if (!std::isfinite(pt.v)) {
                    open = false;
                    continue;
                }
                const qreal x = area.left() + area.width() * static_cast<qreal>(pt.t - m_from) / static_cast<qreal>(m_to - m_from);
                const qreal y = area.bottom() - area.height() * (pt.v - lo) / (hi - lo);
                if (open)
                    path.lineTo(x, y);
                else
                    path.moveTo(x, y);
                open = true;
            }
            QColor line = accent;
            line.setAlphaF(0.7f);
            p.setPen(QPen(line, 1.5));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
        }
    }
    QFont big = font();
    big.setBold(true);
    const qreal nameHeight = c.name.isEmpty() ? 0 : fontMetrics().height() + 2;
    const qreal px = std::clamp(std::min(r.height() * 0.38, r.width() / std::max<qreal>(3, static_cast<qreal>(c.text.size()) * 0.62)), 9.0, 72.0);
    big.setPixelSize(static_cast<int>(px));
    p.setFont(big);
    p.setPen(c.color.isValid() ? c.color : palette().color(QPalette::WindowText));
    const QRectF valueRect(r.left(), r.top() + nameHeight, r.width(), r.height() * 0.6 - nameHeight);
    p.drawText(valueRect, Qt::AlignCenter, c.text);
    if (!c.name.isEmpty()) {
        p.setFont(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(r.left(), r.top(), r.width(), nameHeight), Qt::AlignCenter,
                   fontMetrics().elidedText(c.name, Qt::ElideMiddle, static_cast<int>(r.width())));
    }
}

} // namespace mw::ui
