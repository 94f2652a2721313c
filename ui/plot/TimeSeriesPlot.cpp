#include "TimeSeriesPlot.h"

#include "FrameClock.h"
#include "PlotCursor.h"
#include "PlotRanges.h"

#include <QDateTime>
#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw {

TimeSeriesPlot::TimeSeriesPlot(QWidget *parent)
    : QWidget(parent)
    , m_clock(FrameClock::shared())
    , m_tz(QTimeZone::systemTimeZone())
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    m_style = PlotStyle::fromPalette(palette(), font());
    refreshRange();
}

TimeSeriesPlot::~TimeSeriesPlot()
{
    if (PlotCursor *c = m_cursor.data(); c && c->hoverSource() == this)
        c->clearHover();
}

void TimeSeriesPlot::setTitle(const QString &title)
{
    m_content.title = title;
    invalidate();
}

void TimeSeriesPlot::setSeries(std::vector<PlotSeries> series)
{
    m_autoColor.assign(series.size(), false);
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!series[i].color.isValid()) {
            series[i].color = PlotStyle::seriesColor(static_cast<int>(i), m_style.isDark());
            m_autoColor[i] = true; // follows light/dark palette changes
        }
    }
    m_content.series = std::move(series);
    m_reduced.resize(m_content.series.size());
    refreshRange();
    invalidate();
}

void TimeSeriesPlot::setSeriesData(int index, SeriesData points)
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_content.series.size())
        return;
    m_content.series[static_cast<std::size_t>(index)].points = std::move(points);
    refreshRange();
    invalidate();
}

void TimeSeriesPlot::setHeaderVisible(bool visible)
{
    if (m_content.header == visible)
        return;
    m_content.header = visible;
    invalidate();
}

void TimeSeriesPlot::setThresholds(std::vector<ThresholdLine> lines)
{
    m_content.thresholds = std::move(lines);
    invalidate();
}

void TimeSeriesPlot::setThresholdBands(std::vector<ThresholdBand> bands)
{
    m_content.bands = std::move(bands);
    invalidate();
}

void TimeSeriesPlot::setTimeBands(std::vector<TimeBand> bands)
{
    m_content.timeBands = std::move(bands);
    invalidate();
}

void TimeSeriesPlot::setValueFormatter(ValueFormatter f)
{
    m_content.formatter = std::move(f);
    invalidate();
}

void TimeSeriesPlot::setYRange(std::optional<double> min, std::optional<double> max)
{
    m_content.yMin = min;
    m_content.yMax = max;
    invalidate();
}

void TimeSeriesPlot::setDefaultTimeRange(std::optional<TimeRange> r)
{
    m_defaultRange = r;
    refreshRange();
}

void TimeSeriesPlot::setTimeRange(TimeRange r)
{
    if (!r.isValid())
        return;
    if (PlotCursor *c = m_cursor.data()) {
        c->setTimeRange(r);
    } else {
        m_zoom = r;
        refreshRange();
    }
}

void TimeSeriesPlot::resetZoom()
{
    if (PlotCursor *c = m_cursor.data())
        c->resetTimeRange();
    m_zoom.reset();
    refreshRange();
    Q_EMIT zoomReset();
}

bool TimeSeriesPlot::isZoomed() const
{
    const PlotCursor *c = m_cursor.data();
    return c ? c->timeRange().has_value() : m_zoom.has_value();
}

void TimeSeriesPlot::setPlotCursor(PlotCursor *cursor)
{
    if (m_cursor.data() == cursor)
        return;
    if (PlotCursor *old = m_cursor.data())
        disconnect(old, nullptr, this, nullptr);
    m_cursor = cursor;
    if (cursor) {
        connect(cursor, &PlotCursor::hoverChanged, this, &TimeSeriesPlot::onCursorHover);
        connect(cursor, &PlotCursor::timeRangeChanged, this, &TimeSeriesPlot::refreshRange);
    }
    refreshRange();
    onCursorHover();
}

void TimeSeriesPlot::setFrameClock(FrameClock *clock)
{
    m_clock = clock;
}

void TimeSeriesPlot::setTimeZone(const QTimeZone &tz)
{
    m_tz = tz;
    invalidate();
}

void TimeSeriesPlot::setLineWidth(qreal logicalPixels)
{
    m_style.lineWidth = logicalPixels;
    invalidate();
}

