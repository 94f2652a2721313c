// Golden tests for the PromQL range functions in query/RateFunctions.h.
//
// Sources of the expected values (cited per row group):
//  [F3]  prometheus/prometheus promql/promqltest/testdata/functions.test
//        (3.x: left-open windows, so a sample exactly at eval-range is not
//        selected; rate arithmetic of PromCompat::V3)
//  [H3]  prometheus/prometheus promql/promqltest/testdata/histograms.test
//  [F2]  the [F3] series evaluated the 2.x way (closed windows, v2.42.0's
//        extrapolatedRate), where that changes the number. These expected
//        values were derived by hand from v2.42.0's code (the 2.x copy of
//        functions.test was not in the searchable index); the independent
//        [FX] case below pins the same 2.x/3.x difference.
//  [FX]  influxdata/flux stdlib/testing/testdata/promql_extrapolatedRate_norate.flux,
//        a test of Flux's port of Prometheus 2.x extrapolatedRate.
//
// The query engine selects the window's samples; these tests do it the way
// Prometheus' engine does for the version under test: [t-range, t] in 2.x,
// (t-range, t] in 3.x.

#include "query/RateFunctions.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace mw;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr qint64 kSec = 1000;
constexpr qint64 kMin = 60 * kSec;

/// promqltest's `a+bxN`: N+1 values a, a+b, ..., a+N*b.
QList<double> seq(double start, double inc, int times)
{
    QList<double> v;
    for (int i = 0; i <= times; ++i)
        v.append(start + inc * i);
    return v;
}

QList<double> cat(QList<double> a, const QList<double> &b)
{
    a.append(b);
    return a;
}

enum class Fn { Rate, Increase, Delta, IRate, IDelta, Resets, Changes };

/// Samples of a `load <step>` series selected for `range` at `eval`.
std::vector<Point> select(const QList<double> &values, int64_t step, int64_t eval, int64_t range, PromCompat compat)
{
    std::vector<Point> out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const int64_t t = step * i;
        const bool afterStart = compat == PromCompat::V3 ? t > eval - range : t >= eval - range;
        if (afterStart && t <= eval)
            out.push_back({t, values[i]});
    }
    return out;
}

bool sameNumber(double actual, double expected, double relTol)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    if (std::isinf(expected))
        return actual == expected;
    if (expected == 0 || relTol == 0)
        return actual == expected;
    return std::fabs(actual - expected) <= relTol * std::fabs(expected);
}

QByteArray describe(std::optional<double> v)
{
    return v ? QByteArray::number(*v, 'g', 17) : QByteArrayLiteral("(none)");
}

void verifyNumber(std::optional<double> actual, bool hasResult, double expected, double tol)
{
    QCOMPARE(actual.has_value(), hasResult);
    if (hasResult) {
        QVERIFY2(sameNumber(*actual, expected, tol),
                 QByteArray("actual " + describe(actual) + " expected " + QByteArray::number(expected, 'g', 17)).constData());
    }
}

std::optional<double> apply(Fn fn, std::span<const Point> s, int64_t start, int64_t end, PromCompat compat)
{
    switch (fn) {
    case Fn::Rate:
        return rate(s, start, end, compat);
    case Fn::Increase:
        return increase(s, start, end, compat);
    case Fn::Delta:
        return delta(s, start, end, compat);
    case Fn::IRate:
        return irate(s);
    case Fn::IDelta:
        return idelta(s);
    case Fn::Resets:
        return resets(s);
    case Fn::Changes:
        return changes(s);
    }
    return std::nullopt;
}

} // namespace

Q_DECLARE_METATYPE(Fn)
Q_DECLARE_METATYPE(mw::PromCompat)

class TestRate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void extrapolationByHand();
    void staleMarkersAreNotSamples();
    void tooFewSamples();
    void irateEdgeCases();
    void overTime_data();
    void overTime();
    void quantileOverTime_data();
    void quantileOverTime();
    void goDurationSecondsRounding();
};

