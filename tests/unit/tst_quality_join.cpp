// Joining predictions with late labels (quality/PredictionJoiner.h) and the
// windowed accumulator (quality/QualityWindow.h). Join rules are checked as
// scripted scenarios; the window against a from-scratch recount of the same
// samples; the whole chain (parse -> join -> window) against scikit-learn's
// figures for the pairs tests/data/quality/feed_e2e.* must join.

#include "QualityFixture.h"

#include "quality/FeedParser.h"
#include "quality/PredictionJoiner.h"
#include "quality/QualityWindow.h"

#include <QTest>

#include <random>

using namespace mw::quality;
using mwtest::close;
using mwtest::num;

namespace {

FeedRecord record(char kind, const std::string &id, int64_t tSec, double score = 0.5)
{
    FeedRecord r;
    r.id = id;
    r.timeMs = tSec * 1000;
    if (kind == 'P' || kind == 'B') {
        r.score = score;
        r.hasScore = true;
        r.predicted = "1";
        r.hasPredicted = true;
    }
    if (kind == 'L' || kind == 'B') {
        r.actual = "0";
        r.hasActual = true;
    }
    return r;
}

LabeledPrediction sample(int64_t tMs, int predicted, int actual, double score)
{
    LabeledPrediction s;
    s.labelTimeMs = tMs;
    s.predicted = std::to_string(predicted);
    s.hasPredicted = true;
    s.actual = std::to_string(actual);
    s.score = score;
    s.hasScore = true;
    return s;
}

FeedBatch parseFile(const QString &name)
{
    QFile f(mwtest::qualityDataPath(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return parseFeed(std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

} // namespace

class TestQualityJoin : public QObject
{
    Q_OBJECT

private slots:
    void joinRules_data();
    void joinRules();
    void joinCarriesBothHalves();
    void maxPendingEvicts();
    void countWindowMatchesRecount();
    void timeWindow();
    void binaryThresholdAndSkips();
    void feedEndToEndMatchesSklearn_data();
    void feedEndToEndMatchesSklearn();
    void multiclassWindowMatchesSklearn();
};

void TestQualityJoin::joinRules_data()
{
    // Script: "P id t" prediction, "L id t" label, "B id t" both, "A t" advance (seconds).
    // Window 10 s. Expected: joined, expired, orphan, dupPred, dupLabel, pendingP, pendingL.
    QTest::addColumn<QString>("script");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("prediction then label") << "P a 0;L a 5" << QList<int>{1, 0, 0, 0, 0, 0, 0};
    QTest::newRow("label then prediction") << "L a 0;P a 5" << QList<int>{1, 0, 0, 0, 0, 0, 0};
    QTest::newRow("label exactly at the deadline joins") << "P a 0;L a 10" << QList<int>{1, 0, 0, 0, 0, 0, 0};
    QTest::newRow("label after the window: expired + orphan")
        << "P a 0;L a 11;A 30" << QList<int>{0, 1, 1, 0, 0, 0, 0};
    QTest::newRow("still waiting") << "P a 0;L b 3" << QList<int>{0, 0, 0, 0, 0, 1, 1};
    QTest::newRow("expiry by clock") << "P a 0;A 10;A 11" << QList<int>{0, 1, 0, 0, 0, 0, 0};
    QTest::newRow("duplicate prediction pending") << "P a 0;P a 1;L a 2" << QList<int>{1, 0, 0, 1, 0, 0, 0};
    QTest::newRow("duplicate label after join") << "P a 0;L a 1;L a 2" << QList<int>{1, 0, 0, 0, 1, 0, 0};
    QTest::newRow("duplicate label pending") << "L a 0;L a 1;P a 2" << QList<int>{1, 0, 0, 0, 1, 0, 0};
    QTest::newRow("both halves, then label again") << "B a 0;L a 3" << QList<int>{1, 0, 0, 0, 1, 0, 0};
    QTest::newRow("both halves after a pending label")
        << "L a 0;B a 1" << QList<int>{1, 0, 0, 0, 1, 0, 0};
    QTest::newRow("prediction after join is duplicate") << "P a 0;L a 1;P a 2" << QList<int>{1, 0, 0, 1, 0, 0, 0};
    QTest::newRow("id reused once forgotten") << "P a 0;L a 1;A 20;P a 21;L a 22" << QList<int>{2, 0, 0, 0, 0, 0, 0};
    QTest::newRow("out-of-order times keep the watermark")
        << "P a 100;P b 0;A 50;L b 105" << QList<int>{1, 0, 0, 0, 0, 1, 0};
    QTest::newRow("clock never goes back") << "P a 100;A 0;L a 109" << QList<int>{1, 0, 0, 0, 0, 0, 0};
}

void TestQualityJoin::joinRules()
{
    QFETCH(QString, script);
    QFETCH(QList<int>, expected);
    PredictionJoiner j(JoinOptions{10'000, 1000});
    std::vector<LabeledPrediction> out;
    for (const QString &step : script.split(u';')) {
        const QStringList f = step.split(u' ');
        if (f[0] == u"A") {
            j.advanceTo(f[1].toLongLong() * 1000);
            continue;
        }
        j.add(record(f[0].at(0).toLatin1(), f[1].toStdString(), f[2].toLongLong()), {}, out);
    }
    const JoinStats &s = j.stats();
    const QList<int> got{int(s.joined), int(s.expiredPredictions), int(s.orphanLabels), int(s.duplicatePredictions),
                         int(s.duplicateLabels), int(j.pendingPredictions()), int(j.pendingLabels())};
    QCOMPARE(got, expected);
    QCOMPARE(out.size(), std::size_t(s.joined));
    // The books balance (PredictionJoiner.h).
    QCOMPARE(s.predictions, s.joined + s.expiredPredictions + s.duplicatePredictions + s.evictedPredictions
                                + j.pendingPredictions());
    QCOMPARE(s.labels, s.joined + s.orphanLabels + s.duplicateLabels + s.evictedLabels + j.pendingLabels());
}

void TestQualityJoin::joinCarriesBothHalves()
{
    PredictionJoiner j;
    std::vector<LabeledPrediction> out;
    FeedRecord p = record('P', "x", 5, 0.875);
    const std::vector<double> scores{0.1, 0.9};
    p.scoreCount = 2;
    j.add(p, scores, out);
    j.add(record('P', "x", 6, 0.25), {}, out); // duplicate: the first wins
    j.add(record('L', "x", 60), {}, out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].id, std::string("x"));
    QCOMPARE(out[0].predictionTimeMs, int64_t(5000));
    QCOMPARE(out[0].labelTimeMs, int64_t(60000));
    QCOMPARE(out[0].score, 0.875);
    QCOMPARE(out[0].scores, scores);
    QCOMPARE(out[0].predicted, std::string("1"));
    QCOMPARE(out[0].actual, std::string("0"));
    QCOMPARE(j.rememberedIds(), std::size_t(1)); // kept to catch duplicate labels
}

void TestQualityJoin::maxPendingEvicts()
{
    PredictionJoiner j(JoinOptions{1'000'000, 3});
    std::vector<LabeledPrediction> out;
    for (int i = 0; i < 5; ++i)
        j.add(record('P', "p" + std::to_string(i), i), {}, out);
    QCOMPARE(j.rememberedIds(), std::size_t(3));
    QCOMPARE(j.stats().evictedPredictions, uint64_t(2));
    QCOMPARE(j.stats().evictedLabels, uint64_t(0));
    j.add(record('L', "p0", 10), {}, out); // p0 was evicted: the label waits alone
    QVERIFY(out.empty());
    j.add(record('L', "p4", 11), {}, out);
    QCOMPARE(out.size(), std::size_t(1));
}

void TestQualityJoin::countWindowMatchesRecount()
{
    WindowOptions o;
    o.maxCount = 100;
    QualityWindow w(o);
    std::mt19937 rng(3);
    std::vector<std::pair<int, int>> all; // (predicted, actual)
    for (int i = 0; i < 1000; ++i) {
        const int actual = int(rng() % 2), predicted = rng() % 4 == 0 ? 1 - actual : actual;
        all.emplace_back(predicted, actual);
        w.add(sample(i, predicted, actual, 0.5));
        ConfusionMatrix recount(2);
        for (std::size_t k = all.size() > 100 ? all.size() - 100 : 0; k < all.size(); ++k)
            recount.add(std::size_t(all[k].first), std::size_t(all[k].second));
        for (std::size_t p = 0; p < 2; ++p)
            for (std::size_t a = 0; a < 2; ++a)
                QCOMPARE(w.confusion().count(p, a), recount.count(p, a));
        if (i % 97 == 0) {
            const ClassificationReport r = w.report(), e = classificationReport(recount);
            QCOMPARE(r.macro.f1, e.macro.f1);
            QCOMPARE(r.accuracy.value, e.accuracy.value);
        }
    }
    QCOMPARE(w.size(), std::size_t(100));
    QCOMPARE(w.stats().evictedByCount, uint64_t(900));
}

void TestQualityJoin::timeWindow()
{
    WindowOptions o;
    o.maxAgeMs = 10'000;
    QualityWindow w(o);
    w.add(sample(1000, 1, 1, 0.9));
    w.add(sample(5000, 0, 1, 0.2));
    w.add(sample(11'000, 1, 0, 0.7)); // now = 11 s: the sample at 1 s leaves ((1, 11] excludes 1)
    QCOMPARE(w.size(), std::size_t(2));
    QCOMPARE(w.stats().evictedByAge, uint64_t(1));
    w.add(sample(500, 1, 1, 0.9)); // already outside: late
    QCOMPARE(w.stats().late, uint64_t(1));
    QCOMPARE(w.confusion().total(), 2.0);
    const RankingReport r = w.ranking();
    QCOMPARE(r.overall.positives, 1.0);
    QCOMPARE(r.overall.rocAuc, 0.0); // the only positive (0.2) ranks below the only negative (0.7)
    w.advanceTo(15'001);
    QCOMPARE(w.size(), std::size_t(1));
    w.advanceTo(0); // never back
    QCOMPARE(w.size(), std::size_t(1));
}

void TestQualityJoin::binaryThresholdAndSkips()
{
    WindowOptions o;
    o.threshold = 0.6;
    QualityWindow w(o);
    LabeledPrediction s = sample(1, 0, 1, 0.6);
    s.hasPredicted = false; // predicted from the score: 0.6 >= threshold
    w.add(s);
    s.score = 0.59;
    w.add(s);
    s.score = std::nan(""); // no label and a NaN score: no prediction
    w.add(s);
    s.actual = "maybe";
    w.add(s);
    LabeledPrediction noScore = sample(2, 1, 1, 0.0);
    noScore.hasScore = false;
    w.add(noScore);
    QCOMPARE(w.confusion().count(1, 1), 2.0);
    QCOMPARE(w.confusion().count(0, 1), 1.0);
    QCOMPARE(w.stats().noPrediction, uint64_t(1));
    QCOMPARE(w.stats().unknownLabels, uint64_t(1));
    QCOMPARE(w.stats().missingScores, uint64_t(1));
    QCOMPARE(w.ranking().overall.positives, 2.0);
}

void TestQualityJoin::feedEndToEndMatchesSklearn_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("json lines") << QStringLiteral("feed_e2e.jsonl");
    QTest::newRow("csv") << QStringLiteral("feed_e2e.csv");
}

void TestQualityJoin::feedEndToEndMatchesSklearn()
{
    QFETCH(QString, file);
    const nlohmann::json fx = mwtest::loadQualityFixture(QStringLiteral("feed_e2e.json"));
    const FeedBatch batch = parseFile(file);
    QVERIFY(batch.errors.empty());
    PredictionJoiner joiner(JoinOptions{fx["join_window_s"].get<int64_t>() * 1000, 1'000'000});
    std::vector<LabeledPrediction> joined;
    joiner.add(batch, joined);
    joiner.advanceTo(batch.records.back().timeMs + 3'600'000);
    const JoinStats &s = joiner.stats();
    QCOMPARE(s.joined, fx["joined"].get<uint64_t>());
    QCOMPARE(s.expiredPredictions, fx["expired_predictions"].get<uint64_t>());
    QCOMPARE(s.orphanLabels, fx["orphan_labels"].get<uint64_t>());
    QCOMPARE(s.duplicateLabels, fx["duplicate_labels"].get<uint64_t>());
    QCOMPARE(s.duplicatePredictions, uint64_t(0));
    QCOMPARE(joiner.rememberedIds(), std::size_t(0));

    QualityWindow w;
    w.add(joined);
    const auto &exp = fx["expected"];
    MetricOptions zero;
    zero.zeroDivision = ZeroDivision::Zero;
    const ClassificationReport r = classificationReport(w.confusion(), zero);
    const auto &prf = exp["prf"]["zero_division_0"];
    QVERIFY(close(r.binary(1).precision.value, num(prf["binary"]["precision"])));
    QVERIFY(close(r.binary(1).recall.value, num(prf["binary"]["recall"])));
    QVERIFY(close(r.macro.f1, num(prf["macro"]["f1"])));
    QVERIFY(close(r.weighted.f1, num(prf["weighted"]["f1"])));
    QVERIFY(close(r.accuracy.value, num(exp["accuracy"])));
    QVERIFY(r.enoughSamples);
    const RankingReport rank = w.ranking();
    QVERIFY(close(rank.overall.rocAuc, num(exp["roc_auc"])));
    QVERIFY(close(rank.overall.averagePrecision, num(exp["average_precision"])));
}

void TestQualityJoin::multiclassWindowMatchesSklearn()
{
    const nlohmann::json fx = mwtest::loadQualityFixture(QStringLiteral("multiclass_3.json"));
    WindowOptions o;
    o.classes = {"0", "1", "2"};
    QualityWindow w(o);
    for (std::size_t i = 0; i < fx["y_true"].size(); ++i) {
        LabeledPrediction s;
        s.actual = std::to_string(fx["y_true"][i].get<int>());
        s.predicted = std::to_string(fx["y_pred"][i].get<int>());
        s.hasPredicted = true;
        s.scores = fx["y_proba"][i].get<std::vector<double>>();
        w.add(s);
    }
    const auto &exp = fx["expected"];
    const ClassificationReport r = w.report();
    QVERIFY(close(r.macro.f1, num(exp["prf"]["zero_division_0"]["macro"]["f1"])));
    QVERIFY(close(r.micro.precision, num(exp["accuracy"])));
    const RankingReport rank = w.ranking();
    QVERIFY(close(rank.overall.rocAuc, num(exp["ovr"]["roc_auc_macro"])));
    QVERIFY(close(rank.weightedRocAuc, num(exp["ovr"]["roc_auc_weighted"])));
    QVERIFY(close(rank.overall.averagePrecision, num(exp["ovr"]["average_precision_macro"])));
}

QTEST_GUILESS_MAIN(TestQualityJoin)
#include "tst_quality_join.moc"
