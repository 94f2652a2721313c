// Notifications against a real notification server: dunst on a private
// session bus under Xvfb (tests/integration/run_with_dunst.sh sets that up).
// Notify with actions, update in place, close; then a firing alert's popup has
// its Acknowledge action invoked by dunst itself and the coordinator
// acknowledges the alert in the engine and the history.
//
// dunst 1.9 invokes actions from outside through its own D-Bus interface
// (org.dunstproject.cmd0, what dunstctl calls): NotificationAction(0)
// (`dunstctl action 0`) runs the popup's default action — our "default" key,
// Open; ContextMenuCall (`dunstctl context`) pipes every action to the
// configured dmenu and runs the one it prints, and the test dunstrc's "dmenu"
// is `grep ,acknowledge]`, so it picks our Acknowledge button. Either way dunst
// itself sends the real ActionInvoked and NotificationClosed signals. (1.9 has
// no `default_action_name` rule setting yet; it warns and ignores it.)

#include "AlertTestSupport.h"
#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"
#include "platform/DBusNotificationSink.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusVariant>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::platform;

namespace {

const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kDunst = QStringLiteral("org.dunstproject.cmd0");

uint dunstProperty(const char *name)
{
    QDBusMessage get = QDBusMessage::createMethodCall(kService, kPath, QStringLiteral("org.freedesktop.DBus.Properties"),
                                                      QStringLiteral("Get"));
    get << kDunst << QString::fromLatin1(name);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return 0;
    return reply.arguments().constFirst().value<QDBusVariant>().variant().toUInt();
}

bool dunstCall(const QString &method, const QVariantList &args = {})
{
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kDunst, method);
    call.setArguments(args);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage)
        qWarning() << method << reply.errorMessage();
    return reply.type() == QDBusMessage::ReplyMessage;
}

/// dunst's history (closed popups), newest first: summary and urgency of each.
QList<QVariantMap> dunstHistory()
{
    const QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kDunst, QStringLiteral("NotificationListHistory"));
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 2000);
    QList<QVariantMap> out;
    if (reply.type() != QDBusMessage::ReplyMessage)
        return out;
    const QDBusArgument arg = reply.arguments().constFirst().value<QDBusArgument>();
    arg >> out;
    return out;
}

QString historyField(const QVariantMap &entry, const QString &key)
{
    const QVariant v = entry.value(key);
    // dunst wraps each value in a{sv} with a "data" key.
    if (v.canConvert<QDBusArgument>()) {
        QVariantMap inner;
        v.value<QDBusArgument>() >> inner;
        return inner.value(QStringLiteral("data")).toString();
    }
    return v.toString();
}

} // namespace

