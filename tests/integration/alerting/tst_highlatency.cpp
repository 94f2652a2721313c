// The HighLatency example end to end: the shipped rule file
// (resources/rules/tfserving-highlatency.yml, TF Serving's real metric names)
// against the real demo server with its latency fault switched on over HTTP.
//
// Time is a stepped fake timeline: each step drives the demo's load generator
// by hand, scrapes /monitoring/prometheus/metrics over a real socket, appends
// the payload into the store at a synthetic timestamp 15 s after the previous
// one (SeriesStore::appendScrape, as a scrape loop does) and ticks the alert
// engine on a ManualClock set to that timestamp. The rule runs unchanged
// (rate over [1m], for: 1m, interval 15s) in well under a second of real time,
// and every transition lands on a step that can be computed in advance.

#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "demo/LoadGenerator.h"

#include "alerting/AlertEngine.h"
#include "alerting/EngineRuleQuerier.h"
#include "alerting/ManualClock.h"
#include "alerting/RuleFileChecker.h"
#include "exposition/ExpositionParser.h"
#include "promql/EngineStoreQueryable.h"
#include "scrape/ScrapeFetcher.h"
#include "store/SeriesStore.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::alerting;

namespace {

constexpr int64_t kStepMs = 15'000;
constexpr int kRequestsPerStep = 40; // 2.7 requests/s at 15 s steps

} // namespace

class TestHighLatency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pendingFiringNotifiedResolved();

private:
    /// One step of the fake timeline; the engine's events at that step.
    std::vector<AlertEvent> step();
    bool setLatencyFault(bool on);
    std::optional<AlertInstance> alert() const;

    int64_t m_now = 1'700'000'000'000;
    std::unique_ptr<demo::DemoServer> m_demo;
    SeriesStore m_store;
    std::unique_ptr<promql::StoreQueryable> m_data;
    std::unique_ptr<EngineRuleQuerier> m_querier;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<AlertEngine> m_engine;
    QNetworkAccessManager m_nam;
};

