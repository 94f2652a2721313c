// DemoServer on 127.0.0.1, port 0, driven over real HTTP: TF Serving's
// predict and status API, its metrics read with the project's own parser,
// and the labeled feed. Time for labels is the test's own clock; the load
// generator is off unless a test turns it on.
#include "DemoTestClient.h"

#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"

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

class TestDemoServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void servesModelStatus();
    void predictsAndCountsEveryRequest();
    void rejectsBadRequestsWithTfErrors();
    void feedShowsPredictionsOnceTheirLabelsArrive();
    void loadGeneratorMovesTheNumbersOnItsOwn();

private:
    std::unique_ptr<DemoTestClient> m_client;
};

void TestDemoServer::init()
{
    m_client = std::make_unique<DemoTestClient>();
    QString error;
    QVERIFY2(m_client->start(error), qPrintable(error));
}

void TestDemoServer::cleanup()
{
    m_client.reset();
}

void TestDemoServer::servesModelStatus()
{
    const DemoTestClient::Reply r = m_client->get(QStringLiteral("/v1/models/demo"));
    QCOMPARE(r.status, 200);
    const json doc = json::parse(r.body.toStdString());
    QCOMPARE(doc["model_version_status"][0]["state"].get<std::string>(), std::string("AVAILABLE"));
    QCOMPARE(doc["model_version_status"][0]["status"]["error_code"].get<std::string>(), std::string("OK"));
    QCOMPARE(m_client->get(QStringLiteral("/v1/models/other")).status, 404);
}

void TestDemoServer::predictsAndCountsEveryRequest()
{
    const ScrapedMetrics before = m_client->scrape();
    QVERIFY2(before.ok(), before.error().c_str());
    QCOMPARE(before.typeOf(kCount), MetricType::Counter);
    QCOMPARE(before.typeOf(":tensorflow:serving:request_latency"), MetricType::Histogram);
    QCOMPARE(before.typeOf(":tensorflow:serving:runtime_latency"), MetricType::Histogram);
    QCOMPARE(before.typeOf(":tensorflow:core:graph_runs"), MetricType::Counter);
    QCOMPARE(before.typeOf("process_resident_memory_bytes"), MetricType::Gauge);
    QCOMPARE(before.typeOf("model_predictions_total"), MetricType::Counter);
    QCOMPARE(before.typeOf("model_score_positive"), MetricType::Histogram);

    // Seven requests in flight at once, with 1..7 instances.
    constexpr int kRequests = 7;
    std::vector<QNetworkReply *> replies;
    for (int i = 1; i <= kRequests; ++i)
        replies.push_back(m_client->send("POST", QStringLiteral("/v1/models/demo:predict"), DemoTestClient::predictBody(i, i % 2 ? 1.0 : -1.0)));
    for (int i = 1; i <= kRequests; ++i) {
        const DemoTestClient::Reply r = m_client->await(replies[static_cast<std::size_t>(i - 1)]);
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("application/json"));
        const json doc = json::parse(r.body.toStdString());
        QCOMPARE(doc["predictions"].size(), static_cast<std::size_t>(i));
        const double p = doc["predictions"][0][0].get<double>();
        // Features at +1 are class 1 territory, at -1 class 0 (one feature is negated: still clear).
        QVERIFY2(i % 2 ? p > 0.5 : p < 0.5, qPrintable(QString::number(p)));
    }
    const ScrapedMetrics after = m_client->scrape();
    QCOMPARE(after.sum(kCount, {{"model_name", "demo"}, {"status", "OK"}})
                 - before.sum(kCount, {{"model_name", "demo"}, {"status", "OK"}}),
             double(kRequests));
    QCOMPARE(after.sum(":tensorflow:serving:request_latency_count") - before.sum(":tensorflow:serving:request_latency_count"),
             double(kRequests));
    QCOMPARE(after.sum(":tensorflow:core:graph_runs") - before.sum(":tensorflow:core:graph_runs"), double(kRequests));
}

