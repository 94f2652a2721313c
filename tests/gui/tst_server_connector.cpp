// ServerConnector against real parts: the demo model server in-process
// (TF Serving-like, metrics at /monitoring/prometheus/metrics), a real
// Prometheus scraping it, a closed port, and a test HTTP server that answers
// HTML, broken text, a hang and metrics of no model server. The dialog on top
// of it is tst_connect_dialog.

#include "ServerConnector.h"

#include "DemoServerFixture.h"
#include "PrometheusProcess.h"
#include "TestHttpServer.h"
#include "demo/DemoServer.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace mw;
using namespace mw::view;
using mw::presets::ServerKind;
using mw::test::PrometheusProcess;
using mw::test::TestHttpServer;

namespace {

constexpr int kWaitMs = 15'000;
const QString kTfPath = QStringLiteral("/monitoring/prometheus/metrics");

quint16 closedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

/// One connectTo() to its finished() signal (bounded).
std::optional<ConnectResult> connectOnce(ServerConnector &connector, const QUrl &url, int timeoutMs = kWaitMs)
{
    QSignalSpy spy(&connector, &ServerConnector::finished);
    connector.connectTo(url);
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return std::nullopt;
    return spy.takeFirst().at(0).value<ConnectResult>();
}

QByteArray plain(const QByteArray &body)
{
    return TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", body);
}

const QByteArray kHtml = "<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body>Hello</body></html>\n";

} // namespace

class TestServerConnector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void metricsUrlIsScraped();
    void baseUrlFindsTheMetricsPath();
    void prometheusServer();
    void closedPortNamesTheRefusal_data();
    void closedPortNamesTheRefusal();
    void htmlIsNotMetrics_data();
    void htmlIsNotMetrics();
    void brokenTextNamesTheLine();
    void collectorsOnlyStillGiveADocument();
    void nothingUsableIsAnError();
    void prometheusWithoutModelServerShowsCollectors();
    void notAUrl();
    void hangIsBoundedByTheTimeout();
    void newConnectCancelsTheOld();

private:
    QUrl demoMetrics() const { return QUrl(m_demo->url().toString() + kTfPath); }

    std::unique_ptr<demo::DemoServer> m_demo;
    TestHttpServer m_http;
};

void TestServerConnector::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);

    QString error;
    m_demo = test::startDemoServer(&error, test::withLoad(20));
    QVERIFY2(m_demo, qPrintable(error));

    QVERIFY(m_http.listen());
    const QByteArray html = TestHttpServer::response(200, "OK", "text/html; charset=utf-8", kHtml);
    // A web app that answers every path with its page, API paths included.
    for (const QByteArray &path : {QByteArray("/"), QByteArray("/api/v1/label/__name__/values"),
                                   QByteArray("/metrics"), QByteArray("/monitoring/prometheus/metrics")})
        m_http.respond(path, html);
    m_http.respond("/page/metrics", TestHttpServer::response(200, "OK", "text/plain", kHtml)); // HTML sent as text
    m_http.respond("/bad/metrics", plain("# HELP a A counter.\n# TYPE a counter\na{ 1\n"));
    m_http.respond("/collectors/metrics", plain("# TYPE process_cpu_seconds_total counter\n"
                                                "process_cpu_seconds_total 1.5\n"
                                                "# TYPE process_resident_memory_bytes gauge\n"
                                                "process_resident_memory_bytes 1e6\n"
                                                "# TYPE go_goroutines gauge\n"
                                                "go_goroutines 12\n"
                                                "# TYPE go_memstats_alloc_bytes gauge\n"
                                                "go_memstats_alloc_bytes 2e6\n"));
    m_http.respond("/unknown/metrics", plain("# TYPE shop_orders_total counter\nshop_orders_total 3\n"));
    m_http.hang("/hang/metrics");
}

