#include "ChartsDashboard.h"

#include "plot/M4.h"

#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

ChartsDashboard::ChartsDashboard(QSize windowSize)
{
    auto *grid = new QGridLayout(&m_window);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(4);
    for (int p = 0; p < 16; ++p) {
        auto *chart = new QChart;
        chart->legend()->hide();
        chart->setMargins(QMargins(2, 2, 2, 2));
        auto *x = new QDateTimeAxis;
        x->setFormat(QStringLiteral("HH:mm"));
        x->setTickCount(5);
        auto *y = new QValueAxis;
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        for (int i = 0; i < 4; ++i) {
            auto *s = new QLineSeries;
            chart->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
            m_series.push_back(s);
        }
        auto *view = new QChartView(chart);
        grid->addWidget(view, p / 4, p % 4);
        m_charts.push_back(chart);
        m_xAxes.push_back(x);
        m_yAxes.push_back(y);
    }
    m_window.resize(windowSize);
    m_image = QImage(windowSize, QImage::Format_RGB32);
}

void ChartsDashboard::setData(const std::vector<const std::vector<mw::Point> *> &series, int64_t t0, int64_t t1,
                              bool reduce)
{
    for (std::size_t p = 0; p < m_charts.size(); ++p) {
        const int width = std::max(1, static_cast<int>(m_charts[p]->plotArea().width()));
        double lo = INFINITY, hi = -INFINITY;
        for (std::size_t i = 0; i < 4; ++i) {
            const std::vector<mw::Point> &src = *series[p * 4 + i];
            const std::vector<mw::Point> *pts = &src;
            if (reduce) {
                mw::m4Reduce(src, t0, t1, width, m_reduced);
                pts = &m_reduced;
            }
            m_points.clear();
            m_points.reserve(static_cast<qsizetype>(pts->size()));
            for (const mw::Point &pt : *pts) {
                // Qt Charts has no gaps: NaN points are dropped (the line joins).
                if (!std::isfinite(pt.v))
                    continue;
                m_points.append(QPointF(static_cast<double>(pt.t), pt.v));
                lo = std::min(lo, pt.v);
                hi = std::max(hi, pt.v);
            }
            m_series[p * 4 + i]->replace(m_points);
        }
        m_xAxes[p]->setRange(QDateTime::fromMSecsSinceEpoch(t0), QDateTime::fromMSecsSinceEpoch(t1));
        m_yAxes[p]->setRange(lo, hi);
    }
}

qsizetype ChartsDashboard::pointsInSeries() const
{
    return m_series.empty() ? 0 : m_series.front()->count();
}