class TestNotificationsDunst : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString skip = qEnvironmentVariable("MW_DUNST_SKIP");
        if (!skip.isEmpty())
            QSKIP(qPrintable(skip));
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no D-Bus session bus: run through tests/integration/run_with_dunst.sh");
        if (!QDBusConnection::sessionBus().interface()->isServiceRegistered(kService))
            QSKIP("no notification server on the session bus: run through tests/integration/run_with_dunst.sh");
    }

    /// Each test starts with no popup on screen, so position 0 is its own.
    void init()
    {
        QVERIFY(dunstCall(QStringLiteral("NotificationCloseAll")));
        QTRY_COMPARE_WITH_TIMEOUT(dunstProperty("displayedLength") + dunstProperty("waitingLength"), 0u, 10'000);
    }

    void capabilities()
    {
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QVERIFY(sink.isAvailable());
        QVERIFY2(sink.supportsActions(), qPrintable(sink.capabilities().join(u' ')));
    }

    void notifyUpdateInPlaceAndClose()
    {
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QSignalSpy shown(&sink, &DBusNotificationSink::shown);
        QSignalSpy closed(&sink, &NotificationSink::closed);
        NotificationRequest r;
        r.key = QStringLiteral("rule {a=\"1\"}");
        r.summary = QStringLiteral("Test is firing");
        r.body = QStringLiteral("value <b>612</b> & more");
        r.severity = Severity::Critical;
        sink.show(r);
        r.body = QStringLiteral("second body");
        sink.show(r); // sent once the first id is known: replaces it
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10'000);
        const uint id = shown.at(0).at(1).toUInt();
        QVERIFY(id > 0);
        QCOMPARE(shown.at(1).at(1).toUInt(), id);
        QCOMPARE(sink.notificationId(r.key), id);
        QTRY_COMPARE_WITH_TIMEOUT(dunstProperty("displayedLength") + dunstProperty("waitingLength"), 1u, 10'000);

        sink.withdraw(r.key);
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 10'000);
        QCOMPARE(closed.at(0).at(0).toString(), r.key);
        QCOMPARE(closed.at(0).at(1).value<NotificationSink::CloseReason>(), NotificationSink::CloseReason::Closed);
        QCOMPARE(sink.notificationId(r.key), 0u);
        const QList<QVariantMap> history = dunstHistory();
        QVERIFY(!history.isEmpty());
        QCOMPARE(historyField(history.front(), QStringLiteral("body")), QStringLiteral("second body"));
        QCOMPARE(historyField(history.front(), QStringLiteral("appname")), QStringLiteral("ModelWatch"));
        // urgency 2: the test dunstrc's msg_urgency = critical rule matched.
        QCOMPARE(historyField(history.front(), QStringLiteral("category")), QStringLiteral("seen-critical"));
    }

    void acknowledgeFromThePopup()
    {
        QTemporaryDir dir;
        AlertHistory history;
        QVERIFY2(history.open(dir.filePath(QStringLiteral("h.sqlite"))), qPrintable(history.errorString()));
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QSignalSpy shown(&sink, &DBusNotificationSink::shown);
        QSignalSpy closed(&sink, &NotificationSink::closed);
        ManualClock clock(1'700'000'000'000);
        ScriptedQuerier querier;
        AlertRule rule = latencyRule();
        rule.repeatIntervalMs = 60'000;
        AlertCoordinator c(clock, querier, &history, &sink);
        QSignalSpy changed(&c, &AlertCoordinator::alertChanged);
        c.setRules({rule});
        querier.set("lat", {series({{"model", "a"}}, 900)});
        c.tick();
        const std::string id = latencyAlertId("a");
        QCOMPARE(c.engine().status(id), std::optional(AlertStatus::Firing));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10'000);
        const uint popup = shown.at(0).at(1).toUInt();
        QVERIFY(popup > 0);

        clock.advanceMs(60'000); // repeat: the same popup, updated
        c.tick();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10'000);
        QCOMPARE(shown.at(1).at(1).toUInt(), popup);
        QTRY_COMPARE_WITH_TIMEOUT(dunstProperty("displayedLength"), 1u, 10'000);

        changed.clear();
        QVERIFY(dunstCall(QStringLiteral("ContextMenuCall"))); // dmenu (grep) picks "acknowledge"
        QTRY_COMPARE_WITH_TIMEOUT(c.engine().status(id), std::optional(AlertStatus::Acknowledged), 10'000);
        QVERIFY(!changed.isEmpty());
        const std::optional<AlertInstance> inst = c.engine().instance(id);
        QVERIFY(inst && inst->ack);
        QCOMPARE(QString::fromStdString(inst->ack->by), AlertCoordinator::localUserName());
        QCOMPARE(inst->ack->comment, std::string("from notification"));
        HistoryFilter acks;
        acks.kinds = {EventKind::Acknowledged};
        const auto stored = history.events(acks);
        QVERIFY(stored && stored->size() == 1);
        QCOMPARE(stored->front().event.actor, inst->ack->by);
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 10'000); // dunst closes a popup whose action ran

        // Resolution is announced to whoever acknowledged it: a new popup.
        clock.advanceMs(15'000);
        querier.set("lat", {series({{"model", "a"}}, 100)});
        c.tick();
        QCOMPARE(c.engine().status(id), std::optional(AlertStatus::Resolved));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 10'000);
        const uint resolved = shown.at(2).at(1).toUInt();
        QVERIFY(resolved > 0);
        QVERIFY(dunstCall(QStringLiteral("NotificationCloseAll")));
        QTRY_VERIFY_WITH_TIMEOUT(!dunstHistory().isEmpty()
                                     && historyField(dunstHistory().front(), QStringLiteral("id")).toUInt() == resolved, 10'000);
        const QVariantMap last = dunstHistory().front();
        QVERIFY2(historyField(last, QStringLiteral("summary")).contains(QStringLiteral("resolved")),
                 qPrintable(historyField(last, QStringLiteral("summary"))));
        QCOMPARE(historyField(last, QStringLiteral("category")), QStringLiteral("seen-low")); // resolved: low urgency
    }

    void openFromThePopupBody()
    {
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QSignalSpy shown(&sink, &DBusNotificationSink::shown);
        ManualClock clock(1'700'000'000'000);
        ScriptedQuerier querier;
        AlertCoordinator c(clock, querier, nullptr, &sink);
        QSignalSpy open(&c, &AlertCoordinator::openRequested);
        c.setRules({latencyRule()});
        querier.set("lat", {series({{"model", "b"}}, 900)});
        c.tick();
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(dunstProperty("displayedLength"), 1u, 10'000);
        QVERIFY(dunstCall(QStringLiteral("NotificationAction"), {QVariant::fromValue(0u)})); // a click on the body
        QTRY_COMPARE_WITH_TIMEOUT(open.count(), 1, 10'000);
        QCOMPARE(open.at(0).at(0).toString(), QString::fromStdString(latencyAlertId("b")));
        QCOMPARE(c.engine().status(latencyAlertId("b")), std::optional(AlertStatus::Firing)); // opening is not acknowledging
    }
};

QTEST_GUILESS_MAIN(TestNotificationsDunst)
#include "tst_notifications_dunst.moc"
