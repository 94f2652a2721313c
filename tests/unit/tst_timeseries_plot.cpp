// TimeSeriesPlot rendered offscreen: series, gaps, thresholds and bands land
// on the pixels the mapping says; the palette, HiDPI layers, the frame clock
// (coalescing, hidden plots) and the M4 cache behave.

#include "FrameClock.h"
#include "PlotPainter.h"
#include "TimeSeriesPlot.h"

#include <QApplication>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace mw;

namespace {

constexpr int64_t kT0 = 1'764'547'200'000;

SeriesData line(int n, int64_t step, const std::function<double(int)> &f)
{
    auto v = std::make_shared<std::vector<Point>>();
    for (int i = 0; i < n; ++i)
        v->push_back({kT0 + i * step, f(i)});
    return v;
}

bool near(QRgb a, QColor b, int tol = 40)
{
    return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green()) + std::abs(qBlue(a) - b.blue()) <= tol;
}

/// Pixels of column x, rows [y0, y1], close to c.
int countInColumn(const QImage &img, int x, int y0, int y1, QColor c)
{
    int n = 0;
    for (int y = std::max(0, y0); y <= std::min(img.height() - 1, y1); ++y)
        n += near(img.pixel(x, y), c) ? 1 : 0;
    return n;
}

int countInRow(const QImage &img, int y, int x0, int x1, QColor c)
{
    int n = 0;
    for (int x = std::max(0, x0); x <= std::min(img.width() - 1, x1); ++x)
        n += near(img.pixel(x, y), c) ? 1 : 0;
    return n;
}

} // namespace

class TestTimeSeriesPlot : public QObject
{
    Q_OBJECT
private:
    FrameClock m_clock;