void TestDemoServer::rejectsBadRequestsWithTfErrors()
{
    const double invalidBefore = m_client->scrape().sum(kCount, {{"status", "INVALID_ARGUMENT"}});
    struct Case
    {
        QByteArray body;
        int status;
    };
    const std::vector<Case> cases{{"{\"instances\": [[1,2", 400},
                                  {"{\"instances\": [[1,2,3]]}", 400},
                                  {"{\"signature\": 1}", 400},
                                  {QByteArray(2 << 20, ' '), 413}};
    for (const Case &c : cases) {
        const DemoTestClient::Reply r = m_client->post(QStringLiteral("/v1/models/demo:predict"), c.body);
        QCOMPARE(r.status, c.status);
        const json doc = json::parse(r.body.toStdString());
        QVERIFY(doc["error"].is_string());
        QVERIFY(!doc["error"].get<std::string>().empty());
    }
    const ScrapedMetrics after = m_client->scrape();
    QCOMPARE(after.sum(kCount, {{"status", "INVALID_ARGUMENT"}}) - invalidBefore, double(cases.size()));
    QCOMPARE(after.sum(":tensorflow:serving:request_latency_count"), 0.0); // OK requests only

    // Wrong model, verb, method, path: answered, not counted.
    QCOMPARE(m_client->post(QStringLiteral("/v1/models/nope:predict"), DemoTestClient::predictBody(1)).status, 404);
    QCOMPARE(m_client->post(QStringLiteral("/v1/models/demo:classify"), DemoTestClient::predictBody(1)).status, 404);
    QCOMPARE(m_client->get(QStringLiteral("/v1/models/demo:predict")).status, 405);
    QCOMPARE(m_client->get(QStringLiteral("/no/such/path")).status, 404);
    QCOMPARE(m_client->scrape().sum(kCount), after.sum(kCount));
}

void TestDemoServer::feedShowsPredictionsOnceTheirLabelsArrive()
{
    m_client->server().loadGenerator().generate(10);
    const std::size_t predictions = m_client->server().feed().pending();
    QVERIFY(predictions >= 10);
    QCOMPARE(m_client->scrape().sum("model_labels_pending"), double(predictions));

    m_client->advance(999); // the label delay is 1000 ms
    DemoTestClient::Reply r = m_client->get(QStringLiteral("/v1/feed?since=0"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(m_client->confusion().total(), 0.0);

    m_client->advance(1);
    r = m_client->get(QStringLiteral("/v1/feed?since=0"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.contentType.startsWith("application/x-ndjson"));
    const QList<QByteArray> lines = r.body.trimmed().split('\n');
    QCOMPARE(std::size_t(lines.size()), predictions);
    uint64_t lastSeq = 0;
    for (const QByteArray &line : lines) {
        const json e = json::parse(line.toStdString());
        for (const char *key : {"seq", "id", "time", "score", "predicted", "actual"})
            QVERIFY2(e.contains(key), key);
        QCOMPARE(e["predicted"].get<int>(), e["score"].get<double>() >= 0.5 ? 1 : 0);
        QCOMPARE(e["time"].get<double>(), double(m_client->nowMs() - 1000) / 1000.0);
        QVERIFY(e["seq"].get<uint64_t>() > lastSeq);
        lastSeq = e["seq"].get<uint64_t>();
    }
    QCOMPARE(m_client->confusion().total(), double(predictions));
    QCOMPARE(m_client->scrape().sum("model_labels_pending"), 0.0);
    QVERIFY(m_client->get(QStringLiteral("/v1/feed?since=%1").arg(lastSeq)).body.isEmpty());
    QCOMPARE(m_client->get(QStringLiteral("/v1/feed?since=%1&limit=2").arg(lastSeq - 5)).body.count('\n'), 2);
    QCOMPARE(m_client->get(QStringLiteral("/v1/feed?since=abc")).status, 400);
}

void TestDemoServer::loadGeneratorMovesTheNumbersOnItsOwn()
{
    LoadGenerator &load = m_client->server().loadGenerator();
    const double before = m_client->scrape().sum(kCount);
    load.setRate(200.0);
    QTRY_VERIFY_WITH_TIMEOUT(load.requestsSent() >= 20, 10'000);
    load.setRate(0.0);
    const uint64_t sent = load.requestsSent();
    QCOMPARE(m_client->scrape().sum(kCount) - before, double(sent));
    QVERIFY(m_client->server().feed().pending() >= sent);
}

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demo_server.moc"
