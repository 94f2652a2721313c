// Scraping targets that require credentials: a real HTTP server on 127.0.0.1
// (TestHttpServer) that refuses requests without the right bearer token,
// basic auth or API key with 401, and serves HTTPS with a throwaway CA and
// mutual TLS (TestCertificates). The scraper authenticates with the same code
// as the Prometheus client (HttpAuth, HttpCredentials): a right secret stores
// samples, a wrong one is a 401 in the target's report, and a secret that
// cannot be resolved is a specific error and no request at all.

#include "TestCertificates.h"
#include "TestHttpServer.h"

#include "scrape/ScrapeTarget.h"
#include "store/SeriesStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace mw;
using namespace Qt::Literals::StringLiterals;
using mw::test::TestHttpServer;

namespace {

constexpr int kWaitMs = 20'000;
const QByteArray kMetrics = "# TYPE requests_total counter\n"
                            "requests_total{code=\"200\"} 7\n";

const char *const kTokenVariable = "MW_TEST_SCRAPE_TOKEN";
const char *const kUnsetVariable = "MW_TEST_SCRAPE_UNSET";

QByteArray metricsResponse()
{
    return TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kMetrics);
}

HttpAuth bearer(const char *variable)
{
    HttpAuth auth;
    auth.bearerToken = SecretRef::env(QString::fromLatin1(variable));
    return auth;
}

std::vector<Point> pointsOf(const SeriesStore &store, const Labels &labels)
{
    std::vector<Point> out;
    if (const Series *s = store.find(labels))
        s->collect(INT64_MIN, INT64_MAX, out);
    return out;
}

/// One scrape of `url` by a ScrapeTarget with `auth` into `store`: its report.
std::optional<ScrapeReport> scrapeOnce(SeriesStore &store, const QUrl &url, const HttpAuth &auth)
{
    ScrapeTargetConfig config;
    config.url = url;
    config.job = QStringLiteral("auth");
    config.auth = auth;
    ScrapeTarget target(store, 1, config);
    QSignalSpy spy(&target, &ScrapeTarget::scraped);
    target.scrapeNow();
    if (!spy.wait(kWaitMs))
        return std::nullopt;
    return spy.at(0).at(0).value<ScrapeReport>();
}

