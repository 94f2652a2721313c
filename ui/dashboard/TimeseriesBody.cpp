#include "TimeseriesBody.h"

#include "LegendTable.h"
#include "PanelPalette.h"
#include "PlotStyle.h"
#include "TimeSeriesPlot.h"
#include "ValueFormat.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mw::ui {

TimeseriesBody::TimeseriesBody(QWidget *parent)
    : PanelBody(parent), m_plot(new TimeSeriesPlot(this)), m_legend(new LegendTable(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_legend, 0);
    m_plot->setObjectName(QStringLiteral("plot"));
    m_plot->setHeaderVisible(false); // the panel's header has the title, the legend table the names
    connect(m_legend, &LegendTable::isolationChanged, this, [this](int) { applySeries(); });
}

void TimeseriesBody::showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                               const std::vector<dashboard::Threshold> &ruleThresholds)
{
    const bool dark = isDark(palette());
    m_format = ValueFormat::forUnit(panel.unit);
    m_plot->setValueFormatter(m_format);
    m_calcs = panel.timeseries.legendCalcs;
    m_all.clear();
    m_all.reserve(frame.series.size());
    for (std::size_t i = 0; i < frame.series.size(); ++i) {
        const view::PanelSeries &s = frame.series[i];
        m_all.push_back({s.name, PlotStyle::seriesColor(static_cast<int>(i), dark), s.points});
    }
    if (frame.toMs > frame.fromMs)
        m_plot->setDefaultTimeRange(TimeRange{frame.fromMs, frame.toMs});

    std::vector<ThresholdLine> lines;
    std::vector<ThresholdBand> bands;
    const auto &own = panel.thresholds;
    for (std::size_t i = 0; i < own.size(); ++i) {
        const dashboard::Threshold &t = own[i];
        const QColor c = thresholdColor(t, palette());
        if (t.style == dashboard::ThresholdStyle::Band) {
            QColor fill = c;
            fill.setAlphaF(0.12f);
            const double to = i + 1 < own.size() ? own[i + 1].value : std::numeric_limits<double>::infinity();
            bands.push_back({t.value, to, fill});
        }
        lines.push_back({t.value, c, m_format(t.value)});
    }
    for (const dashboard::Threshold &t : ruleThresholds) {
        const bool dup = std::any_of(own.begin(), own.end(), [&](const dashboard::Threshold &o) { return o.value == t.value; });
        if (!dup)
            lines.push_back({t.value, thresholdColor(t, palette()), tr("alert %1").arg(m_format(t.value))});
    }
    m_plot->setThresholds(std::move(lines));
    m_plot->setThresholdBands(std::move(bands));
    const bool rate = panel.unit == dashboard::Unit::RequestsPerSecond || panel.unit == dashboard::Unit::TokensPerSecond ||
                      panel.unit == dashboard::Unit::Bytes || panel.unit == dashboard::Unit::Ratio;
    m_plot->setYRange(rate ? std::optional<double>(0.0) : std::nullopt, std::nullopt);
    applySeries();
    m_legend->setVisible(!m_calcs.empty() || m_all.size() > 1);
    fitLegend();
}

void TimeseriesBody::applySeries()
{
    const int iso = m_legend->isolated();
    if (iso >= 0 && static_cast<std::size_t>(iso) < m_all.size())
        m_plot->setSeries({m_all[static_cast<std::size_t>(iso)]});
    else
        m_plot->setSeries(m_all);
    m_legend->setRows(m_all, m_calcs, m_format ? m_format : ValueFormat::siUnit(QString()));
}

void TimeseriesBody::fitLegend()
{
    // The legend takes at most a third of the body; it scrolls beyond.
    const int maxRows = std::max(1, (height() / 3) / std::max(1, m_legend->fontMetrics().height() + 4) - 1);
    m_legend->setFixedHeight(m_legend->preferredHeight(maxRows));
}

void TimeseriesBody::resizeEvent(QResizeEvent *event)
{
    PanelBody::resizeEvent(event);
    fitLegend();
}

void TimeseriesBody::setAlertBands(std::vector<TimeBand> bands) { m_plot->setTimeBands(std::move(bands)); }

void TimeseriesBody::setPlotCursor(PlotCursor *cursor) { m_plot->setPlotCursor(cursor); }

void TimeseriesBody::setFrameClock(FrameClock *clock) { m_plot->setFrameClock(clock); }

} // namespace mw::ui