void TestServerConnector::metricsUrlIsScraped()
{
    ServerConnector connector;
    QSignalSpy progress(&connector, &ServerConnector::progress);
    const auto r = connectOnce(connector, demoMetrics());
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->error));
    QCOMPARE(r->detection.kind, ServerKind::TensorFlowServing);
    QVERIFY(r->detection.confidence > 0.5);
    QVERIFY(!r->detection.evidence.empty());
    QCOMPARE(r->sourceKind, dashboard::SourceKind::Scrape);
    QCOMPARE(r->endpoint, demoMetrics());
    QVERIFY2(r->summary.startsWith(u"Found TensorFlow Serving (confidence "), qPrintable(r->summary));
    QVERIFY2(r->summary.contains(demoMetrics().toString()), qPrintable(r->summary));
    QVERIFY2(r->details.contains(u"Evidence: 8 TensorFlow Serving metric families (:tensorflow:"),
             qPrintable(r->details));
    QVERIFY(!progress.isEmpty());

    const dashboard::Document &d = r->document;
    QCOMPARE(d.server, ServerKind::TensorFlowServing);
    QCOMPARE(QString::fromStdString(d.title),
             QStringLiteral("TensorFlow Serving at 127.0.0.1:%1").arg(m_demo->port()));
    QCOMPARE(d.time.from, std::string("now-30m"));
    QCOMPARE(d.time.to, std::string("now"));
    QCOMPARE(d.refresh, dashboard::Refresh::TenSeconds);
    QCOMPARE(d.sources.size(), std::size_t(1));
    const dashboard::Source &s = d.sources.front();
    QCOMPARE(s.kind, dashboard::SourceKind::Scrape);
    QCOMPARE(s.name, std::string("127.0.0.1"));
    QCOMPARE(s.targets, std::vector<std::string>{demoMetrics().toString().toStdString()});
    QCOMPARE(s.scrapeIntervalMs, int64_t(5000));
    QCOMPARE(s.server, ServerKind::TensorFlowServing);
    QVERIFY(d.panels.size() >= 3);
    for (const dashboard::Panel &p : d.panels) {
        QVERIFY(!p.queries.empty());
        QVERIFY(d.sourceOf(p) == &s);
    }
}

void TestServerConnector::baseUrlFindsTheMetricsPath()
{
    // Not a Prometheus API (404), no /metrics (404): found at TF Serving's path.
    ServerConnector connector;
    const auto r = connectOnce(connector, m_demo->url());
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->error));
    QCOMPARE(r->url, m_demo->url());
    QCOMPARE(r->detection.kind, ServerKind::TensorFlowServing);
    QCOMPARE(r->sourceKind, dashboard::SourceKind::Scrape);
    QCOMPARE(r->endpoint, demoMetrics());
    QCOMPARE(r->document.sources.front().targets.front(), demoMetrics().toString().toStdString());
}

void TestServerConnector::prometheusServer()
{
    if (PrometheusProcess::binary().isEmpty())
        QSKIP("prometheus is not installed (Debian package 'prometheus'; scripts/deps.sh installs it)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
    QVERIFY(PrometheusProcess::writeScrapeConfig(config, QStringLiteral("127.0.0.1:%1").arg(m_demo->port()), kTfPath));
    PrometheusProcess prometheus;
    QVERIFY2(prometheus.start(dir.filePath(QStringLiteral("data")), config, {}), qPrintable(prometheus.error()));
    // The names are there once Prometheus has scraped the demo once.
    const bool scraped = QTest::qWaitFor(
        [&] {
            int status = 0;
            return prometheus.get(QStringLiteral("/api/v1/label/__name__/values"), status, std::chrono::seconds(2))
                .contains(":tensorflow:serving:request_count");
        },
        60'000);
    QVERIFY2(scraped, "Prometheus did not store the demo's metrics within 60 s");

    ServerConnector connector;
    const auto r = connectOnce(connector, prometheus.baseUrl());
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->error));
    QCOMPARE(r->detection.kind, ServerKind::TensorFlowServing);
    QCOMPARE(r->sourceKind, dashboard::SourceKind::Prometheus);
    QVERIFY2(r->summary.contains(u"in the Prometheus server at"), qPrintable(r->summary));
    const dashboard::Document &d = r->document;
    QCOMPARE(d.server, ServerKind::TensorFlowServing);
    QCOMPARE(d.sources.size(), std::size_t(1));
    QCOMPARE(d.sources.front().kind, dashboard::SourceKind::Prometheus);
    QCOMPARE(d.sources.front().url, prometheus.baseUrl().toString().toStdString());
    QVERIFY(d.sources.front().targets.empty());
    QVERIFY(!d.panels.empty());
}

void TestServerConnector::closedPortNamesTheRefusal_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("metrics endpoint") << QStringLiteral("/metrics");
    QTest::newRow("base URL") << QString();
}

void TestServerConnector::closedPortNamesTheRefusal()
{
    QFETCH(QString, path);
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    ServerConnector connector;
    const auto r = connectOnce(connector, QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    QVERIFY(r);
    QVERIFY(!r->ok());
    QVERIFY2(r->error.startsWith(QStringLiteral("connection refused by 127.0.0.1:%1").arg(port)),
             qPrintable(r->error));
}

void TestServerConnector::htmlIsNotMetrics_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("metrics endpoint") << QStringLiteral("/metrics")
                                      << QStringLiteral("the reply is not Prometheus text but an HTML page");
    QTest::newRow("HTML sent as text/plain") << QStringLiteral("/page/metrics")
                                             << QStringLiteral("the reply is not Prometheus text but an HTML page");
    QTest::newRow("base URL") << QString()
                              << QStringLiteral("is not a Prometheus server and serves no metrics where model "
                                                "servers do: as a Prometheus API: no Prometheus API (expected a "
                                                "JSON response but got Content-Type \"text/html\")");
}

