// ROC-AUC, average precision and their curves (quality/BinaryCurve.h,
// quality/RankingReport.h) against scikit-learn 1.2.1's roc_auc_score,
// average_precision_score, roc_curve and precision_recall_curve on the data
// sets of tests/data/quality (make_fixtures.py), the bucket version against
// sklearn on the scores replaced by their bucket, and the radix-sorted path
// against a brute-force pair count (the Mann-Whitney definition of AUC).
// Tolerance 1e-12: we sum the trapezoids in counts and divide once, sklearn
// normalises first; the difference is a few ulps per point.

#include "QualityFixture.h"

#include "quality/BinaryCurve.h"
#include "quality/RankingReport.h"

#include <QTest>

#include <random>

using namespace mw::quality;
using mwtest::close;
using mwtest::num;
using mwtest::nums;
using nlohmann::json;

namespace {

void splitByLabel(const json &fx, std::vector<double> &pos, std::vector<double> &neg)
{
    const std::vector<double> s = nums(fx["y_score"]);
    for (std::size_t i = 0; i < s.size(); ++i)
        (fx["y_true"][i].get<int>() == 1 ? pos : neg).push_back(s[i]);
}

/// AUC as P(s+ > s-) + P(s+ == s-) / 2 over all pairs: O(P·N), independent of sorting.
double pairwiseAuc(const std::vector<double> &pos, const std::vector<double> &neg)
{
    double wins = 0;
    for (double p : pos)
        for (double n : neg)
            wins += p > n ? 1.0 : p == n ? 0.5 : 0.0;
    return wins / (double(pos.size()) * double(neg.size()));
}

} // namespace

class TestQualityRanking : public QObject
{
    Q_OBJECT

private slots:
    void binaryMatchesSklearn_data();
    void binaryMatchesSklearn();
    void curvesMatchSklearn_data() { binaryMatchesSklearn_data(); }
    void curvesMatchSklearn();
    void bucketsMatchSklearnOnBucketedScores_data() { binaryMatchesSklearn_data(); }
    void bucketsMatchSklearnOnBucketedScores();
    void bucketErrors();
    void oneVsRestMatchesSklearn_data();
    void oneVsRestMatchesSklearn();
    void radixPathMatchesPairCount_data();
    void radixPathMatchesPairCount();
    void sampleGuard();
};

void TestQualityRanking::binaryMatchesSklearn_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : mwtest::binaryFixtures())
        QTest::newRow(qPrintable(f)) << f;
}

void TestQualityRanking::binaryMatchesSklearn()
{
    QFETCH(QString, file);
    const json fx = mwtest::loadQualityFixture(file);
    const json &exp = fx["expected"];
    std::vector<double> pos, neg;
    splitByLabel(fx, pos, neg);
    const RankingReport r = binaryRanking(pos, neg);
    QCOMPARE(r.nanScores, exp["nan_scores"].get<std::size_t>());
    if (exp["roc_auc"].is_null()) {
        // sklearn: "Only one class present in y_true. ROC AUC score is not defined"
        QVERIFY(exp["roc_auc_error"].get<std::string>().find("Only one class") != std::string::npos);
        QVERIFY(!r.overall.rocDefined);
        QVERIFY(std::isnan(r.overall.rocAuc));
    } else {
        QVERIFY(r.overall.rocDefined);
        QVERIFY2(close(r.overall.rocAuc, num(exp["roc_auc"])), qPrintable(QString::number(r.overall.rocAuc, 'g', 17)));
    }
    const double positives = r.overall.positives;
    if (positives == 0) {
        // sklearn 1.2 returns 0 (with a warning) when there is no positive; we say undefined.
        QCOMPARE(std::fabs(num(exp["average_precision"])), 0.0);
        QVERIFY(!r.overall.averagePrecisionDefined && std::isnan(r.overall.averagePrecision));
    } else {
        QVERIFY2(close(r.overall.averagePrecision, num(exp["average_precision"])),
                 qPrintable(QString::number(r.overall.averagePrecision, 'g', 17)));
    }
    // The sklearn-style array overload agrees.
    const std::vector<double> s = nums(fx["y_score"]);
    std::vector<uint8_t> labels;
    for (const auto &y : fx["y_true"])
        labels.push_back(uint8_t(y.get<int>()));
    const RankingReport r2 = binaryRanking(s, labels);
    QVERIFY(close(r2.overall.rocAuc, r.overall.rocAuc, 0) && close(r2.overall.averagePrecision, r.overall.averagePrecision, 0));
}

