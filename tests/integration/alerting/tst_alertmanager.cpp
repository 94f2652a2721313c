// AlertmanagerClient and AckSilencer against a real Alertmanager (Debian's
// prometheus-alertmanager) on 127.0.0.1: alerts posted and listed, an
// acknowledgement becomes a real silence that mutes the alert, an
// until-resolved silence is expired when the alert resolves, a duration one
// expires by itself; and the failures: connection refused, a wrong path,
// bad JSON, refused silences.

#include "AlertmanagerProcess.h"
#include "TestHttpServer.h"

#include "alertmanager/AckSilencer.h"
#include "alertmanager/AlertmanagerClient.h"
#include "alertmanager/AmDecoder.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <functional>

using mw::AckSilencer;
using mw::AlertmanagerClient;
using mw::AlertmanagerConnection;
using mw::AmAlert;
using mw::AmAlertQuery;
using mw::AmPostableAlert;
using mw::AmResponse;
using mw::AmSilence;
using mw::PromErrorKind;
using mw::test::AlertmanagerProcess;
using mw::test::TestHttpServer;

namespace {

int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

AlertmanagerConnection connectionTo(const QUrl &url)
{
    AlertmanagerConnection c;
    c.baseUrl = url;
    return c;
}

/// Polls `fetch` until `done` holds for its answer, at most `timeoutMs`.
AmResponse pollUntil(const std::function<AmResponse()> &fetch, const std::function<bool(const AmResponse &)> &done,
                     int timeoutMs = 15'000)
{
    QElapsedTimer t;
    t.start();
    AmResponse r = fetch();
    while (!(r.ok() && done(r)) && t.elapsed() < timeoutMs) {
        QTest::qWait(100);
        r = fetch();
    }
    return r;
}

const AmAlert *findAlert(const AmResponse &r, const std::string &alertname)
{
    for (const AmAlert &a : r.alerts)
        for (const auto &[k, v] : a.labels)
            if (k == "alertname" && v == alertname)
                return &a;
    return nullptr;
}

const AmSilence *findSilence(const AmResponse &r, const std::string &id)
{
    const auto it = std::find_if(r.silences.begin(), r.silences.end(), [&](const AmSilence &s) { return s.id == id; });
    return it == r.silences.end() ? nullptr : &*it;
}

AmPostableAlert testAlert(const std::string &name, int64_t startsAtMs, int64_t endsAtMs)
{
    AmPostableAlert a;
    a.labels = {{"alertname", name}, {"model_name", "demo"}, {"severity", "warning"}};
    a.annotations = {{"summary", "latency 612ms"}};
    a.startsAtMs = startsAtMs;
    a.endsAtMs = endsAtMs;
    a.generatorUrl = "http://127.0.0.1/modelwatch";
    return a;
}

} // namespace

class TestAlertmanager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void healthy();
    void acknowledgeUntilResolved();
    void acknowledgeForDuration();
    void refusedSilences();
    void unknownSilence();
    void connectionRefused();
    void wrongPath();
    void badJson();
    void rfc3339();

private:
    AmResponse alerts(const AmAlertQuery &q = {}) { return m_client.waitFor(m_client.alerts(q)); }
    AmResponse silences() { return m_client.waitFor(m_client.silences()); }

    AlertmanagerProcess m_am;
    AlertmanagerClient m_client;
};

void TestAlertmanager::initTestCase()
{
    if (AlertmanagerProcess::binary().isEmpty())
        QSKIP("prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
    QVERIFY2(m_am.start(), qPrintable(m_am.error()));
    m_client.setConnection(connectionTo(m_am.baseUrl()));
}

void TestAlertmanager::healthy()
{
    const AmResponse r = m_client.waitFor(m_client.healthy());
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.text, QStringLiteral("OK"));
}

