// Where notifications go without a notification server: a D-Bus sink with no
// bus is unavailable, FallbackNotificationSink hands popups to the fallback
// (the tray, in ui/) and forwards its actions; the text, urgency and action
// keys the D-Bus sink sends.

#include "RecordingSink.h"
#include "platform/AlertSoundPlayer.h"
#include "platform/DBusNotificationSink.h"
#include "platform/FallbackNotificationSink.h"
#include "platform/NotificationText.h"

#include <QDBusConnection>
#include <QSignalSpy>
#include <QTest>

using namespace mw::alerting;
using namespace mw::platform;
using mw::platform::test::RecordingSink;

namespace {

AlertEvent firingEvent(NotifyReason reason, std::string_view severity)
{
    AlertEvent e;
    e.kind = EventKind::Notification;
    e.reason = reason;
    e.instance.ruleId = "serving/HighLatency";
    e.instance.labels = mw::Labels{{"alertname", "HighLatency"}, {"severity", severity}, {"model", "a"}};
    e.instance.annotations["summary"] = "p99 latency 612ms";
    return e;
}

} // namespace

class TestNotificationFallback : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dbusSinkWithoutBusIsUnavailable()
    {
        const QDBusConnection none = QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/mw-bus"),
                                                                   QStringLiteral("mw-none"));
        QVERIFY(!none.isConnected());
        DBusNotificationSink sink(none);
        QVERIFY(!sink.probe(500));
        QVERIFY(!sink.isAvailable());
        QVERIFY(!sink.supportsActions());
        QDBusConnection::disconnectFromBus(QStringLiteral("mw-none"));
    }

    void fallsBackToTheTrayAndForwardsItsActions()
    {
        DBusNotificationSink dbus(QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/mw-bus"),
                                                                QStringLiteral("mw-none2")));
        RecordingSink tray;
        FallbackNotificationSink sink(&dbus, &tray);
        QCOMPARE(sink.current(), &tray);
        QVERIFY(sink.isAvailable());
        QVERIFY(!sink.supportsActions()); // a tray balloon has no buttons
        const NotificationRequest r = *NotificationText::fromEvent(firingEvent(NotifyReason::Firing, "critical"));
        sink.show(r);
        QCOMPARE(tray.shown.size(), 1u);
        QCOMPARE(tray.shown.front().key, r.key);

        QSignalSpy actions(&sink, &NotificationSink::actionInvoked);
        tray.click(r.key, NotificationSink::Action::Open);
        QCOMPARE(actions.count(), 1);
        QCOMPARE(actions.at(0).at(0).toString(), r.key);
        QCOMPARE(actions.at(0).at(1).value<NotificationSink::Action>(), NotificationSink::Action::Open);

        sink.withdraw(r.key);
        QCOMPARE(tray.withdrawn, QStringList{r.key});

        tray.available = false; // no tray either: the log
        QCOMPARE(sink.current(), nullptr);
        sink.show(r);
        QCOMPARE(tray.shown.size(), 1u);
        QDBusConnection::disconnectFromBus(QStringLiteral("mw-none2"));
    }

    void forgetsADestroyedSink()
    {
        auto *tray = new RecordingSink;
        FallbackNotificationSink sink(nullptr, tray);
        QCOMPARE(sink.current(), tray);
        delete tray;
        QCOMPARE(sink.current(), nullptr);
    }

    void textAndUrgency()
    {
        QCOMPARE(NotificationText::urgency(Severity::Critical), uint8_t{2});
        QCOMPARE(NotificationText::urgency(Severity::Warning), uint8_t{1});
        QCOMPARE(NotificationText::urgency(Severity::Info), uint8_t{0});

        const auto firing = NotificationText::fromEvent(firingEvent(NotifyReason::Firing, "info"));
        QVERIFY(firing);
        QCOMPARE(firing->severity, Severity::Info);
        QCOMPARE(firing->kind, NotificationRequest::Kind::Firing);
        QCOMPARE(firing->summary, QStringLiteral("HighLatency is firing"));
        QCOMPARE(firing->body, QStringLiteral("p99 latency 612ms\nmodel=a"));
        QCOMPARE(NotificationText::fromEvent(firingEvent(NotifyReason::Repeat, "warning"))->summary,
                 QStringLiteral("HighLatency is still firing"));
        QCOMPARE(NotificationText::fromEvent(firingEvent(NotifyReason::Resolved, "bogus"))->kind,
                 NotificationRequest::Kind::Resolved);
        QCOMPARE(NotificationText::fromEvent(firingEvent(NotifyReason::Resolved, "bogus"))->severity, Severity::Warning);

        AlertEvent transition = firingEvent(NotifyReason::Firing, "critical");
        transition.kind = EventKind::Transition;
        QVERIFY(!NotificationText::fromEvent(transition));
    }

    void actionKeys()
    {
        for (auto a : {NotificationSink::Action::Acknowledge, NotificationSink::Action::Snooze1h, NotificationSink::Action::Open})
            QCOMPARE(DBusNotificationSink::actionFromKey(DBusNotificationSink::actionKey(a)), std::optional(a));
        QCOMPARE(DBusNotificationSink::actionKey(NotificationSink::Action::Open), QStringLiteral("default"));
        QVERIFY(!DBusNotificationSink::actionFromKey(QStringLiteral("bogus")));
    }

    void soundsAreOffByDefaultAndAMissingFileIsHarmless()
    {
        RecordingSink sink;
        QVERIFY(!sink.sounds().enabled);
        NotificationSounds sounds;
        sounds.enabled = true;
        sounds.paths[static_cast<std::size_t>(Severity::Critical)] = QStringLiteral("/nonexistent/critical.wav");
        sink.setSounds(sounds);
        sink.show(*NotificationText::fromEvent(firingEvent(NotifyReason::Firing, "critical")));
        QCOMPARE(sink.shown.size(), 1u);
        QVERIFY(!AlertSoundPlayer::play(QStringLiteral("/nonexistent/critical.wav")));
        QVERIFY(!AlertSoundPlayer::play(QString()));
    }
};

QTEST_GUILESS_MAIN(TestNotificationFallback)
#include "tst_notification_fallback.moc"
