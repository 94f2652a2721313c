// Tests for query/HistogramQuantile.h.
//
// Golden rows cite prometheus/prometheus
//   [H3] promql/promqltest/testdata/histograms.test (classic `_bucket` cases)
//   [H2] promql/testdata/histograms.test (the 2.x file; same classic cases)
// Bucket counts are the series' values at the eval time (`0+Nx10` at 50m is
// 10*N); rate() scales every bucket by the same factor, which a quantile
// does not see.

#include "query/HistogramQuantile.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace mw;

namespace {
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

std::vector<Bucket> make(const QList<double> &bounds, const QList<double> &counts)
{
    std::vector<Bucket> b;
    for (qsizetype i = 0; i < bounds.size(); ++i)
        b.push_back({bounds[i], counts[i]});
    return b;
}

bool sameNumber(double actual, double expected, double relTol)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    if (std::isinf(expected) || expected == 0)
        return actual == expected;
    return std::fabs(actual - expected) <= relTol * std::fabs(expected);
}
} // namespace

Q_DECLARE_METATYPE(mw::PromCompat)

class TestHistogramQuantile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void unsortedInputGivesSameResult();
    void smallDeltas();
    void parseFloat_data();
    void parseFloat();
    void localQuantiles();
    void localQuantileNoData();
    void localMean();
};

