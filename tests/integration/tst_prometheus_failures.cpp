// PrometheusClient failure kinds, retries with backoff, cancellation,
// supersession and the response size cap, against PromTestServer on 127.0.0.1.
// The pure policy behind them is in tst_prometheus_policy.cpp.
#include "PromTestServer.h"
#include "prometheus/PrometheusClient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace mw;
using mw::test::js;
using mw::test::PromTestServer;

namespace {
constexpr int kWaitMs = 10'000;
const QByteArray kOkVector = js("{'status':'success','data':{'resultType':'vector','result':[]}}");
} // namespace

class TestPrometheusFailures : public QObject
{
    Q_OBJECT
    PromTestServer *m_server = nullptr;
    PrometheusClient *m_client = nullptr;
    QHash<quint64, QList<PromResponse>> m_results;

#define AWAIT(id, r)                                                                                          \
    QTRY_VERIFY_WITH_TIMEOUT(m_results.contains(id), kWaitMs);                                                \
    QCOMPARE(m_results.value(id).size(), 1);                                                                  \
    const PromResponse r = m_results.value(id).first()

    void useBaseUrl(const QUrl &url)
    {
        PrometheusConnection c;
        c.baseUrl = url;
        m_client->setConnection(c);
    }

private Q_SLOTS:
    void init()
    {
        m_server = new PromTestServer(this);
        QVERIFY(m_server->listen());
        m_client = new PrometheusClient(this);
        useBaseUrl(m_server->url());
        PromRetryPolicy policy;
        policy.maxRetries = 0;
        policy.baseDelay = std::chrono::milliseconds(10);
        policy.random = [] { return 1.0; }; // the full backoff: deterministic
        m_client->setRetryPolicy(policy);
        connect(m_client, &PrometheusClient::finished, this,
                [this](quint64 id, const PromResponse &r) { m_results[id].append(r); });
    }
    void cleanup()
    {
        delete m_client;
        delete m_server;
        m_results.clear();
    }

