// Drawing a 16-panel dashboard (4x4, 4 series each, 100k points per series)
// at 1920x1080 with the software rasteriser: TimeSeriesPlot (QPainter, M4,
// cached layers, frame clock) against Qt Charts. Run with
// QT_QPA_PLATFORM=offscreen.
//
//   bench_dashboard_draw [benchmark flags]
//   bench_dashboard_draw --show [--dark] [--out FILE.png] [--interactive]
//       shows the dashboard with a hover crosshair, saves a screenshot.

#include "DashboardFixture.h"
#include "plot/M4.h"

#ifdef MW_HAVE_QTCHARTS
#include "ChartsDashboard.h"
#endif

#include <QApplication>
#include <QStyleFactory>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <cstring>
#include <memory>

namespace {

constexpr std::size_t kPoints = 100'000;
const QSize kWindow(1920, 1080);

DashboardFixture &fixture()
{
    static auto *f = [] {
        auto *d = new DashboardFixture(kPoints, kWindow);
        d->window().show();
        d->frame();
        return d;
    }();
    return *f;
}

// (a) Full refresh: new data for all 64 series, M4 reduction, every layer
// painted, the whole window painted into a QImage.
void BM_FullRefresh(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    f.clock().setThreads(static_cast<int>(state.range(0)));
    int set = 0;
    for (auto _ : state) {
        f.setData(++set % 2);
        f.frame();
        benchmark::DoNotOptimize(f.image().constBits());
    }
    f.clock().setThreads(1);
}
BENCHMARK(BM_FullRefresh)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The parts of (a): reduction only (64 x m4Reduce at the plots' widths) ...
void BM_ReduceOnly(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    const mw::TimeRange r = f.dataRange();
    const int width = static_cast<int>(f.plots()[0]->currentMapping().area.width());
    std::vector<mw::Point> out;
    int set = 0;
    for (auto _ : state) {
        ++set;
        for (int p = 0; p < 16; ++p) {
            for (int i = 0; i < 4; ++i) {
                mw::m4Reduce(*f.data(set % 2, p, i), r.t0, r.t1, width, out);
                benchmark::DoNotOptimize(out.data());
            }
        }
    }
    state.counters["columns"] = width;
}
BENCHMARK(BM_ReduceOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// ... and painting only (layers repainted from cached reductions).
void BM_PaintOnly(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    const bool aa = state.range(0) != 0;
    for (mw::TimeSeriesPlot *p : f.plots())
        p->setAntialiased(aa);
    for (auto _ : state) {
        for (mw::TimeSeriesPlot *p : f.plots())
            p->setTitle(p->title()); // invalidates the layer, not the reduction
        f.frame();
        benchmark::DoNotOptimize(f.image().constBits());
    }
    for (mw::TimeSeriesPlot *p : f.plots())
        p->setAntialiased(true);
}
BENCHMARK(BM_PaintOnly)->ArgName("antialiased")->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

// (b) Hover move: the synced crosshair moves on all 16 plots.
void BM_HoverMove(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    const mw::TimeRange r = f.dataRange();
    int64_t i = 0;
    for (auto _ : state) {
        f.cursor().setHover(r.t0 + (i++ * 997'000) % r.span(), f.plots()[5]);
        f.frame();
        benchmark::DoNotOptimize(f.image().constBits());
    }
    f.cursor().clearHover();
    f.frame();
}
BENCHMARK(BM_HoverMove)->Unit(benchmark::kMillisecond)->UseRealTime();

// (c) Zoom change: a new shared range, all 64 series reduced again and painted.
void BM_ZoomChange(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    f.clock().setThreads(static_cast<int>(state.range(0)));
    const mw::TimeRange r = f.dataRange();
    int64_t i = 0;
    for (auto _ : state) {
        // Wheel-like steps between 100 % and 30 % of the data around 60 %.
        const double factor = 1.0 - 0.07 * static_cast<double>(i++ % 10);
        f.cursor().setTimeRange(r.zoomed(r.t0 + r.span() * 6 / 10, factor));
        f.frame();
        benchmark::DoNotOptimize(f.image().constBits());
    }
    f.cursor().resetTimeRange();
    f.frame();
    f.clock().setThreads(1);
}
BENCHMARK(BM_ZoomChange)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

#ifdef MW_HAVE_QTCHARTS
// (d) The same full refresh with Qt Charts: QLineSeries::replace per series,
// with M4-reduced points (arg 1) or every point (arg 0), then the window
// painted into a QImage. range(1) = points per series.
void BM_QtChartsFullRefresh(benchmark::State &state)
{
    DashboardFixture &f = fixture();
    const bool reduce = state.range(0) != 0;
    const auto n = static_cast<std::size_t>(state.range(1));
    static std::unique_ptr<ChartsDashboard> charts;
    if (!charts) {
        charts = std::make_unique<ChartsDashboard>(kWindow);
        charts->window().show();
        charts->paint();
    }
    // Truncated copies when fewer points than the fixture's are asked for.
    std::vector<std::vector<mw::Point>> trunc[2];
    std::vector<const std::vector<mw::Point> *> sets[2];
    for (int s = 0; s < 2; ++s) {
        for (int p = 0; p < 16; ++p) {
            for (int i = 0; i < 4; ++i) {
                const std::vector<mw::Point> &d = *f.data(s, p, i);
                if (n >= d.size()) {
                    sets[s].push_back(&d);
                } else {
                    trunc[s].emplace_back(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(n));
                }
            }
        }
        for (const auto &v : trunc[s])
            sets[s].push_back(&v);
    }
    const mw::TimeRange r = f.dataRange();
    const int64_t t1 = n >= kPoints ? r.t1 : r.t0 + static_cast<int64_t>(n - 1) * 1000;
    int set = 0;
    for (auto _ : state) {
        charts->setData(sets[++set % 2], r.t0, t1, reduce);
        charts->paint();
    }
    state.counters["points_per_series"] = static_cast<double>(charts->pointsInSeries());
}
BENCHMARK(BM_QtChartsFullRefresh)
    ->ArgNames({"m4", "points"})
    ->Args({1, 100'000})
    ->Args({0, 10'000})
    ->Args({0, 100'000})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
#endif

int showDashboard(int argc, char **argv)
{
    bool dark = false, interactive = false;
    QString out = QStringLiteral("dashboard.png");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--dark") == 0)
            dark = true;
        else if (std::strcmp(argv[i], "--interactive") == 0)
            interactive = true;
        else if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out = QString::fromLocal8Bit(argv[++i]);
    }
    if (dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette pal;
        pal.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
        pal.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
        pal.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        pal.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        pal.setColor(QPalette::ToolTipBase, QColor(0x30, 0x33, 0x38));
        pal.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
        pal.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xd8));
        QApplication::setPalette(pal);
    }
    DashboardFixture f(kPoints, kWindow, 1);
    f.clock().setThreads(2);
    f.window().setWindowTitle(QObject::tr("ModelWatch dashboard drawing demo"));
    f.window().show();
    f.clock().tick();
    const mw::TimeRange r = f.dataRange();
    f.cursor().setHover(r.t0 + r.span() * 62 / 100, f.plots()[6]);
    QTimer::singleShot(500, [&] {
        f.clock().tick();
        QApplication::processEvents();
        const bool ok = f.window().grab().save(out);
        qInfo("screenshot %s: %s", qPrintable(out), ok ? "saved" : "FAILED");
        if (!interactive)
            QApplication::quit();
    });
    return QApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--show") == 0)
            return showDashboard(argc, argv);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