void TestHistogramQuantile::golden_data()
{
    QTest::addColumn<QList<double>>("bounds");
    QTest::addColumn<QList<double>>("counts");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<bool>("forced");

    // [H2]/[H3] testhistogram at 50m. Bounds are written as in the file:
    // le="0.1", ".2", "1e0", "+Inf" and "-.2", "-0.1", "0.3", "+Inf".
    const QList<double> pos{0.1, .2, 1e0, Inf}, posC{50, 70, 110, 120};
    const QList<double> neg{-.2, -0.1, 0.3, Inf}, negC{10, 20, 20, 30};
    struct Q { double q, pos, neg; };
    for (const Q r : {Q{-0.1, -Inf, -Inf}, Q{1.01, Inf, Inf}, Q{NaN, NaN, NaN}, Q{0, 0, -0.2}, Q{1, 1, 0.3},
                      Q{0.2, 0.048, -0.2}, Q{0.5, 0.15, -0.15}, Q{0.8, 0.72, 0.3}}) {
        QTest::addRow("testhistogram positive q=%g", r.q) << pos << posC << r.q << r.pos << 1e-12 << false;
        QTest::addRow("testhistogram negative q=%g", r.q) << neg << negC << r.q << r.neg << 1e-12 << false;
    }

    // [H3] testhistogram3 at 50m (has a le="0" and a le="-.25" bucket).
    const QList<double> pos3{0, 0.1, .2, 1e0, Inf}, pos3C{0, 50, 70, 110, 110};
    const QList<double> neg3{-.25, -.2, -0.1, 0.3, Inf}, neg3C{0, 10, 20, 20, 20};
    for (const Q r : {Q{0, 0, -0.25}, Q{0.25, 0.055, -0.225}, Q{0.5, 0.125, -0.2}, Q{0.75, 0.45, -0.15},
                      Q{1, 1, -0.1}}) {
        QTest::addRow("testhistogram3 positive q=%g", r.q) << pos3 << pos3C << r.q << r.pos << 1e-12 << false;
        QTest::addRow("testhistogram3 negative q=%g", r.q) << neg3 << neg3C << r.q << r.neg << 1e-12 << false;
    }

    // [H3] testhistogram2 at 7m: quantiles in the middle of buckets.
    const QList<double> b2{0, 2, 4, 6, Inf}, c2{0, 1, 2, 3, 3};
    QTest::newRow("testhistogram2 q=1/6") << b2 << c2 << 1. / 6. << 1.0 << 1e-12 << false;
    QTest::newRow("testhistogram2 q=1/2") << b2 << c2 << 0.5 << 3.0 << 1e-12 << false;
    QTest::newRow("testhistogram2 q=5/6") << b2 << c2 << 5. / 6. << 5.0 << 1e-12 << false;

    // [H2]/[H3] request_duration_seconds, aggregated and per series.
    const QList<double> rb{0.1, 0.2, Inf};
    QTest::newRow("all q=0.3") << rb << QList<double>{100, 190, 250} << 0.3 << 0.075 << 1e-12 << false;
    QTest::newRow("all q=0.5") << rb << QList<double>{100, 190, 250} << 0.5 << 0.1277777777777778 << 1e-12 << false;
    QTest::newRow("ins1 q=0.3") << rb << QList<double>{40, 70, 100} << 0.3 << 0.075 << 1e-12 << false;
    // The file prints 0.1333333333 (10 digits; promqltest compares at 1e-6).
    QTest::newRow("ins1 q=0.5") << rb << QList<double>{40, 70, 100} << 0.5 << 0.1333333333 << 1e-6 << false;
    QTest::newRow("ins2 q=0.3") << rb << QList<double>{60, 120, 150} << 0.3 << 0.075 << 1e-12 << false;
    QTest::newRow("ins2 q=0.5") << rb << QList<double>{60, 120, 150} << 0.5 << 0.125 << 1e-12 << false;
    QTest::newRow("job1 q=0.3") << rb << QList<double>{30, 80, 100} << 0.3 << 0.1 << 1e-12 << false;
    QTest::newRow("job1 q=0.5") << rb << QList<double>{30, 80, 100} << 0.5 << 0.14 << 1e-12 << false;
    QTest::newRow("job2 q=0.3") << rb << QList<double>{70, 110, 150} << 0.3 << 0.0642857142857143 << 1e-12 << false;
    QTest::newRow("job2 q=0.5") << rb << QList<double>{70, 110, 150} << 0.5 << 0.1125 << 1e-12 << false;
    QTest::newRow("job1 ins1 q=0.3") << rb << QList<double>{10, 30, 40} << 0.3 << 0.11 << 1e-12 << false;
    QTest::newRow("job1 ins2 q=0.3") << rb << QList<double>{20, 50, 60} << 0.3 << 0.09 << 1e-12 << false;
    QTest::newRow("job2 ins1 q=0.3") << rb << QList<double>{30, 40, 60} << 0.3 << 0.06 << 1e-12 << false;
    QTest::newRow("job2 ins2 q=0.3") << rb << QList<double>{40, 70, 90} << 0.3 << 0.0675 << 1e-12 << false;
    QTest::newRow("job1 ins1 q=0.5") << rb << QList<double>{10, 30, 40} << 0.5 << 0.15 << 1e-12 << false;
    QTest::newRow("job1 ins2 q=0.5") << rb << QList<double>{20, 50, 60} << 0.5 << 0.13333333333333333 << 1e-12 << false;
    QTest::newRow("job2 ins1 q=0.5") << rb << QList<double>{30, 40, 60} << 0.5 << 0.1 << 1e-12 << false;
    QTest::newRow("job2 ins2 q=0.5") << rb << QList<double>{40, 70, 90} << 0.5 << 0.11666666666666667 << 1e-12 << false;

    // [H3] nonmonotonic_bucket at 50m: info annotation (forced).
    const QList<double> nb{0.1, 1, 10, 100, 1000, Inf}, nc{20, 10, 50, 40, 90, 80};
    QTest::newRow("nonmonotonic q=0.01") << nb << nc << 0.01 << 0.0045 << 1e-12 << true;
    QTest::newRow("nonmonotonic q=0.5") << nb << nc << 0.5 << 8.5 << 1e-12 << true;
    QTest::newRow("nonmonotonic q=0.99") << nb << nc << 0.99 << 979.75 << 1e-12 << true;

    // [H3] mixed_bucket: le="0.1","0.2","2e-1","2.0e-1","+Inf" merge to 3 buckets.
    const QList<double> mb{0.1, 0.2, 2e-1, 2.0e-1, Inf}, mc{10, 10, 10, 10, 40};
    QTest::newRow("mixed q=0.5") << mb << mc << 0.5 << 0.15 << 1e-12 << false;
    QTest::newRow("mixed q=0.75") << mb << mc << 0.75 << 0.2 << 1e-12 << false;
    QTest::newRow("mixed q=1") << mb << mc << 1.0 << 0.2 << 1e-12 << false;
    // ins2: le="+inf" and "+Inf", both 0: one bucket after merging -> NaN.
    QTest::newRow("mixed ins2 +inf only") << QList<double>{Inf, Inf} << QList<double>{0, 0} << 0.5 << NaN << 0.0 << false;

    // [H3] empty_bucket / const_histogram: zero observations -> NaN.
    QTest::newRow("empty buckets") << rb << QList<double>{0, 0, 0} << 0.2 << NaN << 0.0 << false;
    QTest::newRow("const histogram rate 0") << QList<double>{0.0, 1.0, 2.0, Inf} << QList<double>{0, 0, 0, 0} << 1.0
                                            << NaN << 0.0 << false;

    // quantile.go rules not covered by a test file row:
    QTest::newRow("only +Inf bucket") << QList<double>{Inf} << QList<double>{5} << 0.5 << NaN << 0.0 << false;
    QTest::newRow("highest bound not +Inf") << QList<double>{0.1, 1} << QList<double>{1, 2} << 0.5 << NaN << 0.0 << false;
    QTest::newRow("no buckets") << QList<double>{} << QList<double>{} << 0.5 << NaN << 0.0 << false;
    QTest::newRow("rank in +Inf bucket") << QList<double>{1, 2, Inf} << QList<double>{1, 2, 10} << 0.9 << 2.0 << 0.0 << false;
    QTest::newRow("negative first bucket") << QList<double>{-1, 0, Inf} << QList<double>{5, 10, 10} << 0.1 << -1.0 << 0.0 << false;
    QTest::newRow("first bucket interpolates from 0") << QList<double>{4, Inf} << QList<double>{10, 10} << 0.25 << 1.0
                                                      << 0.0 << false;
    QTest::newRow("NaN upper bound") << QList<double>{1, NaN, Inf} << QList<double>{1, 2, 3} << 0.5 << NaN << 0.0 << false;
}

