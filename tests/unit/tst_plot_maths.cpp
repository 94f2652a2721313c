// The plot's drawing maths without painting: time ranges, the time/value
// <-> pixel mapping, nice ticks, value labels and the M4 cache.

#include "NiceTicks.h"
#include "PlotMapping.h"
#include "PlotRanges.h"
#include "ReducedSeries.h"
#include "TimeRange.h"
#include "ValueFormat.h"

#include <QTest>

#include <cmath>

using namespace mw;

class TestPlotMaths : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void zoomKeepsAnchor()
    {
        const TimeRange r{1000, 2000};
        const TimeRange z = r.zoomed(1250, 0.5);
        QCOMPARE(z, (TimeRange{1125, 1625}));
        QCOMPARE(r.zoomed(1250, 2.0), (TimeRange{750, 2750}));
        QCOMPARE(r.zoomed(1000, 1e-9).span(), TimeRange::kMinSpan);
        QCOMPARE(r.zoomed(1500, std::nan("")), r);
        QCOMPARE(r.panned(-300), (TimeRange{700, 1700}));
    }

    void mappingRoundTrip_data()
    {
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("width");
        QTest::addColumn<qint64>("t0");
        QTest::addColumn<qint64>("span");
        QTest::newRow("1 px per s") << 50.0 << 400.0 << qint64(1'764'547'200'000) << qint64(400'000);
        QTest::newRow("day on 1920") << 0.0 << 1920.0 << qint64(1'764'547'200'000) << qint64(86'400'000);
        QTest::newRow("ms range") << 10.5 << 300.0 << qint64(-5000) << qint64(30);
        QTest::newRow("year on 97") << 3.0 << 97.0 << qint64(0) << qint64(31'536'000'000);
    }
    void mappingRoundTrip()
    {
        QFETCH(double, left);
        QFETCH(double, width);
        QFETCH(qint64, t0);
        QFETCH(qint64, span);
        const PlotMapping m{QRectF(left, 20, width, 200), {t0, t0 + span}, -5, 15};
        QCOMPARE(m.xOf(t0), left);
        QCOMPARE(m.xOf(t0 + span), left + width);
        QCOMPARE(m.tOf(left), t0);
        QCOMPARE(m.tOf(left + width), t0 + span);
        // time -> x -> time within the time of half a pixel
        const int64_t halfPixel = static_cast<int64_t>(std::ceil(static_cast<double>(span) / width / 2));
        for (int i = 0; i <= 10; ++i) {
            const int64_t t = t0 + span * i / 10;
            QVERIFY2(std::llabs(m.tOf(m.xOf(t)) - t) <= std::max<int64_t>(1, halfPixel), qPrintable(QString::number(t)));
        }
        // x -> time -> x exact to well under a pixel
        for (double x = left; x <= left + width; x += width / 7)
            QVERIFY(std::fabs(m.xOf(m.tOf(x)) - x) <= std::max(1e-6, width / static_cast<double>(span)));
        QCOMPARE(m.yOf(-5), 220.0);
        QCOMPARE(m.yOf(15), 20.0);
        QCOMPARE(m.yOf(5), 120.0);
        QCOMPARE(m.vOf(120.0), 5.0);
        QCOMPARE(m.vOf(m.yOf(3.25)), 3.25);
    }

    void niceStep_data()
    {
        QTest::addColumn<double>("rough");
        QTest::addColumn<double>("nice");
        QTest::newRow("1") << 1.0 << 1.0;
        QTest::newRow("1.1") << 1.1 << 2.0;
        QTest::newRow("2.2") << 2.2 << 2.5;
        QTest::newRow("3") << 3.0 << 5.0;
        QTest::newRow("7") << 7.0 << 10.0;
        QTest::newRow("0.013") << 0.013 << 0.02;
        QTest::newRow("240") << 240.0 << 250.0;
        QTest::newRow("4.1e9") << 4.1e9 << 5e9;
        QTest::newRow("2 (rounding)") << 2.0000000001 << 2.0;
    }
    void niceStep()
    {
        QFETCH(double, rough);
        QFETCH(double, nice);
        QCOMPARE(NiceTicks::niceStep(rough), nice);
    }

    void ticksForManyRanges_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<int>("maxTicks");
        QTest::addColumn<double>("step");
        QTest::addColumn<double>("first");
        QTest::newRow("0..100 /6") << 0.0 << 100.0 << 6 << 20.0 << 0.0;
        QTest::newRow("0..1 /5") << 0.0 << 1.0 << 5 << 0.25 << 0.0;
        QTest::newRow("-3..7 /6") << -3.0 << 7.0 << 6 << 2.0 << -2.0;
        QTest::newRow("0.0012..0.0047 /4") << 0.0012 << 0.0047 << 4 << 0.002 << 0.002;
        QTest::newRow("1.2e9..2.05e10 /5") << 1.2e9 << 2.05e10 << 5 << 5e9 << 5e9;
        QTest::newRow("99.5..100.5 /3") << 99.5 << 100.5 << 3 << 0.5 << 99.5;
        QTest::newRow("-1e-6..1e-6 /5") << -1e-6 << 1e-6 << 5 << 5e-7 << -1e-6;
        QTest::newRow("800..2000 /7") << 800.0 << 2000.0 << 7 << 200.0 << 800.0;
    }
    void ticksForManyRanges()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(int, maxTicks);
        QFETCH(double, step);
        QFETCH(double, first);
        const NiceTicks t = NiceTicks::forRange(lo, hi, maxTicks);
        QCOMPARE(t.step, step);
        QVERIFY(!t.values.empty());
        QCOMPARE(t.values.front(), first);
        QVERIFY(static_cast<int>(t.values.size()) <= maxTicks);
        for (std::size_t i = 0; i < t.values.size(); ++i) {
            QVERIFY(t.values[i] >= lo - step * 1e-9 && t.values[i] <= hi + step * 1e-9);
            const double k = t.values[i] / step;
            QVERIFY2(std::fabs(k - std::round(k)) < 1e-6, "tick is a multiple of the step");
        }
    }

    void zeroTickIsExactlyZero()
    {
        const NiceTicks t = NiceTicks::forRange(-0.3, 0.3, 7);
        QCOMPARE(t.step, 0.1);
        QCOMPARE(t.values.size(), std::size_t(7));
        QCOMPARE(t.values[3], 0.0);
        QVERIFY(!std::signbit(t.values[3]));
        QCOMPARE(t.decimals, 1);
    }

    void autoRange()
    {
        // Step 200 would need 7 ticks: 250 is the nice step that fits in 6.
        const NiceTicks::Range r = NiceTicks::autoRange(963.2, 1871.4, 6);
        QCOMPARE(r.lo, 750.0);
        QCOMPARE(r.hi, 2000.0);
        const NiceTicks::Range flat = NiceTicks::autoRange(50, 50, 5);
        QVERIFY(flat.lo < 50 && flat.hi > 50);
        const NiceTicks::Range zero = NiceTicks::autoRange(0, 0, 5);
        QVERIFY(zero.lo < 0 && zero.hi > 0);
        const NiceTicks::Range bad = NiceTicks::autoRange(std::nan(""), 3, 5);
        QCOMPARE(bad.lo, 0.0);
        QCOMPARE(bad.hi, 1.0);
        const NiceTicks::Range tiny = NiceTicks::autoRange(0.93, 0.97, 5);
        QCOMPARE(tiny.lo, 0.93);
        QCOMPARE(tiny.hi, 0.97);
    }

    void decimals()
    {
        QCOMPARE(NiceTicks::decimalsFor(20), 0);
        QCOMPARE(NiceTicks::decimalsFor(0.25), 2);
        QCOMPARE(NiceTicks::decimalsFor(0.5), 1);
        QCOMPARE(NiceTicks::decimalsFor(2e-6), 6);
    }

    void valueLabels()
    {
        QCOMPARE(ValueFormat::tick(0.25, 0.25), QStringLiteral("0.25"));
        QCOMPARE(ValueFormat::tick(1500, 500), QStringLiteral("1500"));
        QCOMPARE(ValueFormat::tick(40000, 10000), QStringLiteral("40k"));
        QCOMPARE(ValueFormat::tick(2.5e6, 5e5), QStringLiteral("2.5M"));
        QCOMPARE(ValueFormat::tick(-1e-17, 0.1), QStringLiteral("0.0"));
        QCOMPARE(ValueFormat::si(0.0125, QStringLiteral("s")), QStringLiteral("12.5 ms"));
        QCOMPARE(ValueFormat::si(1234, QStringLiteral("req/s")), QStringLiteral("1.23 kreq/s"));
        QCOMPARE(ValueFormat::si(0, QString()), QStringLiteral("0"));
        QCOMPARE(ValueFormat::bytes()(1.5e9), QStringLiteral("1.5 GB"));
        QCOMPARE(ValueFormat::bytes()(512), QStringLiteral("512 B"));
        QCOMPARE(ValueFormat::seconds()(0.00085), QStringLiteral("850 \u00b5s"));
        QCOMPARE(ValueFormat::seconds()(180), QStringLiteral("3 min"));
        QCOMPARE(ValueFormat::percent()(0.9521), QStringLiteral("95.2 %"));
        QCOMPARE(ValueFormat::percent()(std::nan("")), QStringLiteral("no data"));
    }

    void reductionIsCached()
    {
        auto v = std::make_shared<std::vector<Point>>();
        for (int i = 0; i < 10'000; ++i)
            v->push_back({i * 10, std::sin(i * 0.01) * 100});
        const SeriesData data = v;
        ReducedSeries r;
        QVERIFY(r.update(data, {0, 99'990}, 100));
        QVERIFY(r.points().size() <= 4 * 100 + 2);
        QVERIFY(r.points().size() >= 100);
        QVERIFY(!r.update(data, {0, 99'990}, 100)); // nothing changed
        QVERIFY(r.update(data, {0, 99'990}, 101));   // width
        QVERIFY(r.update(data, {0, 50'000}, 101));   // range
        auto copy = std::make_shared<std::vector<Point>>(*v);
        QVERIFY(r.update(copy, {0, 50'000}, 101));   // data
        QVERIFY(r.visibleMax().has_value());
        QVERIFY(std::fabs(*r.visibleMax() - 100.0) < 0.01);
        QVERIFY(std::fabs(*r.visibleMin() + 100.0) < 0.01);
    }

    void defaultRanges()
    {
        using V = std::vector<Point>;
        const auto mk = [](V v) { return std::make_shared<V>(std::move(v)); };
        std::vector<PlotSeries> s{{QStringLiteral("a"), QColor(), mk({{100, 1}, {500, 2}})},
                                  {QStringLiteral("b"), QColor(), mk({{50, 7}, {300, 9}})},
                                  {QStringLiteral("empty"), QColor(), mk({})}};
        QCOMPARE(PlotRanges::dataExtent(s), std::optional<TimeRange>(TimeRange{50, 500}));
        QCOMPARE(PlotRanges::dataExtent({{QStringLiteral("one"), QColor(), mk({{1000, 1}})}}),
                 std::optional<TimeRange>(TimeRange{-29'000, 31'000}));
        QVERIFY(!PlotRanges::dataExtent({}));

        std::vector<ReducedSeries> r(2);
        r[0].update(s[0].points, {0, 1000}, 10);
        r[1].update(s[1].points, {0, 1000}, 10);
        const NiceTicks::Range auto_ = PlotRanges::valueRange(r, std::nullopt, std::nullopt, 5);
        QVERIFY(auto_.lo <= 1 && auto_.hi >= 9);
        QCOMPARE(auto_.hi, 10.0);
        const NiceTicks::Range fromZero = PlotRanges::valueRange(r, 0.0, std::nullopt, 5);
        QCOMPARE(fromZero.lo, 0.0);
        QCOMPARE(fromZero.hi, 10.0);
        const NiceTicks::Range fixed = PlotRanges::valueRange(r, 0.0, 100.0, 5);
        QCOMPARE(fixed.lo, 0.0);
        QCOMPARE(fixed.hi, 100.0);
        const NiceTicks::Range none = PlotRanges::valueRange({}, std::nullopt, std::nullopt, 5);
        QVERIFY(none.hi > none.lo);
    }

    void nearestPoint()
    {
        const SeriesData d = std::make_shared<std::vector<Point>>(std::vector<Point>{{100, 1}, {200, 2}, {300, 3}});
        QCOMPARE(ReducedSeries::nearest(d, 140)->v, 1.0);
        QCOMPARE(ReducedSeries::nearest(d, 160)->v, 2.0);
        QCOMPARE(ReducedSeries::nearest(d, -5)->v, 1.0);
        QCOMPARE(ReducedSeries::nearest(d, 1000)->v, 3.0);
        QVERIFY(!ReducedSeries::nearest(nullptr, 5));
    }
};

QTEST_APPLESS_MAIN(TestPlotMaths)
#include "tst_plot_maths.moc"