    void httpFailures_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("requests");
        auto row = [](const char *name, const QByteArray &raw, PromErrorKind kind, const char *message, int requests = 1) {
            QTest::newRow(name) << raw << static_cast<int>(kind) << QString::fromUtf8(message) << requests;
        };
        row("401", PromTestServer::response(401, "Unauthorized", "text/plain", "Unauthorized\n", "WWW-Authenticate: Basic\r\n"),
            PromErrorKind::Authentication, "HTTP 401 Unauthorized (authentication failed");
        row("403", PromTestServer::response(403, "Forbidden", "text/plain", "no org id\n"), PromErrorKind::Authentication,
            "HTTP 403 Forbidden (authentication: access is forbidden for these credentials): no org id");
        row("404 plain", PromTestServer::response(404, "Not Found", "text/plain", "404 page not found\n"),
            PromErrorKind::NotFound, "is not a Prometheus HTTP API (check the base URL");
        row("500 plain", PromTestServer::response(500, "Internal Server Error", "text/plain", "boom\n"),
            PromErrorKind::ServerError, "HTTP 500 Internal Server Error from 127.0.0.1:");
        row("418", PromTestServer::response(418, "I'm a teapot", "text/plain", "short and stout"),
            PromErrorKind::HttpStatus, "HTTP 418 I'm a teapot from");
        row("bad_data envelope",
            PromTestServer::json(js("{'status':'error','errorType':'bad_data','error':'1:8: parse error: unexpected \\\")\\\" in aggregation'}"),
                                 400, "Bad Request"),
            PromErrorKind::Api, "bad_data: 1:8: parse error: unexpected \")\" in aggregation");
        row("execution envelope",
            PromTestServer::json(js("{'status':'error','errorType':'execution','error':'query processing would load too many samples into memory'}"),
                                 422, "Unprocessable Entity"),
            PromErrorKind::Api, "execution: query processing would load too many samples into memory");
        row("error envelope with 200", PromTestServer::json(js("{'status':'error','errorType':'internal','error':'x'}")),
            PromErrorKind::Api, "internal: x");
        row("html login page", PromTestServer::response(200, "OK", "text/html; charset=utf-8", "<html><title>Sign in</title></html>"),
            PromErrorKind::ContentType, "expected a JSON response but got Content-Type \"text/html\" (a login page");
        row("not json", PromTestServer::json("<html>oops</html>"), PromErrorKind::NotJson, "response is not valid JSON: ");
        row("truncated json", PromTestServer::json(js("{'status':'success','data':{'resultType':'vector'")),
            PromErrorKind::NotJson, "unexpected end of input");
        row("truncated body",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"status\":",
            PromErrorKind::TruncatedBody, "connection closed after 10 body bytes of the 1000 announced");
        // Qt's HTTP layer itself sends once more when a connection closes before any response byte.
        row("closed without a response", QByteArray(), PromErrorKind::Network, "before a complete HTTP response", 2);
        row("wrong shape", PromTestServer::json(js("{'status':'success','data':{'resultType':'vector','result':[{'metric':{},'value':[1,2]}]}}")),
            PromErrorKind::BadResponse, "data.result[0].value[1]: expected a string, got number");
    }
    void httpFailures()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, kind);
        QFETCH(QString, message);
        QFETCH(int, requests);
        m_server->respond("/api/v1/query", raw);
        const quint64 id = m_client->query(QStringLiteral("sum(up)"));
        AWAIT(id, r);
        QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
        QCOMPARE(promErrorKindName(r.error.kind), promErrorKindName(static_cast<PromErrorKind>(kind)));
        QCOMPARE(m_server->requestCount("/api/v1/query"), requests);
        QCOMPARE(r.attempts, 1); // the policy allows no retries here
    }

    void apiErrorKeepsErrorTypeAndStatus()
    {
        m_server->respond("/api/v1/query", PromTestServer::json(
            js("{'status':'error','errorType':'bad_data','error':'invalid parameter \\\"query\\\"','warnings':['w1']}"), 400, "Bad Request"));
        const quint64 id = m_client->query(QStringLiteral("("));
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Api);
        QCOMPARE(r.error.errorType, QStringLiteral("bad_data"));
        QCOMPARE(r.error.httpStatus, 400);
        QCOMPARE(r.warnings, QStringList{QStringLiteral("w1")});
    }

    void hostNotFound()
    {
        useBaseUrl(QUrl(QStringLiteral("http://modelwatch-test.invalid:9090")));
        const quint64 id = m_client->labels();
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::HostNotFound);
        QVERIFY2(r.error.message.contains(u"host not found: \"modelwatch-test.invalid\""), qPrintable(r.error.message));
    }

    void connectionRefusedIsRetriedWithBackoff()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        useBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        QSignalSpy retries(m_client, &PrometheusClient::retryScheduled);
        PromRequestOptions options;
        options.maxRetries = 3;
        const quint64 id = m_client->labels(options);
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::ConnectionRefused);
        QVERIFY2(r.error.message.contains(u"connection refused by 127.0.0.1:" + QString::number(port)), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 4);
        QCOMPARE(retries.size(), 3);
        // Full jitter with random() = 1: base * 2^(n-1).
        QCOMPARE(retries.at(0).at(2).toLongLong(), 10);
        QCOMPARE(retries.at(1).at(2).toLongLong(), 20);
        QCOMPARE(retries.at(2).at(2).toLongLong(), 40);
    }

    void serviceUnavailableThenOkSucceeds()
    {
        m_server->respond("/api/v1/query", PromTestServer::response(503, "Service Unavailable", "text/plain", "busy"));
        m_server->thenRespond("/api/v1/query", PromTestServer::json(kOkVector));
        PromRequestOptions options;
        options.maxRetries = 2;
        const quint64 id = m_client->query(QStringLiteral("up"), std::nullopt, options);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(m_server->requestCount("/api/v1/query"), 2);
    }

    void gatewayErrorsExhaustRetries()
    {
        m_server->respond("/api/v1/query", PromTestServer::response(502, "Bad Gateway", "text/html", "<html>bad gateway</html>"));
        PromRequestOptions options;
        options.maxRetries = 2;
        const quint64 id = m_client->query(QStringLiteral("up"), std::nullopt, options);
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::ServerError);
        QCOMPARE(r.error.httpStatus, 502);
        QCOMPARE(m_server->requestCount("/api/v1/query"), 3);
    }

    void clientErrorsAreNotRetried()
    {
        m_server->respond("/api/v1/query", PromTestServer::json(
            js("{'status':'error','errorType':'bad_data','error':'1:1: parse error'}"), 400, "Bad Request"));
        m_server->thenRespond("/api/v1/query", PromTestServer::json(kOkVector));
        PromRequestOptions options;
        options.maxRetries = 3;
        QSignalSpy retries(m_client, &PrometheusClient::retryScheduled);
        const quint64 id = m_client->query(QStringLiteral("("), std::nullopt, options);
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Api);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(retries.size(), 0);
        QCOMPARE(m_server->requestCount("/api/v1/query"), 1);
    }

    void timeoutIsPerAttemptAndRetried()
    {
        m_server->hang("/api/v1/query");
        PromRequestOptions options;
        options.timeout = std::chrono::milliseconds(150);
        options.maxRetries = 1;
        const quint64 id = m_client->query(QStringLiteral("up"), std::nullopt, options);
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Timeout);
        QVERIFY2(r.error.message.contains(u"timed out after 150 ms"), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount("/api/v1/query"), 2, kWaitMs);
    }

    void responseSizeCapStopsTheDownload()
    {
        m_client->setMaxResponseBytes(1 << 20);
        m_server->stream("/api/v1/query",
                         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", qint64{64} << 20);
        const quint64 id = m_client->query(QStringLiteral("up"));
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::BodyTooLarge);
        QVERIFY2(r.error.message.contains(u"more than the limit of 1048576 bytes"), qPrintable(r.error.message));
        QVERIFY2(m_server->streamedBytes() < (qint64{16} << 20), qPrintable(QString::number(m_server->streamedBytes())));
    }

    void announcedOversizeIsRefusedBeforeDownloading()
    {
        m_client->setMaxResponseBytes(1 << 20);
        m_server->respond("/api/v1/query", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 100000000\r\nConnection: close\r\n\r\n{}");
        const quint64 id = m_client->query(QStringLiteral("up"));
        AWAIT(id, r);
        QCOMPARE(promErrorKindName(r.error.kind), promErrorKindName(PromErrorKind::BodyTooLarge));
        QVERIFY2(r.error.message.contains(u"the server announced 100000000 bytes"), qPrintable(r.error.message));
    }

    void truncatedBodyIsRetriedAndThenSucceeds()
    {
        m_server->respond("/api/v1/query", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                           "Content-Length: 500\r\nConnection: close\r\n\r\n{\"status\"");
        m_server->thenRespond("/api/v1/query", PromTestServer::json(kOkVector));
        PromRequestOptions options;
        options.maxRetries = 1;
        QSignalSpy retries(m_client, &PrometheusClient::retryScheduled);
        const quint64 id = m_client->query(QStringLiteral("up"), std::nullopt, options);
        AWAIT(id, r);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(retries.size(), 1);
        QVERIFY2(retries.at(0).at(3).toString().startsWith(u"truncated response from 127.0.0.1:"),
                 qPrintable(retries.at(0).at(3).toString()));
    }

    void cancelAllEndsEveryRequest()
    {
        m_server->hang("/api/v1/query");
        m_server->hang("/api/v1/labels");
        const quint64 a = m_client->query(QStringLiteral("up"));
        const quint64 b = m_client->labels();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests().size(), 2, kWaitMs);
        QVERIFY(m_client->isPending(a) && m_client->isPending(b));
        m_client->cancelAll();
        AWAIT(a, ra);
        AWAIT(b, rb);
        QCOMPARE(ra.error.kind, PromErrorKind::Canceled);
        QCOMPARE(rb.error.kind, PromErrorKind::Canceled);
        QVERIFY(!m_client->isPending(a) && !m_client->isPending(b));
    }

    void tlsFilesThatDoNotLoadFailBeforeConnecting()
    {
        PrometheusConnection c;
        c.baseUrl = QUrl(u"https://127.0.0.1:" + QString::number(m_server->url().port()));
        c.caFile = QStringLiteral("/nonexistent/modelwatch/ca.pem");
        m_client->setConnection(c);
        const quint64 a = m_client->labels();
        AWAIT(a, ra);
        QCOMPARE(promErrorKindName(ra.error.kind), promErrorKindName(PromErrorKind::Configuration));
        QCOMPARE(ra.error.message, QStringLiteral("cannot read CA certificates (PEM) from \"/nonexistent/modelwatch/ca.pem\""));

        c.baseUrl = m_server->url(); // plain http with TLS files: a mistake worth saying
        m_client->setConnection(c);
        const quint64 b = m_client->labels();
        AWAIT(b, rb);
        QCOMPARE(promErrorKindName(rb.error.kind), promErrorKindName(PromErrorKind::InvalidRequest));
        QVERIFY2(rb.error.message.contains(u"TLS files are set but the base URL"), qPrintable(rb.error.message));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void cancelEndsWithOneCanceledSignal()
    {
        m_server->hang("/api/v1/query");
        const quint64 id = m_client->query(QStringLiteral("up"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount("/api/v1/query"), 1, kWaitMs);
        m_client->cancel(id);
        m_client->cancel(id); // a second cancel is a no-op
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Canceled);
        QTest::qWait(50); // nothing else may arrive for that id
        QCOMPARE(m_results.value(id).size(), 1);
    }

    void cancelDuringBackoff()
    {
        m_server->respond("/api/v1/query", PromTestServer::response(503, "Service Unavailable", "text/plain", "busy"));
        PromRetryPolicy slow = m_client->retryPolicy();
        slow.baseDelay = std::chrono::milliseconds(60'000);
        m_client->setRetryPolicy(slow);
        PromRequestOptions options;
        options.maxRetries = 5;
        QSignalSpy retries(m_client, &PrometheusClient::retryScheduled);
        const quint64 id = m_client->query(QStringLiteral("up"), std::nullopt, options);
        QTRY_COMPARE_WITH_TIMEOUT(retries.size(), 1, kWaitMs);
        m_client->cancel(id);
        AWAIT(id, r);
        QCOMPARE(r.error.kind, PromErrorKind::Canceled);
        QCOMPARE(m_server->requestCount("/api/v1/query"), 1);
    }

    void supersededRequestReportsCanceled()
    {
        m_server->hang("/api/v1/query");
        m_server->respond("/api/v1/query_range", PromTestServer::json(
            js("{'status':'success','data':{'resultType':'matrix','result':[]}}")));
        PromRequestOptions panel;
        panel.supersedeKey = QStringLiteral("panel-7");
        const quint64 first = m_client->query(QStringLiteral("up"), std::nullopt, panel);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount("/api/v1/query"), 1, kWaitMs);
        const quint64 second = m_client->queryRange(QStringLiteral("up"), 0, 60'000, 15'000, panel);
        const quint64 other = m_client->labels(); // no key: untouched
        m_server->respond("/api/v1/labels", PromTestServer::json(js("{'status':'success','data':[]}")));
        AWAIT(first, r1);
        QCOMPARE(r1.error.kind, PromErrorKind::Canceled);
        QVERIFY2(r1.error.message.contains(u"superseded"), qPrintable(r1.error.message));
        AWAIT(second, r2);
        QVERIFY2(r2.ok(), qPrintable(r2.error.message));
        AWAIT(other, r3);
        QVERIFY2(r3.ok(), qPrintable(r3.error.message));
    }

    void destroyingTheClientDropsRequestsQuietly()
    {
        m_server->hang("/api/v1/query");
        m_client->query(QStringLiteral("up"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount("/api/v1/query"), 1, kWaitMs);
        delete m_client;
        m_client = nullptr;
        QTest::qWait(20);
        QVERIFY(m_results.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPrometheusFailures)
#include "tst_prometheus_failures.moc"