void TestRate::golden_data()
{
    QTest::addColumn<Fn>("fn");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<qint64>("eval");
    QTest::addColumn<qint64>("range");
    QTest::addColumn<PromCompat>("compat");
    QTest::addColumn<bool>("hasResult");
    QTest::addColumn<double>("expected");

    const auto V3 = PromCompat::V3;
    const auto V2 = PromCompat::V2_42;
    const qint64 m5 = 5 * kMin;

    // [F3] "Tests for increase()": load 5m, eval at 50m.
    const auto foo = seq(0, 10, 10);
    const auto bar = cat(seq(0, 18, 5), seq(0, 18, 5));
    const auto dings = seq(10, 10, 10);
    const auto bumms = seq(1, 10, 10);
    QTest::newRow("F3 increase foo [50m]") << Fn::Increase << foo << m5 << 50 * kMin << 50 * kMin << V3 << true << 100.0;
    QTest::newRow("F3 increase bar [50m]") << Fn::Increase << bar << m5 << 50 * kMin << 50 * kMin << V3 << true << 160.0;
    QTest::newRow("F3 increase dings [50m]") << Fn::Increase << dings << m5 << 50 * kMin << 50 * kMin << V3 << true << 100.0;
    QTest::newRow("F3 increase bumms [50m]") << Fn::Increase << bumms << m5 << 50 * kMin << 50 * kMin << V3 << true << 100.0;
    QTest::newRow("F3 increase foo [100m]") << Fn::Increase << foo << m5 << 50 * kMin << 100 * kMin << V3 << true << 100.0;
    QTest::newRow("F3 increase bar [100m]") << Fn::Increase << bar << m5 << 50 * kMin << 100 * kMin << V3 << true << 162.0;
    QTest::newRow("F3 increase dings [100m]") << Fn::Increase << dings << m5 << 50 * kMin << 100 * kMin << V3 << true << 105.0;
    QTest::newRow("F3 increase bumms [100m]") << Fn::Increase << bumms << m5 << 50 * kMin << 100 * kMin << V3 << true << 101.0;
    // [F2] 2.42 caps at the zero point first (10 -> 0 takes 5m < 1.1 x 5m),
    // so "dings" is extrapolated the full 5m: 110, not 105.
    QTest::newRow("F2 increase dings [100m]") << Fn::Increase << dings << m5 << 50 * kMin << 100 * kMin << V2 << true << 110.0;
    QTest::newRow("F2 increase bumms [100m]") << Fn::Increase << bumms << m5 << 50 * kMin << 100 * kMin << V2 << true << 101.0;
    // [F2] closed window: the t=0 sample is selected, no extrapolation.
    QTest::newRow("F2 increase bar [50m]") << Fn::Increase << bar << m5 << 50 * kMin << 50 * kMin << V2 << true << 162.0;
    QTest::newRow("F2 increase foo [50m]") << Fn::Increase << foo << m5 << 50 * kMin << 50 * kMin << V2 << true << 100.0;

    // [F3] "Test for increase() with counter reset": 0 1 2 3 2 3 4.
    const QList<double> resetSeries{0, 1, 2, 3, 2, 3, 4};
    QTest::newRow("F3 increase reset") << Fn::Increase << resetSeries << m5 << 30 * kMin << 30 * kMin << V3 << true << 7.0;
    QTest::newRow("F2 increase reset") << Fn::Increase << resetSeries << m5 << 30 * kMin << 30 * kMin << V2 << true << 7.0;

    // [F3] "Tests for rate()".
    const auto resetMiddle = cat(seq(0, 27, 4), seq(0, 27, 5));
    const auto resetEnd = cat(seq(0, 10, 9), QList<double>{0, 10});
    QTest::newRow("F3 rate reset middle") << Fn::Rate << resetMiddle << m5 << 50 * kMin << 50 * kMin << V3 << true << 0.08;
    QTest::newRow("F3 rate reset end [5m]") << Fn::Rate << resetEnd << m5 << 50 * kMin << 5 * kMin << V3 << false << 0.0;
    QTest::newRow("F3 rate reset end [6m]") << Fn::Rate << resetEnd << m5 << 50 * kMin << 6 * kMin << V3 << true << 0.0;
    QTest::newRow("F3 rate window") << Fn::Rate << seq(0, 80, 10) << m5 << 50 * kMin << 50 * kMin << V3 << true
                                    << 0.26666666666666666;
    // offset 5m: eval 45m.
    QTest::newRow("F3 rate offset a") << Fn::Rate << seq(0, 10, 10) << m5 << 45 * kMin << 10 * kMin << V3 << true
                                      << 0.03333333333333333;
    QTest::newRow("F3 rate offset b") << Fn::Rate << seq(0, 20, 10) << m5 << 45 * kMin << 10 * kMin << V3 << true
                                      << 0.06666666666666667;
    QTest::newRow("F2 rate offset a") << Fn::Rate << seq(0, 10, 10) << m5 << 45 * kMin << 10 * kMin << V2 << true
                                      << 0.03333333333333333;

    // [F3]/[F2] zero cutoff: load 4m, eval rate([20m]) at 10m and 50m.
    const qint64 m4 = 4 * kMin;
    const double cutoff3[] = {0.5, 0.55, 0.6, 0.6, 0.6, 0.6};
    const double cutoff2[] = {0.5, 0.55, 0.6, 0.65, 0.7, 0.6};
    for (int s = 0; s < 6; ++s) {
        const auto series = seq(60.0 * s, 240, 10);
        QTest::addRow("F3 zero cutoff start=%dm at 10m", s)
            << Fn::Rate << series << m4 << 10 * kMin << 20 * kMin << V3 << true << cutoff3[s];
        QTest::addRow("F2 zero cutoff start=%dm at 10m", s)
            << Fn::Rate << series << m4 << 10 * kMin << 20 * kMin << V2 << true << cutoff2[s];
        QTest::addRow("F3 zero cutoff start=%dm at 50m", s)
            << Fn::Rate << series << m4 << 50 * kMin << 20 * kMin << V3 << true << 0.6;
        QTest::addRow("F2 zero cutoff start=%dm at 50m", s)
            << Fn::Rate << series << m4 << 50 * kMin << 20 * kMin << V2 << true << 0.6;
    }

    // [F3] "Tests for irate()".
    const auto barI = cat(seq(0, 10, 5), seq(0, 10, 5));
    QTest::newRow("F3 irate foo") << Fn::IRate << seq(0, 10, 10) << m5 << 50 * kMin << 50 * kMin << V3 << true
                                  << 0.03333333333333333333;
    QTest::newRow("F3 irate bar") << Fn::IRate << barI << m5 << 50 * kMin << 50 * kMin << V3 << true
                                  << 0.03333333333333333333;
    QTest::newRow("F3 irate bar reset") << Fn::IRate << barI << m5 << 30 * kMin << 50 * kMin << V3 << true << 0.0;
    QTest::newRow("F3 irate foo at 30m") << Fn::IRate << seq(0, 10, 10) << m5 << 30 * kMin << 50 * kMin << V3 << true
                                         << 0.03333333333333333333;
    // irate(http_requests_nan[15m1s]) from 0 to 20m step 5m: _ NaN NaN NaN 0.02
    const QList<double> nanSeries{1, NaN, NaN, 5, 11};
    const qint64 r15m1s = 15 * kMin + kSec;
    QTest::newRow("F3 irate nan at 0") << Fn::IRate << nanSeries << m5 << 0ll << r15m1s << V3 << false << 0.0;
    QTest::newRow("F3 irate nan at 5m") << Fn::IRate << nanSeries << m5 << 5 * kMin << r15m1s << V3 << true << NaN;
    QTest::newRow("F3 irate nan at 10m") << Fn::IRate << nanSeries << m5 << 10 * kMin << r15m1s << V3 << true << NaN;
    QTest::newRow("F3 irate nan at 15m") << Fn::IRate << nanSeries << m5 << 15 * kMin << r15m1s << V3 << true << NaN;
    QTest::newRow("F3 irate nan at 20m") << Fn::IRate << nanSeries << m5 << 20 * kMin << r15m1s << V3 << true << 0.02;

    // [F3] "Tests for delta()": 0 50 100 150 200 and reversed, [20m] at 20m.
    QTest::newRow("F3 delta up") << Fn::Delta << QList<double>{0, 50, 100, 150, 200} << m5 << 20 * kMin << 20 * kMin
                                 << V3 << true << 200.0;
    QTest::newRow("F3 delta down") << Fn::Delta << QList<double>{200, 150, 100, 50, 0} << m5 << 20 * kMin
                                   << 20 * kMin << V3 << true << -200.0;
    QTest::newRow("F2 delta up") << Fn::Delta << QList<double>{0, 50, 100, 150, 200} << m5 << 20 * kMin << 20 * kMin
                                 << V2 << true << 200.0;

    // [F3] "Tests for idelta()".
    QTest::newRow("F3 idelta foo") << Fn::IDelta << QList<double>{0, 50, 100, 150} << m5 << 20 * kMin << 20 * kMin
                                   << V3 << true << 50.0;
    QTest::newRow("F3 idelta bar") << Fn::IDelta << QList<double>{0, 50, 100, 50} << m5 << 20 * kMin << 20 * kMin
                                   << V3 << true << -50.0;
    QTest::newRow("F3 idelta nan at 15m") << Fn::IDelta << nanSeries << m5 << 15 * kMin << r15m1s << V3 << true << NaN;
    QTest::newRow("F3 idelta nan at 20m") << Fn::IDelta << nanSeries << m5 << 20 * kMin << r15m1s << V3 << true << 6.0;

    // [F3] "Tests for resets()" and "changes()", eval at 50m.
    const QList<double> rFoo{1, 2, 3, 0, 1, 0, 0, 1, 2, 0};
    const QList<double> rBar{1, 2, 3, 4, 5, 1, 2, 3, 4, 5};
    const QList<double> rBiz{0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    struct Counts { qint64 range; double foo, bar, biz; };
    for (const Counts c : {Counts{10 * kMin, 0, 0, 0}, Counts{600 * kSec, 0, 0, 0}, Counts{20 * kMin, 1, 0, 0},
                           Counts{30 * kMin, 1, 0, 0}, Counts{32 * kMin, 2, 1, 0}, Counts{50 * kMin, 3, 1, 0}}) {
        QTest::addRow("F3 resets foo [%llds]", c.range / kSec) << Fn::Resets << rFoo << m5 << 50 * kMin << c.range << V3 << true << c.foo;
        QTest::addRow("F3 resets bar [%llds]", c.range / kSec) << Fn::Resets << rBar << m5 << 50 * kMin << c.range << V3 << true << c.bar;
        QTest::addRow("F3 resets biz [%llds]", c.range / kSec) << Fn::Resets << rBiz << m5 << 50 * kMin << c.range << V3 << true << c.biz;
    }
    QTest::newRow("F3 resets [5m] empty") << Fn::Resets << rFoo << m5 << 50 * kMin << 5 * kMin << V3 << false << 0.0;
    for (const Counts c : {Counts{6 * kMin, 0, 0, 0}, Counts{20 * kMin, 2, 2, 0}, Counts{30 * kMin, 3, 4, 0},
                           Counts{50 * kMin, 7, 8, 1}}) {
        QTest::addRow("F3 changes foo [%llds]", c.range / kSec) << Fn::Changes << rFoo << m5 << 50 * kMin << c.range << V3 << true << c.foo;
        QTest::addRow("F3 changes bar [%llds]", c.range / kSec) << Fn::Changes << rBar << m5 << 50 * kMin << c.range << V3 << true << c.bar;
        QTest::addRow("F3 changes biz [%llds]", c.range / kSec) << Fn::Changes << rBiz << m5 << 50 * kMin << c.range << V3 << true << c.biz;
    }
    QTest::newRow("F3 changes [5m] empty") << Fn::Changes << rFoo << m5 << 50 * kMin << 5 * kMin << V3 << false << 0.0;
    QTest::newRow("F3 changes NaN NaN NaN") << Fn::Changes << QList<double>{NaN, NaN, NaN} << m5 << 15 * kMin
                                            << 20 * kMin << V3 << true << 0.0;
    QTest::newRow("F3 changes 0 NaN 0") << Fn::Changes << QList<double>{0, NaN, 0} << m5 << 15 * kMin << 20 * kMin
                                        << V3 << true << 2.0;

    // [H3] rate() of const_histogram_bucket: constant counters rate to 0.
    QTest::newRow("H3 rate const bucket") << Fn::Rate << QList<double>{1, 1, 1, 1, 1} << kMin << 5 * kMin << 5 * kMin
                                          << V3 << true << 0.0;
}

void TestRate::golden()
{
    QFETCH(Fn, fn);
    QFETCH(QList<double>, values);
    QFETCH(qint64, step);
    QFETCH(qint64, eval);
    QFETCH(qint64, range);
    QFETCH(PromCompat, compat);
    QFETCH(bool, hasResult);
    QFETCH(double, expected);

    const auto samples = select(values, step, eval, range, compat);
    verifyNumber(apply(fn, samples, eval - range, eval, compat), hasResult, expected, 1e-12);
}

void TestRate::extrapolationByHand()
{
    // [FX] window [20:50:00, 20:55:00], samples every 10 s from 20:52:33,
    // increase(): 2.x gives 109.89999999999999 and 760; 3.x caps the start at
    // half an interval before the zero point check, giving 720 for the third.
    const int64_t start = 0, end = 300 * kSec;
    std::vector<Point> m1, m2, m3;
    const double v2[] = {1, 1, 1, 100, 100, 100};
    const double v3[] = {100, 200, 300, 200, 300, 400};
    for (int i = 0; i < 6; ++i) {
        const int64_t t = 153 * kSec + i * 10 * kSec;
        m1.push_back({t, 1});
        m2.push_back({t, v2[i]});
        m3.push_back({t, v3[i]});
    }
    QCOMPARE(*increase(m1, start, end), 0.0);
    QCOMPARE(*increase(m2, start, end), 109.89999999999999);
    QCOMPARE(*increase(m3, start, end), 760.0);
    QCOMPARE(*increase(m2, start, end, PromCompat::V3), 109.89999999999999);
    QCOMPARE(*increase(m3, start, end, PromCompat::V3), 720.0);
    // delta() of the same data neither adds resets nor clamps at zero.
    // raw 300, extrapolated by 5 s on both sides: 300 * 60 / 50.
    QCOMPARE(*delta(m3, start, end), 360.0);
    // rate = increase / 300 s, with Prometheus' operation order.
    QVERIFY(std::fabs(*rate(m3, start, end) - 760.0 / 300.0) <= 1e-12 * (760.0 / 300.0));
}

void TestRate::staleMarkersAreNotSamples()
{
    std::vector<Point> clean, withStale;
    for (int i = 0; i <= 20; ++i) {
        const Point p{i * 15 * kSec, i < 11 ? i * 7.0 : (i - 11) * 3.0};
        clean.push_back(p);
        if (i == 0 || i == 5 || i == 11 || i == 20)
            withStale.push_back({p.t - kSec, staleNaN()});
        withStale.push_back(p);
    }
    withStale.push_back({21 * 15 * kSec - kSec, staleNaN()});
    const int64_t s = -10 * kSec, e = 310 * kSec;
    QCOMPARE(rate(withStale, s, e), rate(clean, s, e));
    QCOMPARE(increase(withStale, s, e), increase(clean, s, e));
    QCOMPARE(delta(withStale, s, e), delta(clean, s, e));
    QCOMPARE(irate(withStale), irate(clean));
    QCOMPARE(idelta(withStale), idelta(clean));
    QCOMPARE(resets(withStale), resets(clean));
    QCOMPARE(changes(withStale), changes(clean));
    QCOMPARE(resets(clean), std::optional<double>(1.0));
    QCOMPARE(avgOverTime(withStale), avgOverTime(clean));
    QCOMPARE(sumOverTime(withStale), sumOverTime(clean));
    QCOMPARE(countOverTime(withStale), std::optional<double>(21.0));
    QCOMPARE(minOverTime(withStale), minOverTime(clean));
    QCOMPARE(maxOverTime(withStale), maxOverTime(clean));
    QCOMPARE(lastOverTime(withStale), lastOverTime(clean));
    QCOMPARE(stddevOverTime(withStale), stddevOverTime(clean));
    std::vector<double> scratch;
    QCOMPARE(mw::quantileOverTime(0.9, withStale, scratch), mw::quantileOverTime(0.9, clean, scratch));

    // Only stale markers: no samples at all.
    const std::vector<Point> onlyStale{{0, staleNaN()}, {kSec, staleNaN()}};
    QVERIFY(!rate(onlyStale, 0, kMin));
    QVERIFY(!irate(onlyStale));
    QVERIFY(!avgOverTime(onlyStale));
    QVERIFY(!countOverTime(onlyStale));
    QVERIFY(!lastOverTime(onlyStale));
    // A reset across a stale marker still counts: 10, stale, 3.
    const std::vector<Point> across{{0, 10}, {kSec, staleNaN()}, {2 * kSec, 3}};
    QCOMPARE(resets(across), std::optional<double>(1.0));
    QCOMPARE(*increase(across, 0, 2 * kSec), 3.0);
}

void TestRate::tooFewSamples()
{
    const std::vector<Point> none;
    const std::vector<Point> one{{0, 5}};
    QVERIFY(!rate(none, 0, kMin));
    QVERIFY(!rate(one, 0, kMin));
    QVERIFY(!increase(one, 0, kMin));
    QVERIFY(!delta(one, 0, kMin));
    QVERIFY(!irate(one));
    QVERIFY(!idelta(one));
    QVERIFY(!resets(none));
    QVERIFY(!changes(none));
    QCOMPARE(resets(one), std::optional<double>(0.0));
    QCOMPARE(changes(one), std::optional<double>(0.0));
}

void TestRate::irateEdgeCases()
{
    // Equal timestamps: no result (Prometheus avoids dividing by zero).
    const std::vector<Point> same{{0, 1}, {kSec, 2}, {kSec, 5}};
    QVERIFY(!irate(same));
    QVERIFY(!idelta(same));
    // A reset: the last value over the interval.
    const std::vector<Point> reset{{0, 100}, {2 * kSec, 4}};
    QCOMPARE(*irate(reset), 2.0);
    // idelta of a drop is negative (no reset rule).
    QCOMPARE(*idelta(reset), -96.0);
}

void TestRate::overTime_data()
{
    QTest::addColumn<QString>("fn");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<PromCompat>("compat");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");

    const auto V3 = PromCompat::V3;
    const auto V2 = PromCompat::V2_42;
    const double ninf = -Inf;
    const double big = 9.988465674311579e+307;

    // [F3] "Tests for avg_over_time": special values behave the same in both
    // algorithms.
    struct Row { const char *name; QList<double> v; double avg; };
    const Row rows[] = {
        {"metric", {1, 2, 3, 4, 5}, 3},
        {"metric2", {1, 2, 3, 4, Inf}, Inf},
        {"metric3", {1, 2, 3, 4, ninf}, ninf},
        {"metric4", {1, 2, 3, Inf, ninf}, NaN},
        {"metric5", {Inf, 0, Inf}, Inf},
        {"metric5c", {Inf, Inf, Inf, ninf}, NaN},
        {"metric6", {1, 2, 3, ninf, ninf}, ninf},
        {"metric6b", {ninf, 0, ninf}, ninf},
        {"metric6c", {ninf, ninf, ninf, Inf}, NaN},
        {"metric7", {1, 2, ninf, ninf, Inf}, NaN},
        {"metric8", {big, big}, big},
        {"metric9", {-big, -big, -big}, -big},
        {"metric10", {-big, big}, 0},
        {"metric11", {1, 2, 3, NaN, NaN}, NaN},
        {"metric11 at 20s", {1, 2, 3}, 2},
    };
    for (const Row &r : rows) {
        QTest::addRow("F3 avg %s v3", r.name) << QStringLiteral("avg") << r.v << V3 << r.avg << 1e-12;
        QTest::addRow("F3 avg %s v2.42", r.name) << QStringLiteral("avg") << r.v << V2 << r.avg << 1e-12;
    }
    // [F3] "Test if very big intermediate values cause loss of detail."
    const QList<double> bigSmall{1, 1e100, 1, -1e100};
    QTest::newRow("F3 sum 1 1e100 1 -1e100") << QStringLiteral("sum") << bigSmall << V3 << 2.0 << 0.0;
    QTest::newRow("F3 avg 1 1e100 1 -1e100") << QStringLiteral("avg") << bigSmall << V3 << 0.5 << 0.0;
    // [F3] "More tests for extreme values" (3.x direct mean). Values printed
    // with 6 to 15 digits are compared at promqltest's own 1e-6 tolerance.
    QTest::newRow("F3 avg metric1") << QStringLiteral("avg") << QList<double>{1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6} << V3
                                    << 1.6666666666666675e+09 << 1e-12;
    QTest::newRow("F3 avg metric2")
        << QStringLiteral("avg")
        << QList<double>{5.30921651659898, 0.961118537914768, 1.62091361305318, 0.865089463758091, 0.323055185914577,
                         0.951811357687154}
        << V3 << 1.67186744582113 << 1e-12;
    QTest::newRow("F3 avg metric3") << QStringLiteral("avg") << QList<double>{1.78264e50, 0.76342771, 1.9592258, 7.69805412, 458.90154}
                                    << V3 << 3.56528E+49 << 1e-6;
    QTest::newRow("F3 avg metric5") << QStringLiteral("avg")
                                    << QList<double>{1.78264E+50, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, 458.90154}
                                    << V3 << 3.76333333333333E+219 << 1e-12;
    QTest::newRow("F3 avg metric7") << QStringLiteral("avg")
                                    << QList<double>{-1.78264E+50, 0.76342771, 1.9592258, -2.258E+220, 7.69805412, -458.90154}
                                    << V3 << -3.76333333333333E+219 << 1e-12;
    QTest::newRow("F3 avg metric8") << QStringLiteral("avg")
                                    << QList<double>{-1.78264E+215, 0.76342771, 1.9592258, 2.258E+220, 7.69805412, -458.90154}
                                    << V3 << 3.76330362266667E+219 << 1e-12;
    QTest::newRow("F3 avg metric9") << QStringLiteral("avg")
                                    << QList<double>{-1.78264E+215, 0.76342771, 1.9592258, 2.258E+220, 7.69805412,
                                                     1.78264E+215, -458.90154}
                                    << V3 << 3.225714285714286e+219 << 1e-12;
    QTest::newRow("F3 avg metric10") << QStringLiteral("avg")
                                     << QList<double>{-1.78264E+219, 0.76342771, 1.9592258, 2.3757689E+217, -2.3757689E+217,
                                                      2.258E+220, 7.69805412, 1.78264E+219, -458.90154}
                                     << V3 << 2.5088888888888888e+219 << 1e-12;
    QTest::newRow("F3 avg metric11 (Kahan gives 0)")
        << QStringLiteral("avg")
        << QList<double>{-2.258E+220, -1.78264E+219, 0.76342771, 1.9592258, 2.3757689E+217, -2.3757689E+217, 2.258E+220,
                         7.69805412, 1.78264E+219, -458.90154}
        << V3 << 0.0 << 0.0;
    // [F3] "robustness of direct mean": avg of 52 x N is exactly 52.
    for (int n : {10, 11, 12, 13}) {
        QList<double> v(n, 52.0);
        QTest::addRow("F3 avg 52 x %d exact", n) << QStringLiteral("avg") << v << V3 << 52.0 << 0.0;
    }
    // [F3] dense samples: sum_over_time of 1000..3003 ones.
    for (int n : {1000, 1001, 1002, 1003, 2000, 2003, 3003}) {
        QList<double> v(n, 1.0);
        QTest::addRow("F3 sum 1 x %d", n) << QStringLiteral("sum") << v << V3 << double(n) << 0.0;
    }
    // [F3] stddev/stdvar_over_time.
    QTest::newRow("F3 stdvar") << QStringLiteral("stdvar") << QList<double>{0, 8, 8, 2, 3} << V2 << 10.56 << 1e-12;
    QTest::newRow("F3 stddev") << QStringLiteral("stddev") << QList<double>{0, 8, 8, 2, 3} << V2 << 3.249615 << 1e-6;
    const double c = 1.5990505637277868;
    QTest::newRow("F3 stdvar #4927") << QStringLiteral("stdvar") << QList<double>{c, c, c} << V2 << 0.0 << 0.0;
    QTest::newRow("F3 stddev #4927") << QStringLiteral("stddev") << QList<double>{c, c, c} << V2 << 0.0 << 0.0;
    // [F3] min/max/last_over_time with NaN.
    struct MinMax { const char *name; QList<double> v; double min, max, last; };
    const MinMax mm[] = {
        {"numbers", {2, 0, 3}, 0, 3, 3},
        {"some_nan", {2, 0, NaN}, 0, 2, NaN},
        {"some_nan2", {2, NaN, 1}, 1, 2, 1},
        {"some_nan3", {NaN, 0, 1}, 0, 1, 1},
        {"only_nan", {NaN, NaN, NaN}, NaN, NaN, NaN},
    };
    for (const MinMax &r : mm) {
        QTest::addRow("F3 min %s", r.name) << QStringLiteral("min") << r.v << V2 << r.min << 0.0;
        QTest::addRow("F3 max %s", r.name) << QStringLiteral("max") << r.v << V2 << r.max << 0.0;
        QTest::addRow("F3 last %s", r.name) << QStringLiteral("last") << r.v << V2 << r.last << 0.0;
    }
    QTest::newRow("count") << QStringLiteral("count") << QList<double>{NaN, 1, 2} << V2 << 3.0 << 0.0;
}

void TestRate::overTime()
{
    QFETCH(QString, fn);
    QFETCH(QList<double>, values);
    QFETCH(PromCompat, compat);
    QFETCH(double, expected);
    QFETCH(double, tolerance);

    std::vector<Point> s;
    for (qsizetype i = 0; i < values.size(); ++i)
        s.push_back({i * 10 * kSec, values[i]});
    std::optional<double> r;
    if (fn == QLatin1StringView("avg"))
        r = avgOverTime(s, compat);
    else if (fn == QLatin1StringView("sum"))
        r = sumOverTime(s);
    else if (fn == QLatin1StringView("min"))
        r = minOverTime(s);
    else if (fn == QLatin1StringView("max"))
        r = maxOverTime(s);
    else if (fn == QLatin1StringView("last"))
        r = lastOverTime(s);
    else if (fn == QLatin1StringView("count"))
        r = countOverTime(s);
    else if (fn == QLatin1StringView("stddev"))
        r = stddevOverTime(s);
    else if (fn == QLatin1StringView("stdvar"))
        r = stdvarOverTime(s);
    else
        QFAIL("unknown function");
    verifyNumber(r, true, expected, tolerance);
}

void TestRate::quantileOverTime_data()
{
    QTest::addColumn<double>("q");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("expected");

    // [F3] "Tests for quantile_over_time".
    const QList<double> two{0, 1}, three{0, 1, 2}, uneven{0, 1, 4};
    struct Row { double q, two, three, uneven; };
    for (const Row r : {Row{0, 0, 0, 0}, Row{0.5, 0.5, 1, 1}, Row{0.75, 0.75, 1.5, 2.5}, Row{0.8, 0.8, 1.6, 2.8},
                        Row{1, 1, 2, 4}, Row{-1, -Inf, -Inf, -Inf}, Row{2, Inf, Inf, Inf}}) {
        QTest::addRow("two q=%g", r.q) << r.q << two << r.two;
        QTest::addRow("three q=%g", r.q) << r.q << three << r.three;
        QTest::addRow("uneven q=%g", r.q) << r.q << uneven << r.uneven;
    }
    QTest::newRow("NaN q") << NaN << three << NaN;
    // NaN sorts first (Go's vectorByValueHeap): {NaN, 1, 2}, q=1 -> 2, q=0 -> NaN.
    QTest::newRow("NaN value q=1") << 1.0 << QList<double>{2, NaN, 1} << 2.0;
    QTest::newRow("NaN value q=0") << 0.0 << QList<double>{2, NaN, 1} << NaN;
}

void TestRate::quantileOverTime()
{
    QFETCH(double, q);
    QFETCH(QList<double>, values);
    QFETCH(double, expected);
    std::vector<Point> s;
    for (qsizetype i = 0; i < values.size(); ++i)
        s.push_back({i * 10 * kSec, values[i]});
    std::vector<double> scratch;
    verifyNumber(mw::quantileOverTime(q, s, scratch), true, expected, 1e-12);
}

void TestRate::goDurationSecondsRounding()
{
    // rate divides by Go's Duration.Seconds() (whole seconds + ns / 1e9).
    // For a 10.1 s window both formulas agree; the result must equal the
    // increase divided by exactly that value.
    const std::vector<Point> s{{0, 0}, {10'100, 101}};
    const auto inc = increase(s, 0, 10'100);
    const auto r = rate(s, 0, 10'100);
    QVERIFY(inc && r);
    double factor = (10.1 / 10.1);
    factor /= 10.0 + 100'000'000.0 / 1e9;
    QCOMPARE(*r, 101.0 * factor);
    QCOMPARE(*inc, 101.0);
}

QTEST_GUILESS_MAIN(TestRate)
#include "tst_rate.moc"
