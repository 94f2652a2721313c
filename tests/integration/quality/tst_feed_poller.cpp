// FeedPoller against real sockets on 127.0.0.1: the cursor and paging on the
// demo server's feed, and its specific errors (refused, 404) with the
// retry/give-up rules. No sleeps: waits are bounded QSignalSpy waits.

#include "demo/DemoServer.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"
#include "feeds/FeedPoller.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <set>

using namespace mw::feeds;
using mw::demo::DemoServer;
using mw::quality::FeedBatch;

class TestFeedPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pageUrlAndSeqScan();
    void followsTheCursorAcrossPages();
    void continuousPollingPicksUpNewLabels();
    void refusedIsRetriedThenGivenUp();
    void notFoundIsNotRetried();
    void invalidUrlIsRefused();
    void responseChecks();
    void oversizedPageIsRefused();
    void silentServerTimesOut();

private:
    FeedPollOptions options(const QString &path = QStringLiteral("/v1/feed")) const
    {
        FeedPollOptions o;
        o.url = m_server->url().resolved(QUrl(path));
        o.interval = std::chrono::milliseconds(20);
        o.backoff.baseDelay = std::chrono::milliseconds(1);
        o.backoff.maxDelay = std::chrono::milliseconds(5);
        return o;
    }
    void makeLabels(int requests)
    {
        m_server->loadGenerator().generate(requests);
        m_nowMs += m_server->feed().labelDelayMs();
        m_server->releaseLabels();
    }

    int64_t m_nowMs = 1'764'000'000'000;
    std::unique_ptr<DemoServer> m_server;
};

