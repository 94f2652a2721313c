// The dashboard's auth settings reach the scrape and feed backends:
// makeBackend() builds a ScrapeBackend (every target) and a FeedBackend (its
// poller) that send the source's bearer token to a real HTTP server on
// 127.0.0.1 (TestHttpServer) requiring it, and a secret that cannot be
// resolved shows as the source's health error, with no request made.

#include "BackendFactory.h"
#include "SourceBackend.h"
#include "TestHttpServer.h"

#include <QTest>

using namespace mw;
using namespace mw::view;
using namespace Qt::Literals::StringLiterals;
using mw::test::TestHttpServer;

namespace {

constexpr int kWaitMs = 20'000;
const char *const kTokenVariable = "MW_TEST_BACKEND_TOKEN";
const char *const kUnsetVariable = "MW_TEST_BACKEND_UNSET";
const QByteArray kMetrics = "# TYPE requests_total counter\nrequests_total 5\n";
const QByteArray kFeed = "{\"seq\":1,\"id\":\"p1\",\"time\":1764000000,\"score\":0.9,\"predicted\":1,\"actual\":1}\n";

dashboard::Source scrapeSource(const QUrl &target, const std::string &tokenRef)
{
    dashboard::Source s;
    s.name = "scraped";
    s.kind = dashboard::SourceKind::Scrape;
    s.targets = {target.toString().toStdString()};
    s.scrapeIntervalMs = 200;
    s.auth.bearerTokenRef = tokenRef;
    return s;
}

dashboard::Source feedSource(const QUrl &url, const std::string &tokenRef)
{
    dashboard::Source s;
    s.name = "feed";
    s.kind = dashboard::SourceKind::Feed;
    s.url = url.toString().toStdString();
    s.feed.evaluationIntervalMs = 200;
    s.auth.bearerTokenRef = tokenRef;
    return s;
}

} // namespace

class TestBackendAuth : public QObject
{
    Q_OBJECT
    TestHttpServer *m_server = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv(kTokenVariable, "backend-token");
        qunsetenv(kUnsetVariable);
    }
    void cleanupTestCase() { qunsetenv(kTokenVariable); }

    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
        m_server->respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4", kMetrics));
        m_server->respond("/v1/feed", TestHttpServer::response(200, "OK", "application/x-ndjson", kFeed));
        for (const char *path : {"/metrics", "/v1/feed"})
            m_server->requireHeader(path, "Authorization", "Bearer backend-token");
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void scrapeSourceSendsItsToken()
    {
        QString error;
        const auto backend = makeBackend(scrapeSource(m_server->url(u"/metrics"_s), "env:MW_TEST_BACKEND_TOKEN"), &error);
        QVERIFY2(backend, qPrintable(error));
        backend->start();
        QTRY_COMPARE_WITH_TIMEOUT(backend->health().state, SourceState::Up, kWaitMs);
        backend->stop();
        QVERIFY(!m_server->requests().isEmpty());
        QCOMPARE(m_server->requests().constFirst().header("authorization"), QByteArray("Bearer backend-token"));
        QCOMPARE(m_server->refusedRequests(), 0);
    }

    void scrapeSourceWithAnUnsetSecretIsDownAndSendsNothing()
    {
        QString error;
        const auto backend = makeBackend(scrapeSource(m_server->url(u"/metrics"_s), "env:MW_TEST_BACKEND_UNSET"), &error);
        QVERIFY2(backend, qPrintable(error));
        backend->start();
        QTRY_COMPARE_WITH_TIMEOUT(backend->health().state, SourceState::Down, kWaitMs);
        backend->stop();
        const QString health = backend->health().error;
        QVERIFY2(health.contains(u"bearer token env:MW_TEST_BACKEND_UNSET: environment variable "
                                 "MW_TEST_BACKEND_UNSET is not set"_s),
                 qPrintable(health));
        QCOMPARE(m_server->requests().size(), 0);
    }

    void scrapeSourceWithABadReferenceIsRefused()
    {
        QString error;
        const auto backend = makeBackend(scrapeSource(m_server->url(u"/metrics"_s), "hunter2"), &error);
        QVERIFY(!backend);
        QVERIFY2(error.startsWith(u"Source 'scraped': bearerTokenRef: invalid secret reference \"hunter2\""_s),
                 qPrintable(error));
    }

    void feedSourceSendsItsToken()
    {
        QString error;
        const auto backend = makeBackend(feedSource(m_server->url(u"/v1/feed"_s), "env:MW_TEST_BACKEND_TOKEN"), &error);
        QVERIFY2(backend, qPrintable(error));
        backend->start();
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->requests().isEmpty(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(backend->health().state, SourceState::Up, kWaitMs);
        backend->stop();
        QCOMPARE(m_server->requests().constFirst().header("authorization"), QByteArray("Bearer backend-token"));
        QCOMPARE(m_server->refusedRequests(), 0);
    }

    void feedSourceWithAnUnsetSecretIsDownAndSendsNothing()
    {
        QString error;
        const auto backend = makeBackend(feedSource(m_server->url(u"/v1/feed"_s), "env:MW_TEST_BACKEND_UNSET"), &error);
        QVERIFY2(backend, qPrintable(error));
        backend->start();
        QTRY_COMPARE_WITH_TIMEOUT(backend->health().state, SourceState::Down, kWaitMs);
        backend->stop();
        const SourceHealth h = backend->health();
        QVERIFY2(h.error.startsWith(u"bearer token env:MW_TEST_BACKEND_UNSET: environment variable "
                                    "MW_TEST_BACKEND_UNSET is not set"_s),
                 qPrintable(h.error));
        QCOMPARE(h.detail, u"polling stopped"_s);
        QCOMPARE(m_server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBackendAuth)
#include "tst_backend_auth.moc"
