// Every fault of the demo server switched on and off over HTTP, each
// checked by its effect on replies and on the metrics (read with the
// project's own parser). Label time is the test's clock.
#include "DemoTestClient.h"

#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkReply>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>

using namespace mw::demo;
using mw::expo::MetricType;
using mw::test::DemoTestClient;
using mw::test::ScrapedMetrics;
using nlohmann::json;

namespace {

constexpr const char *kCount = ":tensorflow:serving:request_count";

} // namespace

class TestDemoFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsAndSwitchesFaults();
    void latencyFaultDelaysRepliesAndShowsInHistogram();
    void errorFaultFailsAShareOfRequestsAndCountsThem();
    void downFaultAnswers503();
    void memoryFaultGrowsAndReleasesResidentMemory();
    void accuracyDriftLowersAccuracyFromConfusionCounters();

private:
    std::unique_ptr<DemoTestClient> m_client;
};

void TestDemoFaults::init()
{
    m_client = std::make_unique<DemoTestClient>();
    QString error;
    QVERIFY2(m_client->start(error), qPrintable(error));
}

void TestDemoFaults::cleanup()
{
    m_client.reset();
}

void TestDemoFaults::listsAndSwitchesFaults()
{
    DemoTestClient::Reply r = m_client->get(QStringLiteral("/faults"));
    QCOMPARE(r.status, 200);
    json doc = json::parse(r.body.toStdString());
    for (Fault f : FaultInjector::kAll)
        QCOMPARE(doc["faults"][FaultInjector::name(f).toStdString()].get<bool>(), false);

    QCOMPARE(m_client->post(QStringLiteral("/faults/errors"), R"({"enabled": true})").status, 200);
    QCOMPARE(m_client->post(QStringLiteral("/faults/down?enabled=on")).status, 200);
    doc = json::parse(m_client->get(QStringLiteral("/faults")).body.toStdString());
    QCOMPARE(doc["faults"]["errors"].get<bool>(), true);
    QCOMPARE(doc["faults"]["down"].get<bool>(), true);
    QCOMPARE(doc["faults"]["latency"].get<bool>(), false);
    QCOMPARE(m_client->post(QStringLiteral("/faults/errors?enabled=0")).status, 200);
    QCOMPARE(m_client->post(QStringLiteral("/faults/down"), R"({"enabled": false})").status, 200);
    QVERIFY(!m_client->server().faults().isActive(Fault::Errors));
    QVERIFY(!m_client->server().faults().isActive(Fault::Down));

    QCOMPARE(m_client->post(QStringLiteral("/faults/nonsense?enabled=1")).status, 404);
    QCOMPARE(m_client->post(QStringLiteral("/faults/errors")).status, 400);              // on or off?
    QCOMPARE(m_client->post(QStringLiteral("/faults/errors?enabled=maybe")).status, 400);
    QCOMPARE(m_client->get(QStringLiteral("/faults/errors")).status, 405);
    QCOMPARE(m_client->scrape().sum("modelwatch_demo_fault_active"), 0.0);
}

void TestDemoFaults::latencyFaultDelaysRepliesAndShowsInHistogram()
{
    const char *sumName = ":tensorflow:serving:request_latency_sum";
    const char *countName = ":tensorflow:serving:request_latency_count";
    QCOMPARE(m_client->post(QStringLiteral("/faults/latency?enabled=1")).status, 200);
    ScrapedMetrics before = m_client->scrape();
    QCOMPARE(before.sum("modelwatch_demo_fault_active", {{"fault", "latency"}}), 1.0);

    constexpr int kRequests = 8;
    QElapsedTimer clock;
    clock.start();
    QHash<QNetworkReply *, qint64> done;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < kRequests; ++i) {
        QNetworkReply *reply = m_client->send("POST", QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(1));
        connect(reply, &QNetworkReply::finished, this, [&done, &clock, reply] { done.insert(reply, clock.elapsed()); });
        replies.emplace_back(reply);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), kRequests, 10'000);
    for (const auto &reply : replies) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY2(done.value(reply.get()) >= 440, qPrintable(QString::number(done.value(reply.get())))); // 600 ± 150 ms
    }
    ScrapedMetrics after = m_client->scrape();
    const double meanUs = (after.sum(sumName) - before.sum(sumName)) / (after.sum(countName) - before.sum(countName));
    QVERIFY2(meanUs > 500'000.0, qPrintable(QString::number(meanUs)));

    QCOMPARE(m_client->post(QStringLiteral("/faults/latency?enabled=0")).status, 200);
    before = m_client->scrape();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_client->post(QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(1)).status, 200);
    after = m_client->scrape();
    const double meanOffUs = (after.sum(sumName) - before.sum(sumName)) / (after.sum(countName) - before.sum(countName));
    QVERIFY2(meanOffUs < 50'000.0, qPrintable(QString::number(meanOffUs)));
}

