#pragma once

// A timeseries panel's body: the plot (threshold lines and bands, alert
// bands, synced hover and zoom) and the legend table under it.

#include "PanelBody.h"
#include "PlotTypes.h"

#include <vector>

namespace mw {
class TimeSeriesPlot;
class PlotCursor;
class FrameClock;
} // namespace mw

namespace mw::ui {

class LegendTable;

class TimeseriesBody : public PanelBody
{
    Q_OBJECT
public:
    explicit TimeseriesBody(QWidget *parent = nullptr);

    void showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                   const std::vector<dashboard::Threshold> &ruleThresholds) override;
    /// Alert periods of the rules tied to this panel.
    void setAlertBands(std::vector<TimeBand> bands);
    void setPlotCursor(PlotCursor *cursor);
    void setFrameClock(FrameClock *clock);

    TimeSeriesPlot *plot() const { return m_plot; }
    LegendTable *legend() const { return m_legend; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void applySeries();
    void fitLegend();

    TimeSeriesPlot *m_plot;
    LegendTable *m_legend;
    std::vector<PlotSeries> m_all; ///< every series, coloured by position
    std::vector<dashboard::LegendCalc> m_calcs;
    ValueFormatter m_format;
};

} // namespace mw::ui
