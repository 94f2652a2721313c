// The request lifecycle both API clients share (ApiRequestRunner), seen
// through AlertmanagerClient against a canned server on 127.0.0.1, with the
// rules that are Alertmanager's own: a timeout message in milliseconds, no
// retry of a silence that may have reached the server, an announced oversize
// body downloaded until the cap. Plus the rules every request keeps: nothing
// is delivered from inside the call, cancel ends a request waiting for a
// retry, waitFor on an unknown id answers at once.

#include "TestHttpServer.h"

#include "alertmanager/AlertmanagerClient.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using mw::AlertmanagerClient;
using mw::AmRequestOptions;
using mw::AmResponse;
using mw::PromErrorKind;
using mw::test::TestHttpServer;

namespace {

int requestsTo(const TestHttpServer &server, const QByteArray &path)
{
    const auto &all = server.requests();
    return static_cast<int>(std::count_if(all.begin(), all.end(), [&](const auto &r) { return r.path == path; }));
}

mw::AmSilenceSpec oneSilence()
{
    mw::AmSilenceSpec spec;
    spec.matchers = {mw::exactMatcher("alertname", "HighLatency")};
    spec.startsAtMs = 1'796'112'000'000;
    spec.endsAtMs = spec.startsAtMs + 60'000;
    spec.createdBy = "alice";
    spec.comment = "ack";
    return spec;
}

} // namespace

class TestAlertmanagerLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestHttpServer>();
        QVERIFY(m_server->listen());
        m_client = std::make_unique<AlertmanagerClient>();
        mw::AlertmanagerConnection c;
        c.baseUrl = m_server->url(QString());
        m_client->setConnection(c);
        mw::PromRetryPolicy fast;
        fast.baseDelay = std::chrono::milliseconds(1);
        m_client->setRetryPolicy(fast);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void timeoutOfAGetIsRetriedAndNamedInMilliseconds()
    {
        m_server->hang("/api/v2/alerts");
        AmRequestOptions options;
        options.timeout = std::chrono::milliseconds(1000);
        options.maxRetries = 1;
        const AmResponse r = m_client->waitFor(m_client->alerts({}, options));
        QCOMPARE(r.error.kind, PromErrorKind::Timeout);
        QVERIFY2(r.error.message.startsWith(u"timed out after 1000 ms waiting for 127.0.0.1:"), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 2);
    }

    void silenceIsNotRetriedAfterATimeout()
    {
        m_server->hang("/api/v2/silences");
        AmRequestOptions options;
        options.timeout = std::chrono::milliseconds(150);
        options.maxRetries = 2;
        QSignalSpy retries(m_client.get(), &AlertmanagerClient::retryScheduled);
        const AmResponse r = m_client->waitFor(m_client->createSilence(oneSilence(), options));
        QCOMPARE(r.error.kind, PromErrorKind::Timeout);
        QCOMPARE(r.attempts, 1); // a second POST could make a second silence
        QCOMPARE(retries.count(), 0);
        QCOMPARE(requestsTo(*m_server, "/api/v2/silences"), 1);
    }

    void announcedOversizeIsDownloadedUntilTheCap()
    {
        m_client->setMaxResponseBytes(100);
        m_server->respond("/api/v2/alerts",
                          TestHttpServer::response(200, "OK", "application/json", QByteArray(1000, ' ') + "[]"));
        const AmResponse r = m_client->waitFor(m_client->alerts());
        QCOMPARE(r.error.kind, PromErrorKind::BodyTooLarge);
        QVERIFY2(r.error.message.contains(u"more than the limit of 100 bytes (download stopped after "),
                 qPrintable(r.error.message));
    }

    void nothingIsDeliveredFromInsideTheCall()
    {
        QSignalSpy finished(m_client.get(), &AlertmanagerClient::finished);
        const quint64 id = m_client->deleteSilence(QStringLiteral("not-a-uuid")); // refused before sending
        QCOMPARE(finished.count(), 0);
        QVERIFY(m_client->isPending(id));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.at(0).at(0).toULongLong(), id);
        QCOMPARE(finished.at(0).at(1).value<AmResponse>().error.kind, PromErrorKind::InvalidRequest);
        QVERIFY(!m_client->isPending(id));
    }

    void cancelEndsARequestWaitingForARetry()
    {
        m_server->respond("/api/v2/alerts", TestHttpServer::response(503, "Service Unavailable", "text/plain", "busy"));
        mw::PromRetryPolicy slow;
        slow.baseDelay = std::chrono::milliseconds(60'000);
        slow.random = [] { return 1.0; };
        m_client->setRetryPolicy(slow);
        QSignalSpy retries(m_client.get(), &AlertmanagerClient::retryScheduled);
        const quint64 id = m_client->alerts();
        QTRY_COMPARE_WITH_TIMEOUT(retries.count(), 1, 5000);
        m_client->cancel(id);
        const AmResponse r = m_client->waitFor(id);
        QCOMPARE(r.error.kind, PromErrorKind::Canceled);
        QCOMPARE(r.attempts, 1);
    }

    void waitForAnUnknownIdAnswersAtOnce()
    {
        const AmResponse r = m_client->waitFor(12345);
        QCOMPARE(r.error.kind, PromErrorKind::InvalidRequest);
        QVERIFY2(r.error.message.contains(u"unknown or already finished"), qPrintable(r.error.message));
    }

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<AlertmanagerClient> m_client;
};

QTEST_GUILESS_MAIN(TestAlertmanagerLifecycle)
#include "tst_alertmanager_lifecycle.moc"
