// Integration tests of mw::ScrapeFetcher against a local misbehaving HTTP
// server on 127.0.0.1. No test contacts any other address (the host-not-found
// case asks the resolver about a name under the reserved .invalid TLD).

#include "TestHttpServer.h"

#include "scrape/ScrapeFetcher.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <chrono>
#include <optional>

using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;
using mw::ScrapeError;
using mw::ScrapeFetcher;
using mw::ScrapeOptions;
using mw::ScrapeResult;
using mw::test::TestHttpServer;

Q_DECLARE_METATYPE(mw::ScrapeError)
Q_DECLARE_METATYPE(mw::expo::Format)

namespace {

const QByteArray kPromText = "# HELP requests_total Requests.\n"
                             "# TYPE requests_total counter\n"
                             "requests_total{code=\"200\"} 1027\n";
const QByteArray kOpenMetrics = "# TYPE requests counter\n"
                                "requests_total{code=\"200\"} 1027\n"
                                "# EOF\n";

constexpr int kWaitMs = 10'000; // generous bound for a loopback exchange

} // namespace

class TestScrapeFetch : public QObject
{
    Q_OBJECT

private:
    TestHttpServer *m_server = nullptr;

    /// Runs one asynchronous scrape and waits (bounded) for its signal.
    std::optional<ScrapeResult> scrape(const QUrl &url, const ScrapeOptions &options = {})
    {
        ScrapeFetcher fetcher;
        QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
        const quint64 id = fetcher.fetch(url, options);
        if (!spy.wait(kWaitMs) || spy.size() != 1)
            return std::nullopt;
        if (spy.at(0).at(0).value<quint64>() != id)
            return std::nullopt;
        return spy.at(0).at(1).value<ScrapeResult>();
    }

private Q_SLOTS:
    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void sendsPrometheus3Headers()
    {
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kPromText));
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")));
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage));
        QCOMPARE(m_server->requests().size(), 1);
        const TestHttpServer::Request &req = m_server->requests().at(0);
        QCOMPARE(req.method, QByteArray("GET"));
        QCOMPARE(req.path, QByteArray("/metrics"));
        QCOMPARE(req.header("Accept"),
                 QByteArray("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                            "application/openmetrics-text;version=0.0.1;q=0.5,"
                            "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                            "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"));
        QCOMPARE(req.header("Accept-Encoding"), QByteArray("gzip"));
        QCOMPARE(req.header("X-Prometheus-Scrape-Timeout-Seconds"), QByteArray("10"));
        QCOMPARE(req.header("User-Agent"), ScrapeFetcher::defaultUserAgent());
        QVERIFY2(req.header("User-Agent").startsWith("ModelWatch/") && req.header("User-Agent").size() > 11,
                 req.header("User-Agent").constData());
    }

    void scrapeTimeoutHeader_data()
    {
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("2.5 s") << 2500 << QByteArray("2.5");
        QTest::newRow("300 ms") << 300 << QByteArray("0.3");
        QTest::newRow("15 s") << 15000 << QByteArray("15");
    }
    void scrapeTimeoutHeader()
    {
        QFETCH(int, timeoutMs);
        QFETCH(QByteArray, expected);
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain", kPromText));
        ScrapeOptions o;
        o.timeout = std::chrono::milliseconds(timeoutMs);
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage));
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().at(0).header("X-Prometheus-Scrape-Timeout-Seconds"), expected);
    }

    void successfulBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("gzipped");
        QTest::addColumn<mw::expo::Format>("format");
        QTest::newRow("text 0.0.4") << QByteArray("text/plain; version=0.0.4; charset=utf-8") << kPromText << false
                                    << mw::expo::Format::PrometheusText;
        QTest::newRow("bare text/plain (TF Serving)")
            << QByteArray("text/plain") << kPromText << false << mw::expo::Format::PrometheusText;
        QTest::newRow("text 1.0.0") << QByteArray("text/plain; version=1.0.0; charset=utf-8; escaping=allow-utf-8")
                                    << kPromText << false << mw::expo::Format::PrometheusText;
        QTest::newRow("openmetrics") << QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8")
                                     << kOpenMetrics << false << mw::expo::Format::OpenMetrics;
        QTest::newRow("gzip text") << QByteArray("text/plain; version=0.0.4") << kPromText << true
                                   << mw::expo::Format::PrometheusText;
        QTest::newRow("gzip openmetrics") << QByteArray("application/openmetrics-text; version=1.0.0")
                                          << kOpenMetrics << true << mw::expo::Format::OpenMetrics;
    }
    void successfulBodies()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(bool, gzipped);
        QFETCH(mw::expo::Format, format);
        const QByteArray wire = gzipped ? TestHttpServer::gzip(body) : body;
        QVERIFY(!wire.isEmpty());
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", contentType, wire,
                                                               gzipped ? "Content-Encoding: gzip\r\n" : ""));
        const QUrl url = m_server->url(QStringLiteral("/metrics"));
        const auto r = scrape(url);
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage));
        QCOMPARE(r->error, ScrapeError::None);
        QVERIFY(r->errorMessage.isEmpty());
        QCOMPARE(r->httpStatus, 200);
        QCOMPARE(r->url, url);
        QCOMPARE(r->finalUrl, url);
        QCOMPARE(r->contentType, contentType);
        QCOMPARE(r->contentEncoding, gzipped ? QByteArray("gzip") : QByteArray());
        // Inflated by our gunzip, not by Qt: the wire count is the compressed size.
        QCOMPARE(r->wireBytes, wire.size());
        QCOMPARE(r->body, body);
        QVERIFY(r->format.has_value());
        QCOMPARE(*r->format, format);
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<ScrapeError>("kind");
        QTest::addColumn<QStringList>("mentions");

        const qint64 big = qint64{64} << 20;
        QTest::newRow("blank content type")
            << TestHttpServer::response(200, "OK", "", kPromText) << big << ScrapeError::UnsupportedContentType
            << QStringList{u"blank Content-Type"_s, u"text/plain"_s, u"application/openmetrics-text"_s};
        QTest::newRow("text/html") << TestHttpServer::response(200, "OK", "text/html; charset=utf-8", "<html/>")
                                   << big << ScrapeError::UnsupportedContentType
                                   << QStringList{u"unsupported Content-Type \"text/html; charset=utf-8\""_s,
                                                  u"text/plain"_s, u"application/openmetrics-text"_s};
        QTest::newRow("protobuf") << TestHttpServer::response(200, "OK", "application/vnd.google.protobuf", "\x01")
                                  << big << ScrapeError::UnsupportedContentType
                                  << QStringList{u"application/vnd.google.protobuf"_s};
        QTest::newRow("404") << TestHttpServer::response(404, "Not Found", "text/plain", "404 page not found\n")
                             << big << ScrapeError::HttpStatus
                             << QStringList{u"HTTP 404 Not Found: 404 page not found"_s};
        QTest::newRow("401") << TestHttpServer::response(401, "Unauthorized", "text/plain", "Unauthorized\n",
                                                         "WWW-Authenticate: Basic realm=\"metrics\"\r\n")
                             << big << ScrapeError::Authentication
                             << QStringList{u"HTTP 401 Unauthorized"_s, u"authentication"_s};
        QTest::newRow("403") << TestHttpServer::response(403, "Forbidden", "text/plain", "go away\n") << big
                             << ScrapeError::Authentication
                             << QStringList{u"HTTP 403 Forbidden"_s, u"authentication"_s, u"go away"_s};
        QTest::newRow("503 with body")
            << TestHttpServer::response(503, "Service Unavailable", "text/plain; charset=utf-8",
                                        "model server overloaded,\nretry later\n")
            << big << ScrapeError::HttpStatus
            << QStringList{u"HTTP 503 Service Unavailable: model server overloaded, retry later"_s};
        QTest::newRow("503 binary body not quoted")
            << TestHttpServer::response(503, "Service Unavailable", "application/octet-stream",
                                        QByteArray("\x00\x01\x02secret", 9))
            << big << ScrapeError::HttpStatus << QStringList{u"HTTP 503 Service Unavailable"_s};
        QTest::newRow("500 gzip body") << TestHttpServer::response(500, "Internal Server Error", "text/plain",
                                                                   TestHttpServer::gzip("out of memory\n"),
                                                                   "Content-Encoding: gzip\r\n")
                                       << big << ScrapeError::HttpStatus
                                       << QStringList{u"HTTP 500 Internal Server Error: out of memory"_s};
        QTest::newRow("content-length over cap")
            << TestHttpServer::response(200, "OK", "text/plain", QByteArray(5000, '#')) << qint64{4096}
            << ScrapeError::BodyTooLarge
            << QStringList{u"body too large"_s, u"5000"_s, u"limit of 4096 bytes"_s};
        QTest::newRow("truncated")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n"
                          "Connection: close\r\n\r\nmetric_a 1\n")
            << big << ScrapeError::TruncatedBody << QStringList{u"truncated"_s, u"11 bytes"_s, u"1000"_s};
        QTest::newRow("not gzip") << TestHttpServer::response(200, "OK", "text/plain", kPromText,
                                                              "Content-Encoding: gzip\r\n")
                                  << big << ScrapeError::BadGzip << QStringList{u"bad gzip body"_s};
        QTest::newRow("gzip cut short")
            << TestHttpServer::response(200, "OK", "text/plain", TestHttpServer::gzip(kPromText).left(20),
                                        "Content-Encoding: gzip\r\n")
            << big << ScrapeError::BadGzip << QStringList{u"bad gzip body"_s};
        QTest::newRow("gzip bomb") << TestHttpServer::response(200, "OK", "text/plain",
                                                               TestHttpServer::gzip(QByteArray(16 << 20, '0')),
                                                               "Content-Encoding: gzip\r\n")
                                   << (qint64{1} << 20) << ScrapeError::BadGzip
                                   << QStringList{u"bad gzip body"_s, u"more than 1048576 bytes"_s};
        QTest::newRow("brotli") << TestHttpServer::response(200, "OK", "text/plain", "x", "Content-Encoding: br\r\n")
                                << big << ScrapeError::UnsupportedContentType
                                << QStringList{u"Content-Encoding \"br\""_s};
    }
    void failures()
    {
        QFETCH(QByteArray, raw);
        QFETCH(qint64, maxBytes);
        QFETCH(ScrapeError, kind);
        QFETCH(QStringList, mentions);
        m_server->respond("/metrics", raw);
        ScrapeOptions o;
        o.maxBodyBytes = maxBytes;
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QVERIFY(!r->ok());
        QVERIFY2(r->error == kind, qPrintable(u"got "_s + QLatin1StringView(mw::scrapeErrorName(r->error)) + u": "
                                              + r->errorMessage));
        for (const QString &m : mentions)
            QVERIFY2(r->errorMessage.contains(m), qPrintable(r->errorMessage + u" lacks: "_s + m));
        QVERIFY2(!r->errorMessage.contains(u"secret"), qPrintable(r->errorMessage)); // binary bodies are not quoted
        QVERIFY(r->body.isEmpty());
        QVERIFY(!r->format);
    }

    void httpErrorBodyIsShortened()
    {
        m_server->respond("/metrics", TestHttpServer::response(503, "Service Unavailable", "text/plain",
                                                               QByteArray(100'000, 'e')));
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")));
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::HttpStatus);
        QVERIFY(r->errorMessage.startsWith(u"HTTP 503 Service Unavailable: eeee"));
        QVERIFY2(r->errorMessage.size() < 300, qPrintable(QString::number(r->errorMessage.size())));
    }

    void streamedBodyOverCapIsAbortedEarly()
    {
        // No Content-Length: the cap must be enforced while downloading.
        const qint64 total = qint64{32} << 20;
        m_server->stream("/metrics", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
                         total);
        ScrapeOptions o;
        o.maxBodyBytes = 64 * 1024;
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::BodyTooLarge);
        QVERIFY2(r->errorMessage.contains(u"limit of 65536 bytes"), qPrintable(r->errorMessage));
        QVERIFY(r->body.isEmpty());
        // The client hung up: the server sees the disconnect long before the end.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->abandonedStreams(), 1, kWaitMs);
        QVERIFY2(m_server->streamedBytes() < total, qPrintable(QString::number(m_server->streamedBytes())));
    }

    void bigErrorPageIsNotDownloaded()
    {
        // A 503 whose page is far above the cap: reported as the HTTP error it
        // is, from the page's first bytes, without reading the rest.
        const qint64 total = qint64{32} << 20;
        m_server->stream("/metrics", "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                     "Content-Length: " + QByteArray::number(total) + "\r\n\r\n",
                         total);
        ScrapeOptions o;
        o.maxBodyBytes = 64 * 1024;
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::HttpStatus);
        QVERIFY2(r->errorMessage.startsWith(u"HTTP 503 Service Unavailable: xxxx"), qPrintable(r->errorMessage));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->abandonedStreams(), 1, kWaitMs);
        QVERIFY(m_server->streamedBytes() < total);
    }

    void streamedBodyUnderCapArrivesWhole()
    {
        const qint64 total = 3 * 1024 * 1024 + 17;
        m_server->stream("/metrics", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
                         total);
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")));
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage));
        QCOMPARE(r->body.size(), total);
        QCOMPARE(r->body.count('x'), total);
    }

    void timeout()
    {
        m_server->hang("/metrics");
        ScrapeOptions o;
        o.timeout = 300ms;
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::Timeout);
        QVERIFY2(r->errorMessage.contains(u"timed out after 300 ms"), qPrintable(r->errorMessage));
        QVERIFY(r->duration >= 290ms);
        QVERIFY2(r->duration < 5s, qPrintable(QString::number(r->duration.count())));
        QCOMPARE(m_server->requests().size(), 1); // it did reach the server
    }

    void timeoutWhileReadingBody()
    {
        // Headers and part of the body, then silence: the timeout covers the whole request.
        m_server->hang("/metrics", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                                   "metric_a 1\n");
        ScrapeOptions o;
        o.timeout = 300ms;
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")), o);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::Timeout);
        QVERIFY2(r->errorMessage.contains(u"timed out after 300 ms while reading the body (11 bytes received)"),
                 qPrintable(r->errorMessage));
        QCOMPARE(r->httpStatus, 200);
        QVERIFY(r->body.isEmpty());
    }

    void redirectIsFollowed()
    {
        m_server->respond("/old", TestHttpServer::response(302, "Found", "text/plain", "moved\n",
                                                           "Location: /metrics\r\n"));
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain", kPromText));
        const auto r = scrape(m_server->url(QStringLiteral("/old")));
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage));
        QCOMPARE(r->url, m_server->url(QStringLiteral("/old")));
        QCOMPARE(r->finalUrl, m_server->url(QStringLiteral("/metrics")));
        QCOMPARE(r->body, kPromText);
        QCOMPARE(m_server->requests().size(), 2);
        const TestHttpServer::Request &second = m_server->requests().at(1);
        QCOMPARE(second.path, QByteArray("/metrics"));
        QCOMPARE(second.header("Accept-Encoding"), QByteArray("gzip"));
        QCOMPARE(second.header("Accept"), ScrapeFetcher::acceptHeader());
        QCOMPARE(second.header("X-Prometheus-Scrape-Timeout-Seconds"), QByteArray("10"));
    }

    void redirectLoopIsBounded()
    {
        m_server->respond("/loop", TestHttpServer::response(301, "Moved Permanently", "text/plain", "",
                                                            "Location: /loop\r\n"));
        ScrapeOptions o;
        o.maxRedirects = 3;
        const auto r = scrape(m_server->url(QStringLiteral("/loop")), o);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::TooManyRedirects);
        QVERIFY2(r->errorMessage.contains(u"more than 3"), qPrintable(r->errorMessage));
        // The first request and the redirects Qt follows (Qt 6.4 makes one more
        // request than the limit before it gives up): bounded either way.
        QVERIFY2(m_server->requests().size() >= 4 && m_server->requests().size() <= 5,
                 qPrintable(QString::number(m_server->requests().size())));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QUrl url(QStringLiteral("http://127.0.0.1/metrics"));
        url.setPort(port);
        const auto r = scrape(url);
        QVERIFY(r);
        QCOMPARE(r->error, ScrapeError::ConnectionRefused);
        QVERIFY2(r->errorMessage.contains(u"connection refused by 127.0.0.1:" + QString::number(port)),
                 qPrintable(r->errorMessage));
        QCOMPARE(r->httpStatus, 0);
    }

    void hostNotFound()
    {
        const auto r = scrape(QUrl(QStringLiteral("http://modelwatch-test.invalid/metrics")));
        QVERIFY(r);
        QVERIFY2(r->error == ScrapeError::HostNotFound, qPrintable(r->errorMessage));
        QVERIFY2(r->errorMessage.contains(u"host not found: \"modelwatch-test.invalid\""), qPrintable(r->errorMessage));
    }

    void closedBeforeResponse()
    {
        m_server->respond("/metrics", QByteArray()); // accept, read, close without a byte
        const auto r = scrape(m_server->url(QStringLiteral("/metrics")));
        QVERIFY(r);
        QVERIFY2(r->error == ScrapeError::Network, qPrintable(r->errorMessage));
        QVERIFY2(r->errorMessage.contains(u"closed"), qPrintable(r->errorMessage));
    }

    void tlsError()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt has no TLS backend on this machine");
        // Plain HTTP behind an https:// URL: a server that answers in clear
        // text as soon as the client connects, so the handshake cannot succeed.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
        connect(&plain, &QTcpServer::newConnection, &plain, [&plain] {
            while (QTcpSocket *s = plain.nextPendingConnection()) {
                s->write(TestHttpServer::response(200, "OK", "text/plain", kPromText));
                s->disconnectFromHost();
            }
        });
        QUrl url(QStringLiteral("https://127.0.0.1/metrics"));
        url.setPort(plain.serverPort());
        const auto r = scrape(url);
        QVERIFY(r);
        QVERIFY2(r->error == ScrapeError::Tls, qPrintable(u"got "_s + QLatin1StringView(mw::scrapeErrorName(r->error))
                                                          + u": " + r->errorMessage));
        QVERIFY2(r->errorMessage.startsWith(u"TLS/SSL error with 127.0.0.1:"), qPrintable(r->errorMessage));
        QVERIFY2(r->errorMessage.size() > 40, qPrintable(r->errorMessage)); // Qt's own text follows
    }

    void invalidUrl_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::newRow("ftp") << QUrl(QStringLiteral("ftp://127.0.0.1/metrics"));
        QTest::newRow("relative") << QUrl(QStringLiteral("/metrics"));
        QTest::newRow("no host") << QUrl(QStringLiteral("http:///metrics"));
    }
    void invalidUrl()
    {
        QFETCH(QUrl, url);
        ScrapeFetcher fetcher;
        QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
        fetcher.fetch(url);
        QCOMPARE(spy.size(), 0); // never from inside fetch()
        QVERIFY(spy.wait(kWaitMs));
        const auto r = spy.at(0).at(1).value<ScrapeResult>();
        QCOMPARE(r.error, ScrapeError::InvalidUrl);
        QVERIFY(r.errorMessage.startsWith(u"invalid URL"));
        QVERIFY(m_server->requests().isEmpty());
    }

    void concurrentScrapesKeepTheirIds()
    {
        m_server->respond("/a", TestHttpServer::response(200, "OK", "text/plain", "a 1\n"));
        m_server->respond("/b", TestHttpServer::response(503, "Service Unavailable", "text/plain", "b down\n"));
        ScrapeFetcher fetcher;
        QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
        const quint64 a = fetcher.fetch(m_server->url(QStringLiteral("/a")));
        const quint64 b = fetcher.fetch(m_server->url(QStringLiteral("/b")));
        QVERIFY(a != b);
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, kWaitMs);
        for (const QList<QVariant> &args : std::as_const(spy)) {
            const auto r = args.at(1).value<ScrapeResult>();
            if (args.at(0).value<quint64>() == a) {
                QVERIFY(r.ok());
                QCOMPARE(r.body, QByteArray("a 1\n"));
            } else {
                QCOMPARE(args.at(0).value<quint64>(), b);
                QCOMPARE(r.error, ScrapeError::HttpStatus);
                QVERIFY(r.errorMessage.contains(u"b down"));
            }
        }
    }

    void abortAllReportsEveryScrape()
    {
        m_server->hang("/metrics");
        ScrapeFetcher fetcher;
        QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
        QSignalSpy arrived(m_server, &TestHttpServer::requestReceived);
        fetcher.fetch(m_server->url(QStringLiteral("/metrics")));
        QVERIFY(arrived.wait(kWaitMs));
        fetcher.abortAll();
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(1).value<ScrapeResult>().error, ScrapeError::Network);
    }

    void blockingFetch()
    {
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain", kPromText));
        const ScrapeResult r = ScrapeFetcher::fetchBlocking(m_server->url(QStringLiteral("/metrics")));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(r.body, kPromText);
        const ScrapeResult bad = ScrapeFetcher::fetchBlocking(QUrl(QStringLiteral("gopher://127.0.0.1/")));
        QCOMPARE(bad.error, ScrapeError::InvalidUrl);
    }
};

QTEST_GUILESS_MAIN(TestScrapeFetch)
#include "tst_scrape_fetch.moc"
