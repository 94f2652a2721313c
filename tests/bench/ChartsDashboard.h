#pragma once

// The same 4x4 dashboard drawn with Qt Charts (QChartView, QLineSeries,
// QDateTimeAxis), for the Qt Charts vs QPainter decision.

#include "store/Point.h"

#include <QImage>
#include <QWidget>

#include <vector>

class QChart;
class QLineSeries;
class QDateTimeAxis;
class QValueAxis;

class ChartsDashboard
{
public:
    explicit ChartsDashboard(QSize windowSize);

    QWidget &window() { return m_window; }
    /// Replaces every series: M4-reduced to the plot width when reduce is true,
    /// else every point; one QLineSeries::replace per series.
    void setData(const std::vector<const std::vector<mw::Point> *> &series, int64_t t0, int64_t t1, bool reduce);
    void paint() { m_window.render(&m_image); }
    qsizetype pointsInSeries() const;

private:
    QWidget m_window;
    std::vector<QChart *> m_charts;
    std::vector<QLineSeries *> m_series;
    std::vector<QDateTimeAxis *> m_xAxes;
    std::vector<QValueAxis *> m_yAxes;
    std::vector<mw::Point> m_reduced;
    QList<QPointF> m_points;
    QImage m_image;
};