void TestFeedPoller::init()
{
    DemoServer::Options o;
    o.port = 0;
    o.rate = 0.0;
    o.labelDelayMs = 1000;
    o.labelPollMs = 0;
    o.clockMs = [this] { return m_nowMs; };
    m_server = std::make_unique<DemoServer>(o);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestFeedPoller::cleanup()
{
    m_server.reset();
}

void TestFeedPoller::pageUrlAndSeqScan()
{
    const QUrl u = FeedPoller::pageUrl(QUrl(QStringLiteral("http://127.0.0.1:1/v1/feed?model=a&since=9")), 42, 10);
    QCOMPARE(u.toString(), QStringLiteral("http://127.0.0.1:1/v1/feed?model=a&since=42&limit=10"));
    QCOMPARE(FeedPoller::pageUrl(QUrl(QStringLiteral("http://h/f")), 0, 0).query(), QStringLiteral("since=0"));
    QCOMPARE(FeedPoller::lastSeq("{\"seq\":3,\"id\":1}\n{\"seq\": 17,\"id\":2}\n{\"seq\":5}\n"), std::optional<uint64_t>(17));
    QCOMPARE(FeedPoller::lastSeq("{\"id\":1}\n"), std::nullopt);
}

void TestFeedPoller::followsTheCursorAcrossPages()
{
    makeLabels(100);
    const uint64_t total = m_server->feed().lastSeq();
    QVERIFY(total >= 100);
    FeedPollOptions o = options();
    o.limit = 64;
    FeedPoller poller(o);
    std::vector<std::string> ids;
    connect(&poller, &FeedPoller::batchReady, this, [&ids](const FeedBatch &b) {
        for (const auto &r : b.records)
            ids.push_back(r.id);
        QVERIFY(b.errors.empty());
    });
    QSignalSpy caughtUp(&poller, &FeedPoller::caughtUp);
    poller.drain();
    QVERIFY(caughtUp.wait(10'000));
    QCOMPARE(ids.size(), std::size_t(total));
    QCOMPARE(poller.cursor(), total);
    QCOMPARE(poller.pages(), (total + 63) / 64 + (total % 64 == 0 ? 1 : 0));
    QVERIFY(!poller.isActive());
    // Unique ids in feed order: nothing read twice across pages.
    QCOMPARE(ids.front(), std::string("1"));
    QCOMPARE(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}

void TestFeedPoller::continuousPollingPicksUpNewLabels()
{
    FeedPoller poller(options());
    QSignalSpy batches(&poller, &FeedPoller::batchReady);
    QSignalSpy caughtUp(&poller, &FeedPoller::caughtUp);
    poller.start();
    QVERIFY(caughtUp.wait(10'000)); // empty feed
    QCOMPARE(batches.count(), 0);
    makeLabels(10);
    QTRY_VERIFY_WITH_TIMEOUT(batches.count() >= 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(poller.cursor(), m_server->feed().lastSeq(), 10'000);
    poller.stop();
    QVERIFY(!poller.isActive());
}

void TestFeedPoller::refusedIsRetriedThenGivenUp()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    FeedPollOptions o;
    o.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1/feed").arg(port));
    o.backoff.maxRetries = 2;
    o.backoff.baseDelay = std::chrono::milliseconds(1);
    o.backoff.maxDelay = std::chrono::milliseconds(2);
    FeedPoller poller(o);
    QSignalSpy failed(&poller, &FeedPoller::failed);
    poller.drain();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, 10'000);
    for (int i = 0; i < 3; ++i) {
        const auto e = failed.at(i).at(0).value<FeedPollError>();
        QCOMPARE(e.kind, FeedPollErrorKind::ConnectionRefused);
        QVERIFY(e.retryable());
        QVERIFY2(e.message.contains(QStringLiteral("connection refused by 127.0.0.1:%1").arg(port)), qPrintable(e.message));
        QCOMPARE(failed.at(i).at(1).toBool(), i == 2);
    }
    QVERIFY(!poller.isActive());
    QCOMPARE(poller.consecutiveFailures(), 3);
}

void TestFeedPoller::notFoundIsNotRetried()
{
    FeedPoller poller(options(QStringLiteral("/v1/no-such-feed")));
    QSignalSpy failed(&poller, &FeedPoller::failed);
    poller.start();
    QVERIFY(failed.wait(10'000));
    const auto e = failed.at(0).at(0).value<FeedPollError>();
    QCOMPARE(e.kind, FeedPollErrorKind::HttpStatus);
    QCOMPARE(e.httpStatus, 404);
    QVERIFY(!e.retryable());
    QVERIFY2(e.message.startsWith(QStringLiteral("HTTP 404")), qPrintable(e.message));
    QVERIFY(failed.at(0).at(1).toBool());
    QVERIFY(!poller.isActive());
}

void TestFeedPoller::invalidUrlIsRefused()
{
    FeedPollOptions o;
    o.url = QUrl(QStringLiteral("ftp://127.0.0.1/feed"));
    FeedPoller poller(o);
    QSignalSpy failed(&poller, &FeedPoller::failed);
    poller.drain();
    QVERIFY(failed.wait(5'000));
    QCOMPARE(failed.at(0).at(0).value<FeedPollError>().kind, FeedPollErrorKind::InvalidUrl);
}

void TestFeedPoller::responseChecks()
{
    const QUrl url(QStringLiteral("http://127.0.0.1:8501/v1/feed?since=0"));
    QVERIFY(FeedPollError::response(200, "OK", "application/x-ndjson", "{}\n", url).ok());
    QVERIFY(FeedPollError::response(200, "OK", "", "", url).ok());
    const FeedPollError busy = FeedPollError::response(503, "Service Unavailable", "text/plain", "down\n", url);
    QCOMPARE(busy.kind, FeedPollErrorKind::ServerError);
    QVERIFY(busy.retryable());
    QVERIFY2(busy.message.contains(QStringLiteral("HTTP 503 Service Unavailable")) && busy.message.endsWith(QStringLiteral(": down")),
             qPrintable(busy.message));
    QVERIFY(FeedPollError::response(429, "", "", "", url).retryable());
    const FeedPollError bad = FeedPollError::response(400, "Bad Request", "application/json",
                                                      R"({"error":"limit must be a positive integer"})", url);
    QCOMPARE(bad.kind, FeedPollErrorKind::HttpStatus);
    QVERIFY(!bad.retryable());
    QVERIFY2(bad.message.contains(QStringLiteral("limit must be a positive integer")), qPrintable(bad.message));
    const FeedPollError html = FeedPollError::response(200, "OK", "text/html; charset=utf-8", "<html>", url);
    QCOMPARE(html.kind, FeedPollErrorKind::ContentType);
    QVERIFY2(html.message.contains(QStringLiteral("login page")), qPrintable(html.message));
    QCOMPARE(QByteArray(feedPollErrorKindName(FeedPollErrorKind::ConnectionRefused)), QByteArray("connection-refused"));
}

void TestFeedPoller::oversizedPageIsRefused()
{
    makeLabels(50);
    FeedPollOptions o = options();
    o.maxBodyBytes = 200;
    FeedPoller poller(o);
    QSignalSpy failed(&poller, &FeedPoller::failed);
    QSignalSpy batches(&poller, &FeedPoller::batchReady);
    poller.drain();
    QVERIFY(failed.wait(10'000));
    const auto e = failed.at(0).at(0).value<FeedPollError>();
    QCOMPARE(e.kind, FeedPollErrorKind::BodyTooLarge);
    QVERIFY2(e.message.contains(QStringLiteral("larger than 200 bytes")), qPrintable(e.message));
    QVERIFY(failed.at(0).at(1).toBool());
    QCOMPARE(batches.count(), 0);
    QCOMPARE(poller.cursor(), uint64_t(0));
}

void TestFeedPoller::silentServerTimesOut()
{
    QTcpServer silent; // accepts connections and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    FeedPollOptions o;
    o.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v1/feed").arg(silent.serverPort()));
    o.timeout = std::chrono::milliseconds(100);
    o.backoff.maxRetries = 0;
    FeedPoller poller(o);
    QSignalSpy failed(&poller, &FeedPoller::failed);
    poller.drain();
    QVERIFY(failed.wait(10'000));
    const auto e = failed.at(0).at(0).value<FeedPollError>();
    QCOMPARE(e.kind, FeedPollErrorKind::Timeout);
    QVERIFY(e.retryable());
    QVERIFY2(e.message.contains(QStringLiteral("within 100 ms")), qPrintable(e.message));
    QVERIFY(failed.at(0).at(1).toBool()); // drain with no retries left gives up
}

QTEST_GUILESS_MAIN(TestFeedPoller)
#include "tst_feed_poller.moc"
