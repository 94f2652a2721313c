// TimeSeriesPlot's mouse and wheel handling: drag to zoom, shift- or
// middle-drag to pan, wheel to zoom around the cursor, double-click to reset,
// and the hover time shared through the PlotCursor. The drawing side is in
// TimeSeriesPlot.cpp.

#include "TimeSeriesPlot.h"

#include "PlotCursor.h"
#include "PlotLayout.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace mw {
namespace {

constexpr double kMinDragPixels = 4;
constexpr double kWheelZoomPerStep = 0.8; // span factor per wheel notch

} // namespace

PlotMapping TimeSeriesPlot::interactionMapping() const
{
    // Events use the current geometry even before the next frame is painted.
    PlotMapping m = m_map;
    m.area = PlotLayout::compute(QSizeF(size()), m_style.font, m_content.header).area;
    m.time = m_range;
    return m;
}

void TimeSeriesPlot::mousePressEvent(QMouseEvent *event)
{
    const PlotMapping m = interactionMapping();
    const QPointF pos = event->position();
    if (!m.area.adjusted(-2, -2, 2, 2).contains(pos)) {
        QWidget::mousePressEvent(event);
        return;
    }
    const bool pan = event->button() == Qt::MiddleButton
                     || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (pan) {
        m_drag = Drag::Pan;
        m_dragRange = m_range;
        setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Zoom;
        m_hover.bandX0 = m_hover.bandX1 = std::clamp(pos.x(), m.area.left(), m.area.right());
    } else {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragX0 = pos.x();
    event->accept();
}

void TimeSeriesPlot::mouseMoveEvent(QMouseEvent *event)
{
    const PlotMapping m = interactionMapping();
    const QPointF pos = event->position();
    if (m_drag == Drag::Pan) {
        const double dt = -(pos.x() - m_dragX0) * static_cast<double>(m_dragRange.span()) / m.area.width();
        applyUserRange(m_dragRange.panned(static_cast<int64_t>(std::llround(dt))));
    } else if (m_drag == Drag::Zoom) {
        m_hover.bandX1 = std::clamp(pos.x(), m.area.left(), m.area.right());
        requestFrame();
    }
    if (m.area.contains(pos))
        setLocalHover(m.tOf(pos.x()));
    else
        setLocalHover(std::nullopt);
}

void TimeSeriesPlot::mouseReleaseEvent(QMouseEvent *event)
{
    const PlotMapping m = interactionMapping();
    if (m_drag == Drag::Zoom && m_hover.bandX0 && m_hover.bandX1) {
        const double x0 = std::min(*m_hover.bandX0, *m_hover.bandX1);
        const double x1 = std::max(*m_hover.bandX0, *m_hover.bandX1);
        if (x1 - x0 >= kMinDragPixels)
            applyUserRange({m.tOf(x0), m.tOf(x1)});
    }
    if (m_drag == Drag::Pan)
        unsetCursor();
    m_drag = Drag::None;
    m_hover.bandX0.reset();
    m_hover.bandX1.reset();
    requestFrame();
    event->accept();
}

void TimeSeriesPlot::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
    }
}

void TimeSeriesPlot::wheelEvent(QWheelEvent *event)
{
    const PlotMapping m = interactionMapping();
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0 || !m.area.contains(event->position())) {
        event->ignore();
        return;
    }
    const int64_t anchor = m.tOf(event->position().x());
    applyUserRange(m_range.zoomed(anchor, std::pow(kWheelZoomPerStep, steps)));
    event->accept();
}

void TimeSeriesPlot::leaveEvent(QEvent *)
{
    setLocalHover(std::nullopt);
}

void TimeSeriesPlot::applyUserRange(TimeRange r)
{
    if (!r.isValid() || r == m_range)
        return;
    setTimeRange(r);
    Q_EMIT timeRangeChanged(r.t0, r.t1);
}

void TimeSeriesPlot::setLocalHover(std::optional<int64_t> t)
{
    PlotCursor *c = m_cursor.data();
    if (t) {
        if (c) {
            c->setHover(*t, this);
        } else if (m_hover.time != t) {
            m_hover.time = t;
            m_hover.showBox = true;
            requestFrame();
        }
        Q_EMIT hoverMoved(*t);
        return;
    }
    const bool had = c ? c->hoverSource() == this : m_hover.time.has_value();
    if (!had)
        return;
    if (c) {
        c->clearHover();
    } else {
        m_hover.time.reset();
        requestFrame();
    }
    Q_EMIT hoverLeft();
}

void TimeSeriesPlot::onCursorHover()
{
    const PlotCursor *c = m_cursor.data();
    if (!c)
        return;
    m_hover.time = c->hoverTime();
    m_hover.showBox = c->hoverSource() == this;
    requestFrame();
}

} // namespace mw
