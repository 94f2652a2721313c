// ScoreBucketBackend on a real source: a ScrapeBackend scraping the
// in-process demo server, whose model_score_positive / _negative histograms
// fill as delayed labels arrive. The areas become series an alert rule reads;
// the demo's accuracy_drift fault lowers them and fires the rule. Also: the
// guard, a missing `from` source, a query that fails, buckets that differ.
// Real time throughout (the scrape store stamps samples with the wall clock),
// so windows are short: 10 s of buckets, a 1 s scrape and evaluation.

#include "ScoreBucketBackend.h"
#include "ScrapeBackend.h"

#include "DemoServerFixture.h"
#include "alerting/AlertEngine.h"
#include "alerting/Clock.h"
#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "quality/BinaryCurve.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace mw;
using namespace mw::view;

namespace {

constexpr int kTimeoutMs = 60'000;
constexpr const char *kPositives = "sum by (le) (increase(model_score_positive_bucket[10s]))";
constexpr const char *kNegatives = "sum by (le) (increase(model_score_negative_bucket[10s]))";

dashboard::Source bucketSource(std::string name, std::string positives = kPositives, std::string negatives = kNegatives)
{
    dashboard::Source s;
    s.name = std::move(name);
    s.kind = dashboard::SourceKind::ScoreBuckets;
    s.scoreBuckets.from = "demo";
    s.scoreBuckets.positives = std::move(positives);
    s.scoreBuckets.negatives = std::move(negatives);
    s.scoreBuckets.minSamples = 50;
    s.scoreBuckets.evaluationIntervalMs = 1000;
    s.scoreBuckets.backfillMs = 0;
    return s;
}

/// The newest value of `metric` in the backend's own store, NaN when none.
double newest(ScoreBucketBackend &b, const char *metric)
{
    const alerting::QueryOutcome o = b.ruleQuerier().instant(metric, b.nowMs());
    return o.ok() && o.series.size() == 1 ? o.series.front().value : std::nan("");
}

} // namespace

class TestScoreBucketBackend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        demo::DemoServer::Options options = test::withLoad(80.0);
        options.labelDelayMs = 200;
        QString error;
        m_demo = test::startDemoServer(&error, options);
        QVERIFY2(m_demo, qPrintable(error));
        const QString metrics = m_demo->url().resolved(QUrl(QStringLiteral("/monitoring/prometheus/metrics"))).toString();
        m_scrape = std::make_unique<ScrapeBackend>(QStringLiteral("demo"), QStringList{metrics}, std::chrono::milliseconds(1000));
        m_scrape->start();
    }

    void cleanupTestCase()
    {
        m_scrape.reset();
        m_demo.reset();
    }

    void areasFromTheDemoBucketsAndDriftFiresARule();
    void theGuardKeepsAreasBack();
    void aMissingSourceIsDown();
    void aFailingQueryIsDown();
    void bucketsThatDifferAreAnError();

private:
    SourceBackend::SourceLookup lookup()
    {
        return [this](const std::string &name) -> SourceBackend * { return name == "demo" ? m_scrape.get() : nullptr; };
    }

    std::unique_ptr<demo::DemoServer> m_demo;
    std::unique_ptr<ScrapeBackend> m_scrape;
};