void TestServerConnector::htmlIsNotMetrics()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    ServerConnector connector;
    const auto r = connectOnce(connector, m_http.url(path));
    QVERIFY(r);
    QVERIFY(!r->ok());
    QVERIFY2(r->error.contains(expected), qPrintable(r->error));
    if (path.isEmpty()) // every place tried is named with what it said
        QVERIFY2(r->error.contains(u"/metrics: the reply is not Prometheus text but an HTML page"),
                 qPrintable(r->error));
}

void TestServerConnector::brokenTextNamesTheLine()
{
    ServerConnector connector;
    const auto r = connectOnce(connector, m_http.url(QStringLiteral("/bad/metrics")));
    QVERIFY(r);
    QVERIFY(!r->ok());
    QVERIFY2(r->error.startsWith(u"the reply is not Prometheus text: line 3: "), qPrintable(r->error));
}

void TestServerConnector::collectorsOnlyStillGiveADocument()
{
    ServerConnector connector;
    const auto r = connectOnce(connector, m_http.url(QStringLiteral("/collectors/metrics")));
    QVERIFY(r);
    QVERIFY2(r->ok(), qPrintable(r->error));
    QCOMPARE(r->detection.kind, ServerKind::Unknown);
    QVERIFY2(r->summary.contains(u"none of them look like a model server: showing process and Go panels"),
             qPrintable(r->summary));
    QVERIFY(!r->document.panels.empty());
    QCOMPARE(r->document.sources.front().kind, dashboard::SourceKind::Scrape);
}

void TestServerConnector::nothingUsableIsAnError()
{
    ServerConnector connector;
    const auto r = connectOnce(connector, m_http.url(QStringLiteral("/unknown/metrics")));
    QVERIFY(r);
    QVERIFY(!r->ok());
    QVERIFY2(r->error.contains(u"none of them look like a model server or a known collector"), qPrintable(r->error));
}

void TestServerConnector::prometheusWithoutModelServerShowsCollectors()
{
    // The name list of a Prometheus that scrapes only itself.
    const std::vector<std::string> names{"go_goroutines", "go_memstats_alloc_bytes", "process_cpu_seconds_total",
                                         "process_resident_memory_bytes", "prometheus_build_info", "up"};
    const QUrl base(QStringLiteral("http://prom.example:9090"));
    const ConnectResult r = ConnectFindings::fromPrometheus(base, base, names);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.summary, QStringLiteral("A Prometheus server at prom.example:9090, but none of its metrics look like a "
                                       "model server: showing process and Go panels."));
    QCOMPARE(QString::fromStdString(r.document.title), QStringLiteral("Prometheus at prom.example:9090"));
    QCOMPARE(r.document.sources.front().name, std::string("prom.example"));
    QVERIFY(!r.document.panels.empty());

    const ConnectResult none = ConnectFindings::fromPrometheus(base, base, {"shop_orders_total", "up"});
    QVERIFY(!none.ok());
    QVERIFY2(none.error.startsWith(u"a Prometheus server at prom.example:9090, but none of its 2 metrics"),
             qPrintable(none.error));
}

void TestServerConnector::notAUrl()
{
    ServerConnector connector;
    const auto r = connectOnce(connector, QUrl(QStringLiteral("ftp://example.org/metrics")));
    QVERIFY(r);
    QVERIFY2(r->error.contains(u"is not an http:// or https:// URL"), qPrintable(r->error));
}

void TestServerConnector::hangIsBoundedByTheTimeout()
{
    ServerConnector connector;
    connector.setTimeout(std::chrono::milliseconds(1500));
    QElapsedTimer clock;
    clock.start();
    const auto r = connectOnce(connector, m_http.url(QStringLiteral("/hang/metrics")), 5'000);
    QVERIFY(r);
    QVERIFY(!r->ok());
    QVERIFY2(r->error.contains(u"timed out") || r->error.contains(u"no answer"), qPrintable(r->error));
    QVERIFY2(clock.elapsed() < 4'000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!connector.isBusy());
}

void TestServerConnector::newConnectCancelsTheOld()
{
    ServerConnector connector;
    QSignalSpy spy(&connector, &ServerConnector::finished);
    connector.connectTo(m_http.url(QStringLiteral("/hang/metrics")));
    connector.connectTo(demoMetrics());
    QVERIFY(spy.wait(kWaitMs));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<ConnectResult>().url, demoMetrics());
    QVERIFY(spy.at(0).at(0).value<ConnectResult>().ok());
    QTest::qWait(200); // nothing else arrives for the dropped search
    QCOMPARE(spy.size(), 1);

    connector.connectTo(demoMetrics());
    connector.cancel();
    QTest::qWait(300);
    QCOMPARE(spy.size(), 1);
}

QTEST_MAIN(TestServerConnector)
#include "tst_server_connector.moc"