void TestDemoFaults::errorFaultFailsAShareOfRequestsAndCountsThem()
{
    QCOMPARE(m_client->post(QStringLiteral("/faults/errors?enabled=true")).status, 200);
    const ScrapedMetrics before = m_client->scrape();
    QHash<int, int> byStatus;
    constexpr int kRequests = 60;
    for (int i = 0; i < kRequests; ++i) {
        const DemoTestClient::Reply r = m_client->post(QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(1));
        ++byStatus[r.status];
        if (r.status != 200)
            QVERIFY(json::parse(r.body.toStdString())["error"].is_string());
    }
    QCOMPARE(byStatus.value(200) + byStatus.value(500) + byStatus.value(400), kRequests);
    const int failed = kRequests - byStatus.value(200);
    QVERIFY2(failed >= 6 && failed <= 36, qPrintable(QString::number(failed))); // 30% of 60
    QVERIFY(byStatus.value(500) > 0);
    const ScrapedMetrics after = m_client->scrape();
    auto delta = [&](const char *status) {
        return after.sum(kCount, {{"status", status}}) - before.sum(kCount, {{"status", status}});
    };
    QCOMPARE(delta("OK"), double(byStatus.value(200)));
    QCOMPARE(delta("INTERNAL"), double(byStatus.value(500)));
    QCOMPARE(delta("INVALID_ARGUMENT"), double(byStatus.value(400)));

    QCOMPARE(m_client->post(QStringLiteral("/faults/errors?enabled=false")).status, 200);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(m_client->post(QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(1)).status, 200);
}

void TestDemoFaults::downFaultAnswers503()
{
    QCOMPARE(m_client->post(QStringLiteral("/faults/down?enabled=1")).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/monitoring/prometheus/metrics")).status, 503);
    QCOMPARE(m_client->post(QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(1)).status, 200); // only the metrics are down
    QCOMPARE(m_client->post(QStringLiteral("/faults/down?enabled=0")).status, 200);
    const ScrapedMetrics s = m_client->scrape();
    QVERIFY2(s.ok(), s.error().c_str());
    QCOMPARE(s.sum(kCount, {{"status", "OK"}}), 1.0);
}

void TestDemoFaults::memoryFaultGrowsAndReleasesResidentMemory()
{
    const double rssBefore = m_client->scrape().sum("process_resident_memory_bytes");
    QVERIFY(rssBefore > 0.0);
    QCOMPARE(m_client->post(QStringLiteral("/faults/memory?enabled=1")).status, 200);
    QVERIFY(m_client->scrape().sum("modelwatch_demo_ballast_bytes") >= double(FaultInjector::kMemoryStepBytes));
    // The ballast grows by a step every 250 ms ...
    constexpr double kGrowth = 4.0 * double(FaultInjector::kMemoryStepBytes);
    QTRY_VERIFY_WITH_TIMEOUT(m_client->scrape().sum("modelwatch_demo_ballast_bytes") >= kGrowth, 10'000);
    // ... and it is resident: RSS grew by (nearly) as much.
    const ScrapedMetrics peak = m_client->scrape();
    const double ballast = peak.sum("modelwatch_demo_ballast_bytes");
    const double rssPeak = peak.sum("process_resident_memory_bytes");
    QVERIFY2(rssPeak - rssBefore >= 0.75 * ballast,
             qPrintable(QStringLiteral("RSS %1 -> %2 with %3 bytes of ballast").arg(rssBefore).arg(rssPeak).arg(ballast)));

    QCOMPARE(m_client->post(QStringLiteral("/faults/memory?enabled=0")).status, 200);
    const ScrapedMetrics released = m_client->scrape();
    QCOMPARE(released.sum("modelwatch_demo_ballast_bytes"), 0.0);
    const double rssReleased = released.sum("process_resident_memory_bytes");
    QVERIFY2(rssReleased < rssPeak - ballast / 2, qPrintable(QStringLiteral("RSS %1 -> %2").arg(rssPeak).arg(rssReleased)));
}

void TestDemoFaults::accuracyDriftLowersAccuracyFromConfusionCounters()
{
    LoadGenerator &load = m_client->server().loadGenerator();
    auto accuracyOfNext = [&](int requests) {
        const DemoTestClient::Confusion before = m_client->confusion();
        load.generate(requests);
        m_client->advance(m_client->server().feed().labelDelayMs());
        return (m_client->confusion() - before).accuracy();
    };
    const double clean = accuracyOfNext(200);
    QVERIFY2(clean > 0.8, qPrintable(QString::number(clean)));

    QCOMPARE(m_client->post(QStringLiteral("/faults/accuracy_drift"), R"({"enabled": true})").status, 200);
    const double drifted = accuracyOfNext(200);
    QVERIFY2(drifted < 0.72, qPrintable(QString::number(drifted)));

    QCOMPARE(m_client->post(QStringLiteral("/faults/accuracy_drift"), R"({"enabled": false})").status, 200);
    const double recovered = accuracyOfNext(200);
    QVERIFY2(recovered > 0.8, qPrintable(QString::number(recovered)));
}

QTEST_GUILESS_MAIN(TestDemoFaults)
#include "tst_demo_faults.moc"