void TestScoreBucketBackend::areasFromTheDemoBucketsAndDriftFiresARule()
{
    ScoreBucketBackend b(bucketSource("buckets"));
    b.bindSources(lookup());
    QSignalSpy snapshots(&b, &SourceBackend::snapshotChanged);
    b.start();
    // A window well filled with labels (80 requests/s, 10 s) before the figure counts.
    QTRY_VERIFY_WITH_TIMEOUT(newest(b, "modelwatch_quality_labeled") >= 400, kTimeoutMs);
    QVERIFY(std::isfinite(newest(b, "modelwatch_quality_roc_auc")));
    QCOMPARE(b.health().state, SourceState::Up);
    QVERIFY(!snapshots.isEmpty());

    // The series is the snapshot's curve: written from the same buckets.
    const QualitySnapshotPtr snap = b.qualitySnapshot();
    QVERIFY(snap && snap->curves.size() == 1);
    QCOMPARE(snap->source, QStringLiteral("buckets"));
    const alerting::QueryOutcome at = b.ruleQuerier().instant("modelwatch_quality_roc_auc{source=\"buckets\"}", snap->timeMs);
    QVERIFY(at.ok() && at.series.size() == 1);
    QCOMPARE(at.series.front().value, snap->curves.front().rocAuc);
    QVERIFY(snap->labeled >= 50);
    const double clean = snap->curves.front().rocAuc;
    const double cleanAp = snap->curves.front().averagePrecision;
    QVERIFY2(clean > 0.8 && clean <= 1.0, qPrintable(QString::number(clean)));
    QVERIFY2(cleanAp > 0.5 && cleanAp <= 1.0, qPrintable(QString::number(cleanAp)));
    QCOMPARE(newest(b, "modelwatch_quality_labeled"), snap->labeled);

    alerting::SystemClock clock;
    alerting::AlertRule rule;
    rule.id = "quality/BucketAucLow";
    rule.name = "BucketAucLow";
    rule.expr = "modelwatch_quality_roc_auc{source=\"buckets\"}";
    rule.kind = alerting::ConditionKind::Threshold;
    rule.op = alerting::CompareOp::Less;
    rule.threshold = 0.8;
    rule.intervalMs = 1000;
    rule.forMs = 3000;
    alerting::AlertEngine engine(clock, b.ruleQuerier());
    std::vector<std::string> errors;
    engine.setRules({rule}, &errors);
    QVERIFY(errors.empty());
    const auto state = [&engine] {
        engine.tick();
        const std::vector<alerting::AlertInstance> all = engine.instances();
        return all.empty() ? alerting::AlertState::Inactive : all.front().state;
    };
    QCOMPARE(state(), alerting::AlertState::Inactive);

    m_demo->faults().setActive(demo::Fault::AccuracyDrift, true);
    QTRY_VERIFY_WITH_TIMEOUT(state() == alerting::AlertState::Firing, kTimeoutMs);
    const double drifted = newest(b, "modelwatch_quality_roc_auc");
    qInfo("bucket ROC-AUC %.3f -> %.3f (AP %.3f -> %.3f)", clean, drifted, cleanAp, newest(b, "modelwatch_quality_pr_auc"));
    QVERIFY2(drifted < 0.8, qPrintable(QString::number(drifted)));
    m_demo->faults().setActive(demo::Fault::AccuracyDrift, false);
}

void TestScoreBucketBackend::theGuardKeepsAreasBack()
{
    dashboard::Source s = bucketSource("guarded");
    s.scoreBuckets.minSamples = 1'000'000'000;
    ScoreBucketBackend b(s);
    b.bindSources(lookup());
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(newest(b, "modelwatch_quality_labeled") > 0, kTimeoutMs);
    QVERIFY(std::isnan(newest(b, "modelwatch_quality_roc_auc")));
    QVERIFY(std::isnan(newest(b, "modelwatch_quality_pr_auc")));
    QVERIFY(b.qualitySnapshot() && !b.qualitySnapshot()->enoughSamples());
}

void TestScoreBucketBackend::aMissingSourceIsDown()
{
    ScoreBucketBackend b(bucketSource("orphan"));
    b.bindSources([](const std::string &) -> SourceBackend * { return nullptr; });
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Down, kTimeoutMs);
    QCOMPARE(b.health().error, QStringLiteral("Its source 'demo' is not running."));
}

void TestScoreBucketBackend::aFailingQueryIsDown()
{
    ScoreBucketBackend b(bucketSource("broken", "sum by (le) (rate(model_score_positive_bucket))"));
    b.bindSources(lookup());
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Down, kTimeoutMs);
    QVERIFY2(b.health().error.startsWith(QStringLiteral("The positives query on 'demo': ")), qPrintable(b.health().error));
    QVERIFY(std::isnan(newest(b, "modelwatch_quality_labeled")));
}

void TestScoreBucketBackend::bucketsThatDifferAreAnError()
{
    // Latency buckets against score buckets: not the same bounds.
    ScoreBucketBackend b(bucketSource(
        "mismatched", "sum by (le) (increase(:tensorflow:serving:request_latency_bucket[10s]))", kNegatives));
    b.bindSources(lookup());
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Down, kTimeoutMs);
    QVERIFY2(b.health().error.startsWith(QStringLiteral("The score buckets of 'demo': ")), qPrintable(b.health().error));
    QVERIFY(std::isnan(newest(b, "modelwatch_quality_roc_auc")));
}

QTEST_GUILESS_MAIN(TestScoreBucketBackend)
#include "tst_score_bucket_backend.moc"