void TestQualityRanking::curvesMatchSklearn()
{
    QFETCH(QString, file);
    const json fx = mwtest::loadQualityFixture(file);
    const json &exp = fx["expected"];
    std::vector<double> pos, neg;
    splitByLabel(fx, pos, neg);
    const BinaryCurve curve = BinaryCurve::fromScores(pos, neg);
    for (const char *key : {"roc_curve", "roc_curve_all"}) {
        const std::vector<RocPoint> roc = curve.rocCurve(std::string_view(key) == "roc_curve");
        const std::vector<double> fpr = nums(exp[key]["fpr"]), tpr = nums(exp[key]["tpr"]),
                                  thr = nums(exp[key]["thresholds"]);
        QCOMPARE(roc.size(), fpr.size());
        QCOMPARE(roc.front().threshold, std::numeric_limits<double>::infinity()); // sklearn 1.2: max + 1
        for (std::size_t i = 0; i < roc.size(); ++i) {
            QVERIFY2(close(roc[i].fpr, fpr[i]) && close(roc[i].tpr, tpr[i]), qPrintable(QString::number(i)));
            if (i > 0)
                QCOMPARE(roc[i].threshold, thr[i]);
        }
    }
    const std::vector<PrPoint> pr = curve.prCurve();
    const std::vector<double> p = nums(exp["pr_curve"]["precision"]), rc = nums(exp["pr_curve"]["recall"]),
                              t = nums(exp["pr_curve"]["thresholds"]);
    QCOMPARE(pr.size(), p.size());
    QCOMPARE(t.size() + 1, p.size());
    for (std::size_t i = 0; i < pr.size(); ++i) {
        QVERIFY2(close(pr[i].precision, p[i]) && close(pr[i].recall, rc[i]), qPrintable(QString::number(i)));
        QVERIFY(i < t.size() ? pr[i].threshold == t[i] : std::isnan(pr[i].threshold));
    }
}

void TestQualityRanking::bucketsMatchSklearnOnBucketedScores()
{
    QFETCH(QString, file);
    const json b = mwtest::loadQualityFixture(file)["expected"]["buckets"];
    std::vector<mw::Bucket> pos, neg;
    const std::vector<double> bounds = nums(b["bounds"]);
    // Reversed on purpose: the order of the series in a query result is not the bound order.
    for (std::size_t i = bounds.size(); i-- > 0;) {
        pos.push_back({bounds[i], b["positive_cumulative"][i].get<double>()});
        neg.push_back({bounds[i], b["negative_cumulative"][i].get<double>()});
    }
    const BucketCurveResult r = BinaryCurve::fromBuckets(pos, neg);
    QVERIFY2(r.curve.has_value(), r.error.c_str());
    QVERIFY(!r.forcedMonotonicity);
    QVERIFY(close(r.curve->rocAuc(), num(b["roc_auc"])));
    if (r.curve->positives() > 0)
        QVERIFY(close(r.curve->averagePrecision(), num(b["average_precision"])));
    else
        QVERIFY(std::isnan(r.curve->averagePrecision()));
}

void TestQualityRanking::bucketErrors()
{
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::vector<mw::Bucket> a{{0.5, 3}, {1, 5}, {inf, 6}};
    QVERIFY(!BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{0.4, 3}, {1, 5}, {inf, 6}}).curve);
    QVERIFY(!BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{0.5, 3}, {1, 5}}).curve);
    QVERIFY(!BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{0.5, -1}, {1, 5}, {inf, 6}}).curve);
    QVERIFY(!BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{std::nan(""), 1}, {inf, 6}}).curve);
    QVERIFY(!BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{}).curve);
    // A count that dips (a scrape racing an increment) is raised and flagged;
    // the curve equals the one of the repaired histogram.
    const BucketCurveResult dip = BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{0.5, 4}, {1, 3}, {inf, 6}});
    const BucketCurveResult fixed = BinaryCurve::fromBuckets(a, std::vector<mw::Bucket>{{0.5, 4}, {1, 4}, {inf, 6}});
    QVERIFY(dip.curve && fixed.curve && dip.forcedMonotonicity && !fixed.forcedMonotonicity);
    QCOMPARE(dip.curve->rocAuc(), fixed.curve->rocAuc());
    // Equal bounds (le="1" and le="1.0") merge by summing.
    const BucketCurveResult merged =
        BinaryCurve::fromBuckets(std::vector<mw::Bucket>{{0.5, 3}, {1, 2}, {1, 3}, {inf, 6}}, a);
    QVERIFY(merged.curve);
    QCOMPARE(merged.curve->positives(), 6.0);
}

void TestQualityRanking::oneVsRestMatchesSklearn_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : mwtest::multiclassFixtures())
        QTest::newRow(qPrintable(f)) << f;
}