    void setUp(TimeSeriesPlot &p)
    {
        p.setFrameClock(&m_clock);
        p.setTimeZone(QTimeZone::utc());
        p.resize(400, 300);
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void seriesDrawsAtItsMappedRow()
    {
        TimeSeriesPlot p;
        setUp(p);
        const QColor red(220, 0, 0);
        p.setSeries({{QStringLiteral("flat"), red, line(1000, 1000, [](int) { return 30.0; })}});
        p.setYRange(0.0, 100.0);
        const PlotMapping m = p.currentMapping();
        QCOMPARE(m.vMin, 0.0);
        QCOMPARE(m.vMax, 100.0);
        const QImage img = p.grab().toImage();
        const int y = static_cast<int>(std::floor(m.yOf(30)));
        const int x = static_cast<int>(m.xOf(kT0 + 500'000));
        QVERIFY2(countInColumn(img, x, y - 1, y + 1, red) >= 1, "series pixel at its value's row");
        QCOMPARE(countInColumn(img, x, static_cast<int>(m.area.top()), y - 4, red), 0);
        QCOMPARE(countInColumn(img, x, y + 4, static_cast<int>(m.area.bottom()), red), 0);
        // Along the whole width of the data.
        QVERIFY(countInRow(img, y, static_cast<int>(m.area.left()) + 2, static_cast<int>(m.area.right()) - 2, red)
                > static_cast<int>(m.area.width()) - 8);
    }

    void nanGapLeavesColumnsEmpty()
    {
        TimeSeriesPlot p;
        setUp(p);
        const QColor blue(0, 0, 230);
        // 0..1000 s, values NaN from 400 s to 600 s.
        p.setSeries({{QStringLiteral("gappy"), blue,
                      line(1001, 1000, [](int i) { return i >= 400 && i < 600 ? std::nan("") : 10.0 + (i % 7); })}});
        const PlotMapping m = p.currentMapping();
        const QImage img = p.grab().toImage();
        const int top = static_cast<int>(m.area.top()), bottom = static_cast<int>(m.area.bottom());
        for (const int64_t s : {420, 500, 580})
            QCOMPARE(countInColumn(img, static_cast<int>(m.xOf(kT0 + s * 1000)), top, bottom, blue), 0);
        for (const int64_t s : {200, 380, 620, 800})
            QVERIFY(countInColumn(img, static_cast<int>(m.xOf(kT0 + s * 1000)), top, bottom, blue) > 0);
    }

    void thresholdLineAndBands()
    {
        TimeSeriesPlot p;
        setUp(p);
        const QColor green(0, 170, 0);
        const QColor band(255, 0, 0);
        p.setSeries({{QStringLiteral("s"), QColor(0, 0, 0), line(100, 1000, [](int) { return 5.0; })}});
        p.setYRange(0.0, 100.0);
        p.setThresholds({{80, green, QString()}});
        p.setThresholdBands({{60, 80, band}});
        p.setTimeBands({{kT0 + 10'000, kT0 + 20'000, QColor(0, 0, 255)}});
        const PlotMapping m = p.currentMapping();
        const QImage img = p.grab().toImage();
        const int y = static_cast<int>(std::lround(m.yOf(80)));
        // Dashed: about half the row.
        const int onLine = countInRow(img, y, static_cast<int>(m.area.left()), static_cast<int>(m.area.right()), green);
        QVERIFY2(onLine > m.area.width() / 4, qPrintable(QString::number(onLine)));
        QCOMPARE(countInRow(img, static_cast<int>(m.yOf(90)), static_cast<int>(m.area.left()),
                            static_cast<int>(m.area.right()), green), 0);
        // Inside the band: background tinted red; above it: not.
        const QColor bg = p.palette().color(QPalette::Base);
        const int x = static_cast<int>(m.xOf(kT0 + 57'000)); // off the grid lines
        const QRgb inBand = img.pixel(x, static_cast<int>(m.yOf(70)));
        const QRgb above = img.pixel(x, static_cast<int>(m.yOf(90)));
        QVERIFY(qRed(inBand) > qGreen(inBand) + 15);
        QVERIFY(near(above, bg, 6));
        // The time band tints its columns blue.
        const QRgb inTime = img.pixel(static_cast<int>(m.xOf(kT0 + 13'000)), static_cast<int>(m.yOf(50)));
        QVERIFY(qBlue(inTime) > qRed(inTime) + 15);
    }

    void followsPalette()
    {
        TimeSeriesPlot p;
        setUp(p);
        p.setSeries({{QStringLiteral("s"), QColor(), line(10, 1000, [](int i) { return i; })},
                     {QStringLiteral("fixed"), QColor(1, 2, 3), line(10, 1000, [](int i) { return i; })}});
        const QColor lightDefault = p.series().front().color;
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(20, 20, 24));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        p.setPalette(dark);
        const QImage img = p.grab().toImage();
        QVERIFY(near(img.pixel(2, img.height() - 2), QColor(20, 20, 24), 4));
        // A default colour follows the scheme (lighter on dark); a given one stays.
        QCOMPARE(p.series().front().color, PlotStyle::seriesColor(0, true));
        QVERIFY(p.series().front().color != lightDefault);
        QCOMPARE(p.series().back().color, QColor(1, 2, 3));
    }

    void hiDpiLayerUsesDevicePixels()
    {
        // The painter at dpr 2: the same logical row lands on device row 2y.
        PlotContent c;
        const QColor red(220, 0, 0);
        c.series.push_back({QStringLiteral("s"), red, line(500, 1000, [](int) { return 50.0; })});
        const PlotStyle style = PlotStyle::fromPalette(QPalette(), QFont());
        const PlotLayout l = PlotLayout::compute(QSizeF(300, 200), style.font);
        const TimeRange r{kT0, kT0 + 499'000};
        std::vector<ReducedSeries> red4(1);
        red4[0].update(c.series[0].points, r, static_cast<int>(l.area.width() * 2));
        const PlotMapping m{l.area, r, 0, 100};
        const NiceTicks yt = NiceTicks::forRange(0, 100, l.maxYTicks);
        const TimeTicks xt = TimeTicks::forRange(r, l.maxXTicks, QTimeZone::utc(), QLocale::c());
        QImage img(600, 400, QImage::Format_RGB32);
        img.setDevicePixelRatio(2);
        {
            QPainter painter(&img);
            PlotPainter pp;
            pp.paintLayer(painter, PlotFrame{c, red4, l, m, yt, xt, style});
        }
        const int devY = static_cast<int>(std::floor(m.yOf(50) * 2));
        const int devX = static_cast<int>(m.xOf(kT0 + 250'000) * 2);
        QVERIFY(countInColumn(img, devX, devY - 1, devY + 1, red) >= 1);
        QCOMPARE(countInColumn(img, devX, devY - 12, devY - 4, red), 0);
        // The stroke is lineWidth (1) logical = 2 device pixels wide.
        QVERIFY(near(img.pixel(devX + 1, devY), red) || near(img.pixel(devX - 1, devY), red));
    }

    void frameClockCoalescesAndSkipsHidden()
    {
        FrameClock clock;
        clock.setInterval(1000);
        TimeSeriesPlot p;
        p.setFrameClock(&clock);
        p.resize(300, 200);
        QSignalSpy done(&clock, &FrameClock::frameDone);
        for (int i = 0; i < 5; ++i)
            p.setSeries({{QStringLiteral("s"), QColor(), line(100, 1000, [i](int k) { return k * i; })}});
        QCOMPARE(clock.pendingCount(), 1);
        clock.tick();
        QCOMPARE(done.count(), 1);
        QCOMPARE(done.at(0).at(0).toInt(), 0); // nothing visible
        QCOMPARE(done.at(0).at(1).toInt(), 1); // the hidden plot was skipped
        QCOMPARE(p.reductions(), 0);           // and did no work
        p.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p));
        QVERIFY(clock.isPending(&p)); // showing it asked for the frame it missed
        clock.tick();
        QCOMPARE(done.last().at(0).toInt(), 1);
        QCOMPARE(p.reductions(), 1);
    }

    void parallelPrepareMatchesSequential()
    {
        // Eight plots prepared by two threads paint what one thread paints.
        FrameClock clock;
        clock.setThreads(2);
        QWidget window;
        std::vector<TimeSeriesPlot *> plots;
        for (int i = 0; i < 8; ++i) {
            auto *p = new TimeSeriesPlot(&window);
            p->setFrameClock(&clock);
            p->setTimeZone(QTimeZone::utc());
            p->setGeometry((i % 4) * 260, (i / 4) * 200, 250, 190);
            p->setSeries({{QStringLiteral("s"), QColor(200, 0, 0),
                           line(20'000, 100, [i](int k) { return std::sin(k * 1e-3 * (i + 1)); })}});
            plots.push_back(p);
        }
        window.resize(1040, 400);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (TimeSeriesPlot *p : plots)
            p->setSeriesData(0, line(20'000, 100, [](int k) { return std::cos(k * 1e-3); }));
        QCOMPARE(clock.pendingCount(), 8);
        clock.tick();
        QCOMPARE(clock.pendingCount(), 0);
        for (TimeSeriesPlot *p : plots) {
            QCOMPARE(p->reductions(), 2);
            const QImage parallel = p->grab().toImage();
            p->setTitle(QStringLiteral("again")); // repaint on the GUI thread
            p->setTitle(QString());
            p->currentMapping();
            QCOMPARE(p->grab().toImage(), parallel);
        }
    }

    void reductionOnlyWhenDataWidthOrRangeChange()
    {
        TimeSeriesPlot p;
        setUp(p);
        const SeriesData d = line(100'000, 100, [](int i) { return std::sin(i * 1e-3); });
        p.setSeries({{QStringLiteral("a"), QColor(), d}, {QStringLiteral("b"), QColor(), d}});
        p.currentMapping();
        QCOMPARE(p.reductions(), 2);
        p.setTitle(QStringLiteral("new title")); // repaint, same reduction
        p.setThresholds({{0.5, QColor(Qt::red), QString()}});
        p.currentMapping();
        QCOMPARE(p.reductions(), 2);
        p.resize(500, 300); // width
        p.currentMapping();
        QCOMPARE(p.reductions(), 4);
        p.setSeriesData(1, line(1000, 100, [](int) { return 1.0; })); // data of one series
        p.currentMapping();
        QCOMPARE(p.reductions(), 5);
        p.setTimeRange({kT0, kT0 + 50'000}); // visible range
        p.currentMapping();
        QCOMPARE(p.reductions(), 7);
    }

    void autoRangeCoversVisibleData()
    {
        TimeSeriesPlot p;
        setUp(p);
        p.setSeries({{QStringLiteral("a"), QColor(), line(1000, 1000, [](int i) { return i < 500 ? 3.0 : 917.0; })}});
        PlotMapping m = p.currentMapping();
        QVERIFY(m.vMin <= 3.0 && m.vMax >= 917.0);
        QCOMPARE(m.vMax, 1000.0);
        // Zoomed to the first half only the low values count.
        p.setTimeRange({kT0, kT0 + 400'000});
        m = p.currentMapping();
        QVERIFY(m.vMax < 10.0);
    }
};

QTEST_MAIN(TestTimeSeriesPlot)
#include "tst_timeseries_plot.moc"
