#pragma once

// A 4x4 dashboard of TimeSeriesPlots (4 series each) in one window, with
// two pre-generated data sets to alternate between, for the drawing
// benchmark and its --show screenshot mode.

#include "FrameClock.h"
#include "PlotCursor.h"
#include "TimeSeriesPlot.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

class DashboardFixture
{
public:
    static constexpr int kRows = 4;
    static constexpr int kCols = 4;
    static constexpr int kSeries = 4;

    DashboardFixture(std::size_t pointsPerSeries, QSize windowSize, int dataSets = 2);

    QWidget &window() { return m_window; }
    mw::FrameClock &clock() { return m_clock; }
    mw::PlotCursor &cursor() { return m_cursor; }
    const std::vector<mw::TimeSeriesPlot *> &plots() const { return m_plots; }
    /// The full time range of the data.
    mw::TimeRange dataRange() const { return m_range; }
    /// The raw data of set `set`, panel p, series s.
    const mw::SeriesData &data(int set, int panel, int series) const;

    /// Hands data set `set` to every series (64 setSeriesData calls, O(1) each).
    void setData(int set);
    /// One frame: the clock's tick (reduce + paint layers of dirty plots),
    /// then the whole window painted into image().
    void frame();
    QImage &image() { return m_image; }

private:
    void build(int dataSets, std::size_t points);

    QWidget m_window;
    mw::FrameClock m_clock;
    mw::PlotCursor m_cursor;
    std::vector<mw::TimeSeriesPlot *> m_plots;
    std::vector<std::vector<mw::SeriesData>> m_sets; ///< [set][panel * kSeries + series]
    mw::TimeRange m_range;
    QImage m_image;
};
