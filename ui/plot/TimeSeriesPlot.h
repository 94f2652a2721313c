#pragma once

// A time-series plot widget painted with QPainter: several named, coloured
// series over a local-time x axis, auto-ranged y axis with nice ticks,
// threshold lines and bands, shaded time bands, NaN gaps, a hover crosshair
// with a value box, drag/wheel zoom, pan (shift-drag or middle-drag) and
// double-click reset. Plots sharing a PlotCursor hover and zoom together.
//
// Data arrive as whole vectors (setSeries); each series is reduced with M4 to
// the plot's device-pixel width, cached until data, width or visible range
// change. Repaints go through a FrameClock, which coalesces them and skips
// hidden plots; the reduced series and the static layer are prepared into a
// cached image, so a hover move repaints only the crosshair over it.

#include "FrameClient.h"
#include "FrameClock.h"
#include "HoverOverlay.h"
#include "NiceTicks.h"
#include "PlotContent.h"
#include "PlotCursor.h"
#include "PlotLayout.h"
#include "PlotMapping.h"
#include "PlotPainter.h"
#include "PlotStyle.h"
#include "ReducedSeries.h"
#include "TimeTicks.h"

#include <QImage>
#include <QPointer>
#include <QTimeZone>
#include <QWidget>

#include <optional>
#include <vector>

namespace mw {

class TimeSeriesPlot : public QWidget, public FrameClient
{
    Q_OBJECT
public:
    explicit TimeSeriesPlot(QWidget *parent = nullptr);
    ~TimeSeriesPlot() override;

    void setTitle(const QString &title);
    QString title() const { return m_content.title; }
    /// Replaces every series (invalid colours get the default palette's).
    void setSeries(std::vector<PlotSeries> series);
    /// Replaces the data of series `index`, keeping its name and colour.
    void setSeriesData(int index, SeriesData data);
    const std::vector<PlotSeries> &series() const { return m_content.series; }
    /// Shows or hides the title and legend row (a dashboard panel has its own).
    void setHeaderVisible(bool visible);
    void setThresholds(std::vector<ThresholdLine> lines);
    void setThresholdBands(std::vector<ThresholdBand> bands);
    void setTimeBands(std::vector<TimeBand> bands);
    const std::vector<TimeBand> &timeBands() const { return m_content.timeBands; }
    /// Formats y tick labels and hover values; empty restores the default.
    void setValueFormatter(ValueFormatter f);
    /// Fixed y bounds (e.g. 0 for a rate); nullopt = automatic.
    void setYRange(std::optional<double> min, std::optional<double> max);

    /// The range shown when not zoomed; nullopt = the data's extent.
    void setDefaultTimeRange(std::optional<TimeRange> r);
    /// Zooms to r (through the PlotCursor when there is one).
    void setTimeRange(TimeRange r);
    void resetZoom();
    /// The visible time range.
    TimeRange timeRange() const { return m_range; }
    bool isZoomed() const;

    void setPlotCursor(PlotCursor *cursor);
    PlotCursor *plotCursor() const { return m_cursor; }
    void setFrameClock(FrameClock *clock);
    void setTimeZone(const QTimeZone &tz);
    void setLineWidth(qreal logicalPixels);
    void setAntialiased(bool on);

    std::optional<int64_t> hoverTime() const { return m_hover.time; }
    /// Brings the reduction and layer up to date now and returns the
    /// mapping the plot paints with (tests and tools).
    PlotMapping currentMapping();
    const NiceTicks &valueTicks() const { return m_yTicks; }
    const TimeTicks &timeTicks() const { return m_xTicks; }
    /// How many M4 reductions this plot has run (diagnostics and tests).
    int reductions() const { return m_reductions; }

    void prepareFrame() override;

    QSize sizeHint() const override { return {480, 270}; }
    QSize minimumSizeHint() const override { return {160, 100}; }

Q_SIGNALS:
    void hoverMoved(qint64 t); ///< the pointer moved over this plot
    void hoverLeft();
    void timeRangeChanged(qint64 t0, qint64 t1); ///< the user zoomed or panned
    void zoomReset();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Drag { None, Zoom, Pan };

    void invalidate();          ///< layer must be prepared again
    void requestFrame();        ///< overlay or layer changed
    void refreshRange();        ///< recompute m_range from zoom / cursor / data
    void syncGeometry();
    void applyUserRange(TimeRange r);
    void setLocalHover(std::optional<int64_t> t);
    void onCursorHover();
    PlotMapping interactionMapping() const;

    PlotContent m_content;
    std::vector<ReducedSeries> m_reduced;
    std::vector<bool> m_autoColor; ///< series whose colour comes from the palette
    std::optional<TimeRange> m_zoom;         ///< used when there is no cursor
    std::optional<TimeRange> m_defaultRange;
    TimeRange m_range;                       ///< visible range (GUI thread snapshot)
    QPointer<PlotCursor> m_cursor;
    QPointer<FrameClock> m_clock;
    QTimeZone m_tz;

    // Prepared frame (written by prepareFrame, read by paintEvent).
    QSize m_size;
    qreal m_dpr = 1;
    bool m_layerDirty = true;
    PlotStyle m_style;
    PlotLayout m_layout;
    PlotMapping m_map;
    NiceTicks m_yTicks;
    TimeTicks m_xTicks;
    PlotPainter m_painter;
    QImage m_layer;
    int m_reductions = 0;

    HoverState m_hover;
    Drag m_drag = Drag::None;
    double m_dragX0 = 0;
    TimeRange m_dragRange;
};

} // namespace mw
