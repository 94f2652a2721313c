#include "DashboardFixture.h"

#include "ValueFormat.h"

#include <QGridLayout>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace {

constexpr int64_t kStart = 1'764'547'200'000; // 2025-12-01 00:00 UTC
constexpr int64_t kStepMs = 1'000;            // one sample per second

struct PanelKind
{
    const char *title;
    double base;
    double noise;
    int format; // 0 plain/si, 1 seconds, 2 bytes, 3 percent
};

const std::array<PanelKind, 16> kPanels = {{
    {"Throughput (req/s)", 1200, 60, 0}, {"p50 latency", 0.045, 0.004, 1},
    {"p99 latency", 0.22, 0.03, 1},       {"Error rate", 0.004, 0.001, 3},
    {"GPU memory", 14e9, 2e8, 2},         {"Host memory", 6e9, 1e8, 2},
    {"Batch size", 24, 2, 0},             {"Queue depth", 12, 3, 0},
    {"Tokens/s", 4.2e4, 2e3, 0},          {"Time to first token", 0.35, 0.05, 1},
    {"GPU utilisation", 0.7, 0.05, 3},    {"KV cache usage", 0.55, 0.04, 3},
    {"Precision", 0.93, 0.01, 3},         {"Recall", 0.88, 0.012, 3},
    {"F1 score", 0.9, 0.01, 3},           {"ROC-AUC", 0.95, 0.006, 3},
}};

const std::array<const char *, 4> kModels = {"resnet50", "bert-base", "llama-7b", "whisper-s"};

mw::SeriesData makeSeries(std::size_t n, double base, double noise, uint64_t seed, bool gap, double cap)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> step(0, noise * 0.05);
    auto pts = std::make_shared<std::vector<mw::Point>>();
    pts->reserve(n);
    double v = base;
    for (std::size_t i = 0; i < n; ++i) {
        // Mean-reverting random walk with a daily wave.
        v += step(rng) - (v - base) * 0.002;
        const double wave = noise * 2 * std::sin(static_cast<double>(i) * 2 * std::numbers::pi / 86'400.0);
        double value = std::clamp(v + wave, 0.0, cap);
        if (gap && i > n * 6 / 10 && i < n * 6 / 10 + n / 40)
            value = mw::staleNaN(); // the target was down: a stale gap
        pts->push_back({kStart + static_cast<int64_t>(i) * kStepMs, value});
    }
    return pts;
}

mw::ValueFormatter formatterFor(int kind)
{
    switch (kind) {
    case 1:
        return mw::ValueFormat::seconds();
    case 2:
        return mw::ValueFormat::bytes();
    case 3:
        return mw::ValueFormat::percent();
    default:
        return {};
    }
}

} // namespace

DashboardFixture::DashboardFixture(std::size_t pointsPerSeries, QSize windowSize, int dataSets)
{
    m_clock.setThreads(1);
    auto *grid = new QGridLayout(&m_window);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setSpacing(4);
    for (int p = 0; p < kRows * kCols; ++p) {
        auto *plot = new mw::TimeSeriesPlot(&m_window);
        plot->setFrameClock(&m_clock);
        plot->setPlotCursor(&m_cursor);
        const PanelKind &k = kPanels[static_cast<std::size_t>(p)];
        plot->setTitle(QString::fromUtf8(k.title));
        plot->setValueFormatter(formatterFor(k.format));
        grid->addWidget(plot, p / kCols, p % kCols);
        m_plots.push_back(plot);
    }
    m_window.resize(windowSize);
    build(dataSets, pointsPerSeries);
    m_image = QImage(windowSize, QImage::Format_RGB32);
    setData(0);
}

void DashboardFixture::build(int dataSets, std::size_t points)
{
    m_sets.resize(static_cast<std::size_t>(dataSets));
    for (int s = 0; s < dataSets; ++s) {
        for (int p = 0; p < kRows * kCols; ++p) {
            const PanelKind &k = kPanels[static_cast<std::size_t>(p)];
            for (int i = 0; i < kSeries; ++i) {
                // Ratios stay below 1; other KPIs differ by model.
                const double base = k.format == 3 && k.base > 0.5 ? k.base * (1 - 0.03 * i) : k.base * (1 + 0.12 * i);
                const auto seed = static_cast<uint64_t>(s * 1000 + p * 10 + i + 1);
                m_sets[static_cast<std::size_t>(s)].push_back(makeSeries(points, base, k.noise, seed, i == 2, k.format == 3 ? 1.0 : std::numeric_limits<double>::infinity()));
            }
        }
    }
    m_range = {kStart, kStart + static_cast<int64_t>(points - 1) * kStepMs};

    for (int p = 0; p < kRows * kCols; ++p) {
        const PanelKind &k = kPanels[static_cast<std::size_t>(p)];
        std::vector<mw::PlotSeries> series;
        for (int i = 0; i < kSeries; ++i)
            series.push_back({QString::fromUtf8(kModels[static_cast<std::size_t>(i)]), QColor(), nullptr});
        mw::TimeSeriesPlot *plot = m_plots[static_cast<std::size_t>(p)];
        plot->setSeries(std::move(series));
        if (k.format == 1) {
            // Latency: warning and critical thresholds with their zones.
            const double warn = k.base * 1.6, crit = k.base * 2.0;
            plot->setThresholds({{warn, QColor(0xe0, 0x9a, 0x00), QObject::tr("warning")},
                                 {crit, QColor(0xd0, 0x30, 0x30), QObject::tr("critical")}});
            plot->setThresholdBands({{warn, crit, QColor(0xe0, 0x9a, 0x00)},
                                     {crit, INFINITY, QColor(0xd0, 0x30, 0x30)}});
            plot->setYRange(0.0, std::nullopt);
        }
        if (p == 3 || p == 9) {
            // An alert that fired for a while.
            const int64_t a = m_range.t0 + m_range.span() * 3 / 10;
            plot->setTimeBands({{a, a + m_range.span() / 12, QColor(0xd0, 0x30, 0x30)}});
        }
    }
}

const mw::SeriesData &DashboardFixture::data(int set, int panel, int series) const
{
    return m_sets[static_cast<std::size_t>(set)][static_cast<std::size_t>(panel * kSeries + series)];
}

void DashboardFixture::setData(int set)
{
    const std::vector<mw::SeriesData> &d = m_sets[static_cast<std::size_t>(set) % m_sets.size()];
    for (int p = 0; p < kRows * kCols; ++p) {
        for (int i = 0; i < kSeries; ++i)
            m_plots[static_cast<std::size_t>(p)]->setSeriesData(i, d[static_cast<std::size_t>(p * kSeries + i)]);
    }
}

void DashboardFixture::frame()
{
    m_clock.tick();
    m_window.render(&m_image);
}