void TestHistogramQuantile::golden()
{
    QFETCH(QList<double>, bounds);
    QFETCH(QList<double>, counts);
    QFETCH(double, q);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    QFETCH(bool, forced);

    for (const PromCompat compat : {PromCompat::V2_42, PromCompat::V3}) {
        auto b = make(bounds, counts);
        const QuantileResult r = bucketQuantile(q, b, compat);
        QVERIFY2(sameNumber(r.value, expected, tolerance),
                 qPrintable(QStringLiteral("got %1, want %2").arg(r.value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
        QCOMPARE(r.forcedMonotonicity, forced);
        QVERIFY(!r.fixedPrecision);
    }
}

void TestHistogramQuantile::unsortedInputGivesSameResult()
{
    auto sorted = make({0.1, 0.2, 0.5, 1, Inf}, {3, 7, 11, 19, 20});
    auto shuffled = make({1, Inf, 0.1, 0.5, 0.2}, {19, 20, 3, 11, 7});
    for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) {
        auto a = sorted, b = shuffled;
        QCOMPARE(bucketQuantile(q, b).value, bucketQuantile(q, a).value);
    }
}

void TestHistogramQuantile::smallDeltas()
{
    // A count a relative 1e-13 below its predecessor: 2.42 clamps it (and the
    // clamp is a forced monotonicity); 3.x snaps it silently.
    const double c = 100.0;
    const double below = c * (1 - 1e-13);
    auto v2 = make({1, 2, 4, Inf}, {50, c, below, 200});
    auto v3 = v2;
    const QuantileResult r2 = bucketQuantile(0.5, v2, PromCompat::V2_42);
    const QuantileResult r3 = bucketQuantile(0.5, v3, PromCompat::V3);
    // rank 100 is reached at le=2 (50 -> 100): 1 + 1 * 50/50.
    QCOMPARE(r2.value, 2.0);
    QCOMPARE(r3.value, 2.0);
    QVERIFY(r2.forcedMonotonicity);
    QVERIFY(!r2.fixedPrecision);
    QVERIFY(!r3.forcedMonotonicity);
    QVERIFY(r3.fixedPrecision);

    // A count a relative 1e-13 *above* its predecessor: 3.x snaps it down,
    // which moves the rank search to the next bucket; 2.42 keeps it.
    // Buckets 1:100, 2:100(1+1e-13), +Inf:200, q = 0.5 -> rank 100.
    auto up2 = make({1, 2, Inf}, {100, 100 * (1 + 1e-13), 200});
    auto up3 = up2;
    QCOMPARE(bucketQuantile(0.5, up2, PromCompat::V2_42).value, 1.0);
    const QuantileResult u3 = bucketQuantile(0.5, up3, PromCompat::V3);
    QCOMPARE(u3.value, 1.0);
    QVERIFY(u3.fixedPrecision);
    // Rank just above 100: 2.42 interpolates inside le=2 over the 1e-11
    // delta; 3.x snapped le=2 and +Inf to 100, so the rank falls in le=1.
    auto w2 = make({1, 2, Inf}, {100, 100 * (1 + 1e-13), 100 * (1 + 1e-13)});
    auto w3 = w2;
    const double q = (100 * (1 + 0.5e-13)) / (100 * (1 + 1e-13));
    const double a = bucketQuantile(q, w2, PromCompat::V2_42).value;
    const double b = bucketQuantile(q, w3, PromCompat::V3).value;
    QVERIFY2(a > 1.0 && a < 2.0, qPrintable(QString::number(a, 'g', 17)));
    QVERIFY2(b > 0.999 && b <= 1.0, qPrintable(QString::number(b, 'g', 17)));
}

void TestHistogramQuantile::parseFloat_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");

    QTest::newRow("int") << QStringLiteral("1") << true << 1.0;
    QTest::newRow("1.0") << QStringLiteral("1.0") << true << 1.0;
    QTest::newRow(".2") << QStringLiteral(".2") << true << 0.2;
    QTest::newRow("-.2") << QStringLiteral("-.2") << true << -0.2;
    QTest::newRow("1e0") << QStringLiteral("1e0") << true << 1.0;
    QTest::newRow("2.0e-1") << QStringLiteral("2.0e-1") << true << 0.2;
    QTest::newRow("1.27482e+06") << QStringLiteral("1.27482e+06") << true << 1.27482e+06;
    QTest::newRow("4.013298134E9") << QStringLiteral("4.013298134E9") << true << 4.013298134E9;
    QTest::newRow("+5") << QStringLiteral("+5") << true << 5.0;
    QTest::newRow("5.") << QStringLiteral("5.") << true << 5.0;
    QTest::newRow("0.005") << QStringLiteral("0.005") << true << 0.005;
    QTest::newRow("+Inf") << QStringLiteral("+Inf") << true << Inf;
    QTest::newRow("+inf") << QStringLiteral("+inf") << true << Inf;
    QTest::newRow("Inf") << QStringLiteral("Inf") << true << Inf;
    QTest::newRow("INF") << QStringLiteral("INF") << true << Inf;
    QTest::newRow("-Inf") << QStringLiteral("-Inf") << true << -Inf;
    QTest::newRow("+Infinity") << QStringLiteral("+Infinity") << true << Inf;
    QTest::newRow("NaN") << QStringLiteral("NaN") << true << NaN;
    QTest::newRow("nan") << QStringLiteral("nan") << true << NaN;
    QTest::newRow("Nan") << QStringLiteral("Nan") << true << NaN;
    QTest::newRow("1e-400 underflows to 0") << QStringLiteral("1e-400") << true << 0.0;
    QTest::newRow("empty") << QString() << false << 0.0;
    QTest::newRow("sign only") << QStringLiteral("+") << false << 0.0;
    QTest::newRow("dot only") << QStringLiteral(".") << false << 0.0;
    QTest::newRow("trailing garbage") << QStringLiteral("1.5x") << false << 0.0;
    QTest::newRow("trailing space") << QStringLiteral("1 ") << false << 0.0;
    QTest::newRow("leading space") << QStringLiteral(" 1") << false << 0.0;
    QTest::newRow("hex") << QStringLiteral("0x10") << false << 0.0;
    QTest::newRow("hex float") << QStringLiteral("0x1p-2") << false << 0.0;
    QTest::newRow("underscore") << QStringLiteral("1_000") << false << 0.0;
    QTest::newRow("double sign") << QStringLiteral("+-1") << false << 0.0;
    QTest::newRow("exponent without digits") << QStringLiteral("1e") << false << 0.0;
    QTest::newRow("signed NaN") << QStringLiteral("-NaN") << false << 0.0;
    QTest::newRow("infinit") << QStringLiteral("infinit") << false << 0.0;
    QTest::newRow("overflow") << QStringLiteral("1e400") << false << 0.0;
}

void TestHistogramQuantile::parseFloat()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    const QByteArray utf8 = text.toUtf8();
    const auto r = parsePromFloat(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    QCOMPARE(r.has_value(), ok);
    if (ok) {
        if (std::isnan(value))
            QVERIFY(std::isnan(*r));
        else
            QCOMPARE(*r, value);
    }
}

void TestHistogramQuantile::localQuantiles()
{
    // Two scrapes 15 s apart; the second adds 1 observation <= 0.1, 3 in
    // (0.1, 0.2] and 1 above.
    const auto prevB = make({0.1, 0.2, Inf}, {10, 30, 40});
    const auto curB = make({0.1, 0.2, Inf}, {11, 33, 45});
    HistogramScrape prev{prevB, 4.0, 40, 1000};
    HistogramScrape cur{curB, 4.9, 45, 1000};
    std::vector<Bucket> scratch;
    QVERIFY(!bucketIncreases(prev, cur, scratch));
    QCOMPARE(scratch, make({0.1, 0.2, Inf}, {1, 3, 5}));
    // rank 2.5 -> le=0.2: 0.1 + 0.1 * (2.5 - 1) / (3 - 1)
    QCOMPARE(localQuantile(0.5, prev, cur, scratch).value, 0.1 + 0.1 * (1.5 / 2));
    QCOMPARE(localQuantile(0.99, prev, cur, scratch).value, 0.2);
    QVERIFY(std::fabs(mw::localMean(prev, cur) - 0.9 / 5) < 1e-15);

    // Same as histogram_quantile over rate() of the two samples: the
    // extrapolation factor cancels. Bucket order in the payload is irrelevant.
    const auto curShuffled = make({Inf, 0.1, 0.2}, {45, 11, 33});
    HistogramScrape cur2{curShuffled, 4.9, 45, 1000};
    QCOMPARE(localQuantile(0.5, prev, cur2, scratch).value, 0.1 + 0.1 * (1.5 / 2));

    // One bucket dropped (e.g. a buggy exporter): that bucket's Δ is its
    // current value; the others are ordinary deltas.
    const auto dropB = make({0.1, 0.2, Inf}, {2, 33, 45});
    HistogramScrape dropped{dropB, 4.9, 45, 1000};
    QVERIFY(!bucketIncreases(prev, dropped, scratch));
    QCOMPARE(scratch, make({0.1, 0.2, Inf}, {2, 3, 5}));

    // Restart: _count dropped -> current values are the increases.
    const auto restartB = make({0.1, 0.2, Inf}, {1, 2, 2});
    HistogramScrape restarted{restartB, 0.3, 2, 1000};
    QVERIFY(histogramRestarted(prev, restarted));
    QVERIFY(bucketIncreases(prev, restarted, scratch));
    QCOMPARE(scratch, restartB);
    QCOMPARE(mw::localMean(prev, restarted), 0.15);

    // Restart detected by the start time even though counts grew.
    HistogramScrape newStart{curB, 4.9, 45, 2000};
    QVERIFY(histogramRestarted(prev, newStart));
    QVERIFY(bucketIncreases(prev, newStart, scratch));
    QCOMPARE(scratch, curB);
    QCOMPARE(mw::localMean(prev, newStart), 4.9 / 45);

    // Layout changed (a bound appeared): whole histogram treated as new.
    const auto relayout = make({0.1, 0.15, 0.2, Inf}, {11, 20, 33, 45});
    HistogramScrape relaid{relayout, 4.9, 45, 1000};
    QVERIFY(bucketIncreases(prev, relaid, scratch));
    QCOMPARE(scratch, relayout);
}

void TestHistogramQuantile::localQuantileNoData()
{
    const auto b = make({0.1, 0.2, Inf}, {10, 30, 40});
    HistogramScrape prev{b, 4.0, 40};
    HistogramScrape cur{b, 4.0, 40};
    std::vector<Bucket> scratch;
    QVERIFY(std::isnan(localQuantile(0.5, prev, cur, scratch).value));
    QVERIFY(std::isnan(mw::localMean(prev, cur)));
    // Without _count, the +Inf bucket's zero delta gives NaN as well.
    HistogramScrape prevNoCount{b};
    HistogramScrape curNoCount{b};
    QVERIFY(std::isnan(localQuantile(0.5, prevNoCount, curNoCount, scratch).value));
}

void TestHistogramQuantile::localMean()
{
    const auto b = make({Inf}, {0});
    // A restart to an empty histogram: Δcount = 0 -> NaN, not 0.
    QVERIFY(std::isnan(mw::localMean(HistogramScrape{b, 10, 5}, HistogramScrape{b, 0, 0})));
    QCOMPARE(mw::localMean(HistogramScrape{b, 10, 5}, HistogramScrape{b, 16, 8}), 2.0);
    // Unknown count: NaN.
    QVERIFY(std::isnan(mw::localMean(HistogramScrape{b}, HistogramScrape{b})));
}

QTEST_GUILESS_MAIN(TestHistogramQuantile)
#include "tst_histogram_quantile.moc"