void TimeSeriesPlot::setAntialiased(bool on)
{
    m_style.antialiased = on;
    invalidate();
}

PlotMapping TimeSeriesPlot::currentMapping()
{
    syncGeometry();
    prepareFrame();
    return m_map;
}

void TimeSeriesPlot::invalidate()
{
    m_layerDirty = true;
    requestFrame();
}

void TimeSeriesPlot::requestFrame()
{
    if (FrameClock *clock = m_clock.data())
        clock->requestFrame(this, this);
    else
        update();
}

void TimeSeriesPlot::refreshRange()
{
    const PlotCursor *c = m_cursor.data();
    std::optional<TimeRange> r = c ? c->timeRange() : m_zoom;
    if (!r)
        r = m_defaultRange;
    if (!r)
        r = PlotRanges::dataExtent(m_content.series);
    if (!r) {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        r = TimeRange{now - 3'600'000, now};
    }
    if (*r == m_range)
        return;
    m_range = *r;
    invalidate();
}

void TimeSeriesPlot::syncGeometry()
{
    const QSize s = size();
    const qreal dpr = devicePixelRatioF();
    if (s != m_size || dpr != m_dpr) {
        m_size = s;
        m_dpr = dpr;
        m_layerDirty = true;
    }
}

void TimeSeriesPlot::prepareFrame()
{
    if (!m_layerDirty)
        return;
    m_layout = PlotLayout::compute(QSizeF(m_size), m_style.font, m_content.header);
    const int columns = std::max(1, static_cast<int>(std::lround(m_layout.area.width() * m_dpr)));
    for (std::size_t i = 0; i < m_reduced.size(); ++i) {
        if (m_reduced[i].update(m_content.series[i].points, m_range, columns))
            ++m_reductions;
    }
    const NiceTicks::Range yr = PlotRanges::valueRange(m_reduced, m_content.yMin, m_content.yMax, m_layout.maxYTicks);
    m_yTicks = NiceTicks::forRange(yr.lo, yr.hi, m_layout.maxYTicks);
    m_xTicks = TimeTicks::forRange(m_range, m_layout.maxXTicks, m_tz, QLocale());
    m_map = PlotMapping{m_layout.area, m_range, yr.lo, yr.hi};

    const QSize px(static_cast<int>(std::lround(m_size.width() * m_dpr)),
                   static_cast<int>(std::lround(m_size.height() * m_dpr)));
    if (m_layer.size() != px)
        m_layer = QImage(px, QImage::Format_RGB32);
    m_layer.setDevicePixelRatio(m_dpr);
    if (!m_layer.isNull()) {
        QPainter p(&m_layer);
        m_painter.paintLayer(p, PlotFrame{m_content, m_reduced, m_layout, m_map, m_yTicks, m_xTicks, m_style});
    }
    m_layerDirty = false;
}

void TimeSeriesPlot::paintEvent(QPaintEvent *)
{
    syncGeometry();
    prepareFrame();
    QPainter p(this);
    p.drawImage(QPointF(0, 0), m_layer);
    HoverOverlay::paint(p, m_content, m_layout, m_map, m_style, m_hover, m_tz);
}

void TimeSeriesPlot::resizeEvent(QResizeEvent *)
{
    syncGeometry();
    requestFrame();
}

void TimeSeriesPlot::showEvent(QShowEvent *)
{
    // Hidden plots were skipped by the frame clock: catch up now.
    syncGeometry();
    if (m_layerDirty)
        requestFrame();
}

void TimeSeriesPlot::changeEvent(QEvent *event)
{
    const QEvent::Type t = event->type();
    if (t == QEvent::PaletteChange || t == QEvent::FontChange || t == QEvent::StyleChange) {
        const qreal width = m_style.lineWidth;
        const bool aa = m_style.antialiased;
        m_style = PlotStyle::fromPalette(palette(), font());
        m_style.lineWidth = width;
        m_style.antialiased = aa;
        for (std::size_t i = 0; i < m_content.series.size() && i < m_autoColor.size(); ++i) {
            if (m_autoColor[i])
                m_content.series[i].color = PlotStyle::seriesColor(static_cast<int>(i), m_style.isDark());
        }
        invalidate();
    }
    QWidget::changeEvent(event);
}

} // namespace mw