void TestHighLatency::initTestCase()
{
    demo::DemoServer::Options options;
    options.port = 0;
    options.rate = 0; // the test drives the load: LoadGenerator::generate()
    options.labelPollMs = 0;
    options.clockMs = [this] { return m_now; };
    m_demo = std::make_unique<demo::DemoServer>(options);
    QString error;
    QVERIFY2(m_demo->start(&error), qPrintable(error));
    m_nam.setProxy(QNetworkProxy::NoProxy);

    QFile file(QStringLiteral(MW_RULES_DIR "/tfserving-highlatency.yml"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const RuleFileCheck check = checkRuleFile(file.readAll().toStdString());
    QVERIFY(check.valid());
    QCOMPARE(check.import.rules.size(), std::size_t(1));
    const AlertRule &rule = check.import.rules.front();
    QCOMPARE(rule.id, std::string("tfserving/HighLatency"));
    QCOMPARE(rule.forMs, int64_t(60'000));
    QCOMPARE(rule.intervalMs, kStepMs);
    QCOMPARE(rule.kind, ConditionKind::Threshold);
    QCOMPARE(rule.threshold, 0.5);

    m_data = std::make_unique<promql::StoreQueryable>(m_store);
    m_querier = std::make_unique<EngineRuleQuerier>(*m_data);
    m_clock = std::make_unique<ManualClock>(m_now);
    m_engine = std::make_unique<AlertEngine>(*m_clock, *m_querier);
    std::vector<std::string> errors;
    m_engine->setRules(check.import.rules, &errors);
    QVERIFY(errors.empty());
}

bool TestHighLatency::setLatencyFault(bool on)
{
    QUrl url = m_demo->url();
    url.setPath(QStringLiteral("/faults/latency"));
    url.setQuery(on ? QStringLiteral("enabled=1") : QStringLiteral("enabled=0"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_nam.post(request, QByteArray());
    QSignalSpy done(reply, &QNetworkReply::finished);
    const bool finished = reply->isFinished() || done.wait(10'000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return finished && status == 200 && m_demo->faults().isActive(demo::Fault::Latency) == on;
}

std::vector<AlertEvent> TestHighLatency::step()
{
    m_now += kStepMs;
    m_demo->loadGenerator().generate(kRequestsPerStep);
    QUrl url = m_demo->url();
    url.setPath(QStringLiteral("/monitoring/prometheus/metrics"));
    const ScrapeResult scraped = ScrapeFetcher::fetchBlocking(url);
    if (!scraped.ok()) {
        qWarning() << "scrape failed:" << scraped.errorMessage;
        return {};
    }
    const std::string_view body(scraped.body.constData(), static_cast<std::size_t>(scraped.body.size()));
    const expo::ParseResult parsed = expo::parse(body, *scraped.format);
    if (!parsed.ok()) {
        qWarning() << "parse failed";
        return {};
    }
    m_store.appendScrape(1, m_now, parsed);
    m_clock->setMs(m_now);
    return m_engine->tick();
}

std::optional<AlertInstance> TestHighLatency::alert() const
{
    const std::vector<AlertInstance> all = m_engine->instances();
    if (all.empty())
        return std::nullopt;
    return all.front();
}

void TestHighLatency::pendingFiringNotifiedResolved()
{
    // A quiet minute and a half: the demo answers in microseconds.
    for (int i = 0; i < 6; ++i) {
        const std::vector<AlertEvent> events = step();
        QVERIFY(events.empty());
        QVERIFY(!alert());
    }
    const std::optional<RuleHealth> quiet = m_engine->health("tfserving/HighLatency");
    QVERIFY(quiet && quiet->lastError.empty());
    const promql::Engine direct(*m_data);
    const auto calm = EngineRuleQuerier::toOutcome(direct.instantQuery(m_engine->rules().front().expr, m_now));
    QVERIFY(calm.ok());
    QCOMPARE(calm.series.size(), std::size_t(1));
    QVERIFY2(calm.series.front().value < 0.05, qPrintable(QString::number(calm.series.front().value)));

    // Latency fault on. The mean over [1m] covers four 15 s intervals: it is
    // above 500 ms only once all four are slow (3 of 4 give ~450 ms).
    QVERIFY(setLatencyFault(true));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(step().empty());
        QVERIFY(!alert());
    }
    std::vector<AlertEvent> events = step(); // step 4 with the fault: pending
    const int64_t pendingAt = m_now;
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events[0].kind, EventKind::Transition);
    QCOMPARE(events[0].fromState, AlertState::Inactive);
    QCOMPARE(events[0].instance.state, AlertState::Pending);
    QCOMPARE(events[0].instance.labels.get("model_name").value_or(""), std::string_view("demo"));
    QCOMPARE(events[0].instance.labels.get("severity").value_or(""), std::string_view("warning"));
    QVERIFY2(events[0].instance.value > 0.5 && events[0].instance.value < 0.8,
             qPrintable(QString::number(events[0].instance.value)));

    // Pending for three more steps (45 s < for: 1m), then firing exactly at
    // pendingAt + 1m, with the notification request in the same tick.
    for (int i = 0; i < 3; ++i) {
        QVERIFY(step().empty());
        QCOMPARE(alert()->state, AlertState::Pending);
    }
    events = step();
    QCOMPARE(m_now - pendingAt, int64_t(60'000));
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[0].kind, EventKind::Transition);
    QCOMPARE(events[0].fromState, AlertState::Pending);
    QCOMPARE(events[0].instance.state, AlertState::Firing);
    QCOMPARE(events[0].detail, std::string("active for 1m"));
    QCOMPARE(events[1].kind, EventKind::Notification);
    QCOMPARE(events[1].reason, NotifyReason::Firing);
    const AlertInstance &fired = events[1].instance;
    QCOMPARE(fired.activeAtMs, pendingAt);
    QCOMPARE(fired.firedAtMs, std::optional<int64_t>(m_now));

    // The annotation shows the latency as Prometheus' humanizeDuration does: "612.3ms".
    const QString summary = QString::fromStdString(fired.annotations.at("summary"));
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^TF Serving model demo is slow: (\\d+(\\.\\d+)?)ms average latency$")).match(summary);
    QVERIFY2(m.hasMatch(), qPrintable(summary));
    qInfo().noquote() << "firing:" << summary;
    const double shownMs = m.captured(1).toDouble();
    QVERIFY2(shownMs > 500 && shownMs < 800, qPrintable(summary));
    QVERIFY2(std::abs(shownMs - fired.value * 1000) < 0.1, qPrintable(summary + u' ' + QString::number(fired.value)));

    // Still firing one step later: no repeat (the repeat interval is 4 h).
    QVERIFY(step().empty());
    QCOMPARE(alert()->state, AlertState::Firing);

    // Fault off. One fast interval in the window brings the mean to ~450 ms:
    // resolved at the next evaluation, and announced (it was announced firing).
    QVERIFY(setLatencyFault(false));
    events = step();
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(events[0].kind, EventKind::Transition);
    QCOMPARE(events[0].fromState, AlertState::Firing);
    QCOMPARE(events[0].instance.state, AlertState::Resolved);
    QCOMPARE(events[1].kind, EventKind::Notification);
    QCOMPARE(events[1].reason, NotifyReason::Resolved);
    QCOMPARE(alert()->state, AlertState::Resolved);

    // Once the slow minute has left the window the latency is back to microseconds.
    for (int i = 0; i < 4; ++i)
        QVERIFY(step().empty());
    const auto after = EngineRuleQuerier::toOutcome(direct.instantQuery(m_engine->rules().front().expr, m_now));
    QVERIFY(after.ok());
    QVERIFY2(after.series.front().value < 0.05, qPrintable(QString::number(after.series.front().value)));
}

QTEST_GUILESS_MAIN(TestHighLatency)
#include "tst_highlatency.moc"