void TestAlertmanager::acknowledgeUntilResolved()
{
    const int64_t t0 = nowMs();
    const AmResponse posted = m_client.waitFor(m_client.postAlerts({testAlert("MwUntilResolved", t0 - 60'000, t0 + 3'600'000)}));
    QVERIFY2(posted.ok(), qPrintable(posted.error.message));

    AmAlertQuery q;
    q.filter = {QStringLiteral("alertname=\"MwUntilResolved\"")};
    AmResponse listed = pollUntil([&] { return alerts(q); }, [](const AmResponse &r) { return r.alerts.size() == 1; });
    QVERIFY2(listed.ok(), qPrintable(listed.error.message));
    QCOMPARE(listed.alerts.size(), std::size_t(1));
    const AmAlert alert = listed.alerts.front();
    QCOMPARE(alert.labels, (mw::PromLabels{{"alertname", "MwUntilResolved"}, {"model_name", "demo"}, {"severity", "warning"}}));
    QCOMPARE(alert.annotations, (mw::PromLabels{{"summary", "latency 612ms"}}));
    QVERIFY(!alert.fingerprint.empty());
    QVERIFY(alert.silencedBy.empty());
    QCOMPARE(alert.startsAtMs, t0 - 60'000);

    // Acknowledge: a real silence on exactly its labels.
    AckSilencer silencer;
    const mw::AmSilenceSpec spec = silencer.silenceFor(alert, "alice", "looking into the latency", nowMs());
    QCOMPARE(spec.matchers.size(), std::size_t(3));
    const AmResponse created = m_client.waitFor(m_client.createSilence(spec));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QVERIFY(!created.silenceId.empty());
    silencer.watchUntilResolved(alert, created.silenceId, "alice", nowMs());

    const AmResponse all = silences();
    QVERIFY2(all.ok(), qPrintable(all.error.message));
    const AmSilence *s = findSilence(all, created.silenceId);
    QVERIFY(s);
    QCOMPARE(s->createdBy, std::string("alice"));
    QCOMPARE(s->comment, std::string("looking into the latency"));
    QCOMPARE(s->state, std::string("active"));
    QCOMPARE(s->matchers, spec.matchers);
    QVERIFY(s->endsAtMs - s->startsAtMs >= silencer.options().untilResolvedHorizonMs - 1000);

    // Alertmanager now shows the alert as silenced by it.
    listed = pollUntil([&] { return alerts(q); }, [&](const AmResponse &r) {
        const AmAlert *a = findAlert(r, "MwUntilResolved");
        return a && a->state == "suppressed";
    });
    const AmAlert *muted = findAlert(listed, "MwUntilResolved");
    QVERIFY(muted);
    QCOMPARE(muted->state, std::string("suppressed"));
    QCOMPARE(muted->silencedBy, std::vector<std::string>{created.silenceId});
    // Still firing: nothing to expire (on a complete listing).
    const AmResponse everything = alerts();
    QVERIFY(everything.ok());
    QVERIFY(silencer.silencesToExpire(everything.alerts).empty());

    // Resolve it: posted again with endsAt in the past, it leaves /api/v2/alerts.
    const AmResponse resolved = m_client.waitFor(m_client.postAlerts({testAlert("MwUntilResolved", t0 - 60'000, nowMs() - 1000)}));
    QVERIFY2(resolved.ok(), qPrintable(resolved.error.message));
    const AmResponse gone = pollUntil([&] { return alerts(); }, [](const AmResponse &r) { return !findAlert(r, "MwUntilResolved"); });
    QVERIFY(gone.ok());
    QVERIFY(!findAlert(gone, "MwUntilResolved"));
    const std::vector<std::string> expire = silencer.silencesToExpire(gone.alerts);
    QCOMPARE(expire, std::vector<std::string>{created.silenceId});
    const AmResponse deleted = m_client.waitFor(m_client.deleteSilence(QString::fromStdString(expire.front())));
    QVERIFY2(deleted.ok(), qPrintable(deleted.error.message));
    silencer.expired(expire.front());
    QVERIFY(silencer.watched().empty());

    const AmResponse afterDelete = silences();
    const AmSilence *after = findSilence(afterDelete, created.silenceId);
    QVERIFY(after);
    QCOMPARE(after->state, std::string("expired"));
}

void TestAlertmanager::acknowledgeForDuration()
{
    const int64_t t0 = nowMs();
    QVERIFY(m_client.waitFor(m_client.postAlerts({testAlert("MwForDuration", t0, t0 + 3'600'000)})).ok());
    AmAlertQuery q;
    q.filter = {QStringLiteral("alertname=\"MwForDuration\"")};
    const AmResponse listed = pollUntil([&] { return alerts(q); }, [](const AmResponse &r) { return r.alerts.size() == 1; });
    QCOMPARE(listed.alerts.size(), std::size_t(1));

    AckSilencer silencer;
    const mw::AmSilenceSpec spec = silencer.silenceFor(listed.alerts.front(), "bob", "deploy in progress", nowMs(), 1500);
    QCOMPARE(spec.endsAtMs - spec.startsAtMs, int64_t(1500));
    const AmResponse created = m_client.waitFor(m_client.createSilence(spec));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QVERIFY(silencer.watched().empty()); // nothing to undo later
    QVERIFY(silencer.silencesToExpire({}).empty());

    const AmResponse expired = pollUntil([&] { return silences(); }, [&](const AmResponse &r) {
        const AmSilence *s = findSilence(r, created.silenceId);
        return s && s->state == "expired";
    });
    const AmSilence *s = findSilence(expired, created.silenceId);
    QVERIFY(s);
    QCOMPARE(s->state, std::string("expired"));
    QCOMPARE(s->createdBy, std::string("bob"));
}

void TestAlertmanager::refusedSilences()
{
    // Refused before sending: no matcher.
    mw::AmSilenceSpec empty;
    empty.startsAtMs = nowMs();
    empty.endsAtMs = empty.startsAtMs + 60'000;
    empty.createdBy = "alice";
    empty.comment = "x";
    AmResponse r = m_client.waitFor(m_client.createSilence(empty));
    QCOMPARE(r.error.kind, PromErrorKind::InvalidRequest);
    QCOMPARE(r.attempts, 0);
    // Refused by Alertmanager: an invalid regular expression.
    mw::AmSilenceSpec bad = empty;
    bad.matchers = {mw::AmMatcher{"alertname", "(", true, true}};
    r = m_client.waitFor(m_client.createSilence(bad));
    QCOMPARE(r.error.kind, PromErrorKind::Api);
    QCOMPARE(r.error.httpStatus, 400);
    QVERIFY2(r.error.message.startsWith(u"Alertmanager refused the request (HTTP 400): "), qPrintable(r.error.message));
    QCOMPARE(r.attempts, 1);
}

void TestAlertmanager::unknownSilence()
{
    const AmResponse r = m_client.waitFor(m_client.deleteSilence(QStringLiteral("00000000-0000-4000-8000-000000000000")));
    QCOMPARE(r.error.kind, PromErrorKind::NotFound);
    QVERIFY2(r.error.message.startsWith(u"Alertmanager has no silence 00000000-0000-4000-8000-000000000000"),
             qPrintable(r.error.message));
    QCOMPARE(r.attempts, 1); // expiring a silence is not retried once it reached the server
    const AmResponse notId = m_client.waitFor(m_client.deleteSilence(QStringLiteral("../../-/quit")));
    QCOMPARE(notId.error.kind, PromErrorKind::InvalidRequest);
    QCOMPARE(notId.attempts, 0);
}

void TestAlertmanager::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    AlertmanagerClient client;
    client.setConnection(connectionTo(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))));
    mw::AmRequestOptions once;
    once.maxRetries = 0;
    const AmResponse r = client.waitFor(client.alerts({}, once));
    QCOMPARE(r.error.kind, PromErrorKind::ConnectionRefused);
    QVERIFY2(r.error.message.contains(u"is Alertmanager running"), qPrintable(r.error.message));
    QCOMPARE(r.attempts, 1);
}

void TestAlertmanager::wrongPath()
{
    AlertmanagerClient client;
    client.setConnection(connectionTo(QUrl(m_am.baseUrl().toString() + QStringLiteral("/not-here"))));
    const AmResponse r = client.waitFor(client.silences());
    QCOMPARE(r.error.kind, PromErrorKind::NotFound);
    QCOMPARE(r.error.httpStatus, 404);
    QVERIFY2(r.error.message.contains(u"not an Alertmanager API v2"), qPrintable(r.error.message));
    QCOMPARE(r.attempts, 1); // a 404 is not retried
}

void TestAlertmanager::badJson()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.respond("/api/v2/alerts", TestHttpServer::response(200, "OK", "application/json", "[{\"labels\": {"));
    server.respond("/api/v2/silences",
                   TestHttpServer::response(200, "OK", "application/json", R"([{"id":"x","matchers":[],"status":{"state":1}}])"));
    AlertmanagerClient client;
    client.setConnection(connectionTo(server.url(QString())));
    const AmResponse notJson = client.waitFor(client.alerts());
    QCOMPARE(notJson.error.kind, PromErrorKind::NotJson);
    QVERIFY(notJson.alerts.empty());
    const AmResponse shape = client.waitFor(client.silences());
    QCOMPARE(shape.error.kind, PromErrorKind::BadResponse);
    QVERIFY2(shape.error.message.contains(u"[0].startsAt"), qPrintable(shape.error.message));

    mw::AmResponse deep;
    mw::AmDecoder::decode(std::string(100, '[') + std::string(100, ']'), mw::AmDataKind::Alerts, deep);
    QCOMPARE(deep.error.kind, PromErrorKind::NotJson);
    QVERIFY2(deep.error.message.contains(u"deeper"), qPrintable(deep.error.message));
}

void TestAlertmanager::rfc3339()
{
    QCOMPARE(mw::parseRfc3339("2026-12-01T08:00:00.123456789Z"), std::optional<int64_t>(1796112000123));
    QCOMPARE(mw::parseRfc3339("2026-12-01T09:00:00+01:00"), std::optional<int64_t>(1796112000000));
    QCOMPARE(mw::formatRfc3339(1796112000123), std::string("2026-12-01T08:00:00.123Z"));
    QCOMPARE(mw::parseRfc3339(mw::formatRfc3339(-1)), std::optional<int64_t>(-1));
    QCOMPARE(mw::parseRfc3339("2026-12-01 08:00:00Z"), std::nullopt);
    QCOMPARE(mw::parseRfc3339("2026-12-01T08:00:00"), std::nullopt);
}

QTEST_GUILESS_MAIN(TestAlertmanager)
#include "tst_alertmanager.moc"