ScrapeResult fetch(const QUrl &url, const HttpAuth &auth)
{
    ScrapeOptions options;
    options.timeout = std::chrono::milliseconds(kWaitMs);
    ScrapeFetcher fetcher;
    fetcher.setAuth(auth);
    QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
    fetcher.fetch(url, options);
    if (!spy.wait(kWaitMs + 5'000))
        return {};
    return spy.at(0).at(1).value<ScrapeResult>();
}

} // namespace

class TestScrapeAuth : public QObject
{
    Q_OBJECT
    TestHttpServer *m_server = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        // No Secret Service, no KWallet: keyring references must fail clearly.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/modelwatch-test-bus");
        qunsetenv(kUnsetVariable);
    }

    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
        m_server->respond("/metrics", metricsResponse());
        m_server->requireHeader("/metrics", "Authorization", "Bearer s3cret-token");
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        qunsetenv(kTokenVariable);
    }

    void rightBearerTokenStoresSamples()
    {
        qputenv(kTokenVariable, "s3cret-token\n"); // a trailing newline (echo > file) is trimmed
        SeriesStore store;
        const auto report = scrapeOnce(store, m_server->url(u"/metrics"_s), bearer(kTokenVariable));
        QVERIFY(report);
        QVERIFY2(report->up, qPrintable(report->errorMessage));
        QCOMPARE(report->samplesScraped, 1u);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().constFirst().header("authorization"), QByteArray("Bearer s3cret-token"));

        const std::string instance = "127.0.0.1:" + std::to_string(m_server->port());
        const auto points = pointsOf(store, {{"__name__", "requests_total"}, {"code", "200"}, {"job", "auth"},
                                             {"instance", instance}});
        QCOMPARE(points.size(), std::size_t{1});
        QCOMPARE(points.front().v, 7.0);
        QCOMPARE(points.front().t, report->timeMs);
    }

    void wrongBearerTokenIsA401InTheReport()
    {
        qputenv(kTokenVariable, "not-the-token");
        SeriesStore store;
        const auto report = scrapeOnce(store, m_server->url(u"/metrics"_s), bearer(kTokenVariable));
        QVERIFY(report);
        QVERIFY(!report->up);
        QCOMPARE(scrapeErrorName(report->error), scrapeErrorName(ScrapeError::Authentication));
        QVERIFY2(report->errorMessage.startsWith(
                     u"HTTP 401 Unauthorized (authentication problem: the target refused the credentials sent"_s),
                 qPrintable(report->errorMessage));
        QVERIFY2(report->errorMessage.contains(u"missing or wrong authorization"_s), qPrintable(report->errorMessage));
        QCOMPARE(m_server->refusedRequests(), 1);
        const std::string instance = "127.0.0.1:" + std::to_string(m_server->port());
        const auto up = pointsOf(store, {{"__name__", "up"}, {"job", "auth"}, {"instance", instance}});
        QCOMPARE(up.size(), std::size_t{1});
        QCOMPARE(up.front().v, 0.0);
    }

    void unsetVariableIsSpecificAndSendsNothing()
    {
        SeriesStore store;
        const auto report = scrapeOnce(store, m_server->url(u"/metrics"_s), bearer(kUnsetVariable));
        QVERIFY(report);
        QVERIFY(!report->up);
        QCOMPARE(scrapeErrorName(report->error), scrapeErrorName(ScrapeError::Credentials));
        QCOMPARE(report->errorMessage, u"bearer token env:MW_TEST_SCRAPE_UNSET: environment variable "
                                       "MW_TEST_SCRAPE_UNSET is not set (nothing was sent)"_s);
        QCOMPARE(m_server->requests().size(), 0);
        const std::string instance = "127.0.0.1:" + std::to_string(m_server->port());
        const auto up = pointsOf(store, {{"__name__", "up"}, {"job", "auth"}, {"instance", instance}});
        QCOMPARE(up.size(), std::size_t{1});
        QCOMPARE(up.front().v, 0.0);
    }

    void keyringWithoutADaemonSendsNothing()
    {
        HttpAuth auth;
        auth.basicAuthUser = u"alice"_s;
        auth.basicAuthPassword = SecretRef::keyring(u"modelwatch-test"_s, u"scrape-password"_s);
        const ScrapeResult r = fetch(m_server->url(u"/metrics"_s), auth);
        QCOMPARE(scrapeErrorName(r.error), scrapeErrorName(ScrapeError::Credentials));
        QVERIFY2(r.errorMessage.startsWith(u"basic auth password keyring:modelwatch-test/scrape-password: "
                                           "no keyring service is available"_s),
                 qPrintable(r.errorMessage));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void basicAuthAndSecretHeader()
    {
        m_server->respond("/basic", metricsResponse());
        m_server->requireHeader("/basic", "Authorization", "Basic " + QByteArray("alice:pa:ss").toBase64());
        m_server->requireHeader("/basic", "X-Api-Key", "k-123");
        m_server->requireHeader("/basic", "X-Scope-OrgID", "team-a");
        qputenv(kTokenVariable, "pa:ss");
        qputenv("MW_TEST_SCRAPE_KEY", "k-123");
        HttpAuth auth;
        auth.basicAuthUser = u"alice"_s;
        auth.basicAuthPassword = SecretRef::env(QString::fromLatin1(kTokenVariable));
        auth.headers.append({QByteArray("X-Scope-OrgID"), QByteArray("team-a")});
        auth.secretHeaders.append({QByteArray("X-Api-Key"), SecretRef::env(u"MW_TEST_SCRAPE_KEY"_s)});
        const ScrapeResult r = fetch(m_server->url(u"/basic"_s), auth);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage));
        QCOMPARE(r.body, kMetrics);

        // The header's secret missing: named, and nothing sent.
        qunsetenv("MW_TEST_SCRAPE_KEY");
        const int before = int(m_server->requests().size());
        const ScrapeResult missing = fetch(m_server->url(u"/basic"_s), auth);
        QCOMPARE(scrapeErrorName(missing.error), scrapeErrorName(ScrapeError::Credentials));
        QVERIFY2(missing.errorMessage.startsWith(u"header X-Api-Key env:MW_TEST_SCRAPE_KEY: environment variable "
                                                 "MW_TEST_SCRAPE_KEY is not set"_s),
                 qPrintable(missing.errorMessage));
        QCOMPARE(int(m_server->requests().size()), before);
    }

    void aFailedSecretIsTriedAgainOnTheNextScrape()
    {
        // As the Prometheus client: a failure is not kept, a success is.
        ScrapeFetcher fetcher;
        fetcher.setAuth(bearer(kTokenVariable));
        QSignalSpy spy(&fetcher, &ScrapeFetcher::finished);
        fetcher.fetch(m_server->url(u"/metrics"_s));
        QVERIFY(spy.wait(kWaitMs));
        QCOMPARE(spy.at(0).at(1).value<ScrapeResult>().error, ScrapeError::Credentials);
        qputenv(kTokenVariable, "s3cret-token");
        fetcher.fetch(m_server->url(u"/metrics"_s));
        QVERIFY(spy.wait(kWaitMs));
        const auto second = spy.at(1).at(1).value<ScrapeResult>();
        QVERIFY2(second.ok(), qPrintable(second.errorMessage));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void httpsWithTheCaFileAndAClientCertificate()
    {
        if (mw::test::TestCertificates::openssl().isEmpty())
            QSKIP("openssl is not installed (Debian package openssl)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY2(mw::test::TestCertificates::make(dir.path(), error), qPrintable(error));

        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate::fromPath(dir.filePath(u"server.pem"_s)).value(0));
        QFile keyFile(dir.filePath(u"server.key"_s));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        tls.setCaCertificates(QSslCertificate::fromPath(dir.filePath(u"ca.pem"_s)));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer); // mutual TLS: a client certificate of the CA
        TestHttpServer https;
        QVERIFY(https.listenTls(tls));
        https.respond("/metrics", metricsResponse());
        https.requireHeader("/metrics", "Authorization", "Bearer s3cret-token");
        qputenv(kTokenVariable, "s3cret-token");
        const QUrl url = https.url(u"/metrics"_s);
        QCOMPARE(url.scheme(), u"https"_s);

        HttpAuth auth = bearer(kTokenVariable);
        auth.caFile = dir.filePath(u"ca.pem"_s);
        auth.clientCertFile = dir.filePath(u"client.pem"_s);
        auth.clientKeyFile = dir.filePath(u"client.key"_s);
        SeriesStore store;
        const auto report = scrapeOnce(store, url, auth);
        QVERIFY(report);
        QVERIFY2(report->up, qPrintable(report->errorMessage));
        QCOMPARE(report->samplesScraped, 1u);
        QCOMPARE(https.requests().size(), 1);

        // Without the CA the server's certificate is not trusted.
        HttpAuth noCa = auth;
        noCa.caFile.clear();
        const ScrapeResult untrusted = fetch(url, noCa);
        QCOMPARE(scrapeErrorName(untrusted.error), scrapeErrorName(ScrapeError::Tls));
        QVERIFY2(untrusted.errorMessage.startsWith(u"TLS/SSL error with 127.0.0.1:"_s), qPrintable(untrusted.errorMessage));

        // A CA file that does not load is named, and nothing is sent.
        HttpAuth badCa = auth;
        badCa.caFile = dir.filePath(u"client.ext"_s);
        const ScrapeResult bad = fetch(url, badCa);
        QCOMPARE(scrapeErrorName(bad.error), scrapeErrorName(ScrapeError::Credentials));
        QVERIFY2(bad.errorMessage.startsWith(u"cannot read CA certificates (PEM) from"_s), qPrintable(bad.errorMessage));

        // Without a client certificate the server ends the handshake.
        HttpAuth noCert = auth;
        noCert.clientCertFile.clear();
        noCert.clientKeyFile.clear();
        const ScrapeResult refused = fetch(url, noCert);
        QVERIFY2(!refused.ok(), "the server requires a client certificate");
        QCOMPARE(https.requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestScrapeAuth)
#include "tst_scrape_auth.moc"