void TestQualityRanking::oneVsRestMatchesSklearn()
{
    QFETCH(QString, file);
    const json fx = mwtest::loadQualityFixture(file);
    const json &ovr = fx["expected"]["ovr"];
    const std::size_t k = fx["classes"].get<std::size_t>();
    std::vector<double> scores;
    std::vector<uint32_t> actual;
    for (const auto &row : fx["y_proba"])
        for (const auto &v : row)
            scores.push_back(v.get<double>());
    for (const auto &y : fx["y_true"])
        actual.push_back(y.get<uint32_t>());
    const RankingReport r = oneVsRestRanking(scores, actual, k);
    QCOMPARE(r.perClass.size(), k);
    bool all = true;
    for (std::size_t c = 0; c < k; ++c) {
        const RankingScores &s = r.perClass[c];
        QVERIFY(close(s.rocAuc, num(ovr["roc_auc_per_class"][c])));
        if (s.positives > 0)
            QVERIFY(close(s.averagePrecision, num(ovr["average_precision_per_class"][c])));
        else
            QVERIFY(!s.averagePrecisionDefined && num(ovr["average_precision_per_class"][c]) == 0.0);
        all = all && s.rocDefined;
    }
    QCOMPARE(r.allClassesDefined, all);
    if (all) {
        QVERIFY(close(r.overall.rocAuc, num(ovr["roc_auc_macro"])));
        QVERIFY(close(r.weightedRocAuc, num(ovr["roc_auc_weighted"])));
        QVERIFY(close(r.overall.averagePrecision, num(ovr["average_precision_macro"])));
        QVERIFY(close(r.weightedAveragePrecision, num(ovr["average_precision_weighted"])));
    } else {
        // sklearn refuses the macro ROC-AUC; ours is over the defined classes.
        QVERIFY(ovr["roc_auc_macro"].is_null());
        double sum = 0;
        int n = 0;
        for (const RankingScores &s : r.perClass)
            if (s.rocDefined)
                sum += s.rocAuc, ++n;
        QVERIFY(close(r.overall.rocAuc, sum / n));
    }
}

void TestQualityRanking::radixPathMatchesPairCount_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("grid"); // 0: continuous; else scores on a grid of that many steps
    QTest::newRow("continuous") << 1 << 0;
    QTest::newRow("grid 7 (heavy ties)") << 2 << 7;
    QTest::newRow("grid 1000") << 3 << 1000;
}

void TestQualityRanking::radixPathMatchesPairCount()
{
    QFETCH(int, seed);
    QFETCH(int, grid);
    std::mt19937_64 rng{static_cast<uint64_t>(seed)};
    std::normal_distribution<double> d(0.0, 3.0);
    std::vector<double> pos, neg;
    for (int i = 0; i < 6000; ++i) { // above the radix threshold (4096) on both sides
        double s = d(rng);
        if (grid > 0)
            s = std::round(s * grid / 10.0) / grid;
        (i % 3 == 0 ? pos : neg).push_back(s + (i % 3 == 0 ? 0.8 : 0.0));
    }
    for (int i = 0; i < 4200; ++i)
        neg.push_back(grid > 0 ? 0.0 : d(rng));
    pos.insert(pos.end(), {-0.0, 0.0, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                           std::nan("")});
    neg.insert(neg.end(), {0.0, -0.0, -std::numeric_limits<double>::infinity(), std::nan(""), std::nan("")});
    const BinaryCurve c = BinaryCurve::fromScores(pos, neg);
    QCOMPARE(c.nanExcluded(), std::size_t(3));
    std::vector<double> p2, n2;
    std::copy_if(pos.begin(), pos.end(), std::back_inserter(p2), [](double x) { return !std::isnan(x); });
    std::copy_if(neg.begin(), neg.end(), std::back_inserter(n2), [](double x) { return !std::isnan(x); });
    QVERIFY2(close(c.rocAuc(), pairwiseAuc(p2, n2)), qPrintable(QString::number(c.rocAuc(), 'g', 17)));
    // Thresholds strictly decrease; -0.0 and +0.0 are one threshold.
    for (std::size_t i = 1; i < c.points().size(); ++i)
        QVERIFY(c.points()[i].threshold < c.points()[i - 1].threshold);
    QCOMPARE(c.points().back().tp, double(p2.size()));
    QCOMPARE(c.points().back().fp, double(n2.size()));
}

void TestQualityRanking::sampleGuard()
{
    MetricOptions o;
    o.minSamples = 3;
    const std::vector<double> pos{0.9, 0.8, 0.7}, neg{0.1, 0.2};
    QVERIFY(!binaryRanking(pos, neg, o).overall.enoughSamples);
    const std::vector<double> neg3{0.1, 0.2, 0.95};
    const RankingReport r = binaryRanking(pos, neg3, o);
    QVERIFY(r.overall.enoughSamples);
    QVERIFY(close(r.overall.rocAuc, pairwiseAuc(pos, neg3)));
}

QTEST_GUILESS_MAIN(TestQualityRanking)
#include "tst_quality_ranking.moc"
