// FeedBackend polling the real in-process demo server's /v1/feed: accuracy
// drops after the accuracy_drift fault is switched on over HTTP, and an
// alert rule on the derived series goes pending, then firing after its
// `for`. The demo, the backend and the alert engine share one ManualClock;
// load is generated on demand and labels released by stepping the clock.

#include "FeedBackend.h"

#include "DemoServerFixture.h"
#include "alerting/AlertEngine.h"
#include "alerting/ManualClock.h"
#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace mw;
using namespace mw::view;

namespace {

constexpr int kRequests = 200; // requests of 1 to several predictions each
constexpr int64_t kMinute = 60'000;
constexpr int kWindow = 200;

} // namespace

class TestQualityFeedDemo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void driftLowersAccuracyAndFiresTheRule();

private:
    /// Predictions, then their labels, then until the backend has joined every feed line.
    void phase(int requests);

    alerting::ManualClock m_clock{1'764'000'000'000};
    std::unique_ptr<demo::DemoServer> m_server;
    std::unique_ptr<FeedBackend> m_backend;
};

void TestQualityFeedDemo::phase(int requests)
{
    m_server->loadGenerator().generate(requests);
    m_clock.advanceMs(m_server->feed().labelDelayMs());
    m_server->releaseLabels();
    // Every feed line is a prediction with its label: one join per line.
    const uint64_t total = m_server->feed().lastSeq();
    QVERIFY(total > 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->joiner().stats().joined, total, 15'000);
}

void TestQualityFeedDemo::driftLowersAccuracyAndFiresTheRule()
{
    demo::DemoServer::Options options = test::withLoad(0.0);
    options.labelDelayMs = 1000;
    options.labelPollMs = 0;
    options.clockMs = [this] { return m_clock.nowMs(); };
    QString error;
    m_server = test::startDemoServer(&error, options);
    QVERIFY2(m_server, qPrintable(error));

    dashboard::Source source;
    source.name = "demo";
    source.kind = dashboard::SourceKind::Feed;
    source.url = m_server->url().resolved(QUrl(QStringLiteral("/v1/feed"))).toString().toStdString();
    source.feed.windowMs = 0;
    source.feed.windowCount = kWindow; // the newest predictions only
    source.feed.minSamples = 100;
    source.feed.evaluationIntervalMs = 3'600'000; // the test evaluates
    m_backend = std::make_unique<FeedBackend>(source, &m_clock);
    m_backend->start();

    alerting::AlertRule rule;
    rule.id = "quality/AccuracyLow";
    rule.name = "AccuracyLow";
    rule.expr = "modelwatch_quality_accuracy{source=\"demo\"}";
    rule.kind = alerting::ConditionKind::Threshold;
    rule.op = alerting::CompareOp::Less;
    rule.threshold = 0.8;
    rule.intervalMs = kMinute;
    rule.forMs = 10 * kMinute;
    alerting::AlertEngine engine(m_clock, m_backend->ruleQuerier());
    std::vector<std::string> errors;
    engine.setRules({rule}, &errors);
    QVERIFY(errors.empty());
    const auto state = [&engine]() {
        const std::vector<alerting::AlertInstance> all = engine.instances();
        return all.empty() ? alerting::AlertState::Inactive : all.front().state;
    };
    const auto accuracy = [this] {
        const alerting::QueryOutcome o = m_backend->ruleQuerier().instant("modelwatch_quality_accuracy", m_clock.nowMs());
        return o.ok() && o.series.size() == 1 ? o.series.front().value : std::nan("");
    };

    phase(kRequests);
    if (QTest::currentTestFailed())
        return;
    m_backend->evaluateNow();
    QCOMPARE(m_backend->health().state, SourceState::Up);
    const double clean = accuracy();
    engine.tick();
    QCOMPARE(state(), alerting::AlertState::Inactive);

    // The fault, switched on as a user would: POST /faults/accuracy_drift?enabled=1.
    QNetworkAccessManager nam;
    QNetworkRequest request(m_server->url().resolved(QUrl(QStringLiteral("/faults/accuracy_drift?enabled=1"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(nam.post(request, QByteArray()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100, 2);
    QVERIFY(m_server->faults().isActive(demo::Fault::AccuracyDrift));

    phase(kRequests);
    if (QTest::currentTestFailed())
        return;
    m_clock.advanceMs(kMinute);
    m_backend->evaluateNow();
    const double drifted = accuracy();
    qInfo("accuracy %.3f -> %.3f over the newest %d labeled predictions", clean, drifted, kWindow);
    QVERIFY2(clean > 0.8, qPrintable(QString::number(clean)));
    QVERIFY2(clean - drifted > 0.1, qPrintable(QStringLiteral("%1 -> %2").arg(clean).arg(drifted)));
    QCOMPARE(m_backend->qualitySnapshot()->labeled, double(kWindow));

    engine.tick();
    QCOMPARE(state(), alerting::AlertState::Pending);
    for (int minute = 1; minute <= 10; ++minute) {
        m_clock.advanceMs(kMinute);
        m_backend->evaluateNow();
        engine.tick();
        QCOMPARE(state(), minute < 10 ? alerting::AlertState::Pending : alerting::AlertState::Firing);
    }
    const alerting::AlertInstance firing = engine.instances().front();
    QCOMPARE(firing.value, drifted);
    QCOMPARE(QString::fromStdString(std::string(firing.labels.get("source").value_or(""))), QStringLiteral("demo"));

    m_backend->stop();
    m_backend.reset();
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestQualityFeedDemo)
#include "tst_quality_feed_demo.moc"
