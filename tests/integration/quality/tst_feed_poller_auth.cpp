// FeedPoller against a feed endpoint that requires credentials: a real HTTP
// server on 127.0.0.1 (TestHttpServer) refusing requests without the right
// bearer token with 401. The poller authenticates with the Prometheus
// client's code (HttpAuth, HttpCredentials): the right token delivers the
// page, a wrong one is an Authentication failure that stops polling, and a
// secret that cannot be resolved is a Credentials failure with no request.

#include "TestHttpServer.h"

#include "feeds/FeedPoller.h"

#include <QSignalSpy>
#include <QTest>

using namespace mw;
using namespace mw::feeds;
using namespace Qt::Literals::StringLiterals;
using mw::quality::FeedBatch;
using mw::test::TestHttpServer;

namespace {

constexpr int kWaitMs = 20'000;
const char *const kTokenVariable = "MW_TEST_FEED_TOKEN";
const char *const kUnsetVariable = "MW_TEST_FEED_UNSET";
const QByteArray kPage = "{\"seq\":1,\"id\":\"p1\",\"time\":1764000000,\"score\":0.9,\"predicted\":1,\"actual\":1}\n"
                         "{\"seq\":2,\"id\":\"p2\",\"time\":1764000001,\"score\":0.2,\"predicted\":0,\"actual\":1}\n";

} // namespace

class TestFeedPollerAuth : public QObject
{
    Q_OBJECT
    TestHttpServer *m_server = nullptr;

    FeedPollOptions options(const char *tokenVariable) const
    {
        FeedPollOptions o;
        o.url = m_server->url(u"/v1/feed"_s);
        o.interval = std::chrono::milliseconds(20);
        o.backoff.baseDelay = std::chrono::milliseconds(1);
        o.backoff.maxDelay = std::chrono::milliseconds(5);
        o.auth.bearerToken = SecretRef::env(QString::fromLatin1(tokenVariable));
        return o;
    }

private Q_SLOTS:
    void initTestCase() { qunsetenv(kUnsetVariable); }

    void init()
    {
        m_server = new TestHttpServer(this);
        QVERIFY(m_server->listen());
        m_server->respond("/v1/feed", TestHttpServer::response(200, "OK", "application/x-ndjson", kPage));
        m_server->requireHeader("/v1/feed", "Authorization", "Bearer feed-token");
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        qunsetenv(kTokenVariable);
    }

    void rightTokenDeliversThePage()
    {
        qputenv(kTokenVariable, "feed-token");
        FeedPoller poller(options(kTokenVariable));
        QSignalSpy batches(&poller, &FeedPoller::batchReady);
        QSignalSpy caughtUp(&poller, &FeedPoller::caughtUp);
        QSignalSpy failed(&poller, &FeedPoller::failed);
        poller.drain();
        QVERIFY(caughtUp.wait(kWaitMs));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).at(0).value<FeedBatch>().records.size(), std::size_t{2});
        QCOMPARE(poller.cursor(), uint64_t{2});
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().constFirst().header("authorization"), QByteArray("Bearer feed-token"));
    }

    void wrongTokenIsAnAuthenticationFailure()
    {
        qputenv(kTokenVariable, "stale-token");
        FeedPoller poller(options(kTokenVariable));
        QSignalSpy failed(&poller, &FeedPoller::failed);
        poller.start();
        QVERIFY(failed.wait(kWaitMs));
        const auto e = failed.at(0).at(0).value<FeedPollError>();
        QCOMPARE(feedPollErrorKindName(e.kind), feedPollErrorKindName(FeedPollErrorKind::Authentication));
        QCOMPARE(e.httpStatus, 401);
        QVERIFY2(e.message.startsWith(u"HTTP 401 Unauthorized from "_s), qPrintable(e.message));
        QVERIFY2(e.message.contains(u"(authentication problem: the feed refused the credentials sent"_s),
                 qPrintable(e.message));
        QVERIFY2(!e.retryable(), "a refused token does not heal by itself");
        QCOMPARE(failed.at(0).at(1).toBool(), true); // polling stopped
        QVERIFY(!poller.isActive());
        QCOMPARE(m_server->refusedRequests(), 1);
    }

    void noCredentialsNamesTheMissingAuth()
    {
        FeedPollOptions o = options(kTokenVariable);
        o.auth = {};
        FeedPoller poller(o);
        QSignalSpy failed(&poller, &FeedPoller::failed);
        poller.drain();
        QVERIFY(failed.wait(kWaitMs));
        const auto e = failed.at(0).at(0).value<FeedPollError>();
        QCOMPARE(e.kind, FeedPollErrorKind::Authentication);
        QVERIFY2(e.message.contains(u"(authentication problem: the feed requires credentials"_s), qPrintable(e.message));
    }

    void unsetVariableIsSpecificAndSendsNothing()
    {
        FeedPoller poller(options(kUnsetVariable));
        QSignalSpy failed(&poller, &FeedPoller::failed);
        QSignalSpy batches(&poller, &FeedPoller::batchReady);
        poller.start();
        QVERIFY(failed.wait(kWaitMs));
        const auto e = failed.at(0).at(0).value<FeedPollError>();
        QCOMPARE(feedPollErrorKindName(e.kind), feedPollErrorKindName(FeedPollErrorKind::Credentials));
        QCOMPARE(e.message, u"bearer token env:MW_TEST_FEED_UNSET: environment variable MW_TEST_FEED_UNSET is not "
                            "set (nothing was sent)"_s);
        QCOMPARE(failed.at(0).at(1).toBool(), true);
        QCOMPARE(batches.size(), 0);
        QCOMPARE(m_server->requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFeedPollerAuth)
#include "tst_feed_poller_auth.moc"
