// AlertCoordinator without a notification server: the timer drives the
// engine, events are persisted before they are shown, and popup actions come
// back to the engine as the local user, "from notification".

#include "AlertTestSupport.h"
#include "RecordingSink.h"
#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::platform;
using mw::platform::test::RecordingSink;

namespace {

/// Checks, at the moment a popup is shown, that its event is already stored.
class PersistedFirstSink final : public NotificationSink
{
public:
    explicit PersistedFirstSink(AlertHistory &history) : m_history(history) {}
    bool isAvailable() const override { return true; }
    bool supportsActions() const override { return true; }
    void withdraw(const QString &) override {}
    int shown = 0;
    int storedWhenShown = 0;

protected:
    void doShow(const NotificationRequest &) override
    {
        ++shown;
        HistoryFilter f;
        f.kinds = {EventKind::Notification};
        storedWhenShown = static_cast<int>(m_history.events(f)->size());
    }

private:
    AlertHistory &m_history;
};

} // namespace

class TestAlertCoordinator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void timerDrivesTheEngine()
    {
        SystemClock clock;
        ScriptedQuerier querier;
        querier.set("lat", {series({{"model", "a"}}, 900)});
        RecordingSink sink;
        AlertCoordinator c(clock, querier, nullptr, &sink);
        AlertRule rule = latencyRule();
        rule.intervalMs = 200;
        c.setRules({rule});
        QCOMPARE(c.tickIntervalMs(), 200);
        c.start();
        QTRY_COMPARE_WITH_TIMEOUT(sink.shown.size(), 1u, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(querier.calls.size() >= 2, 5000); // evaluated again on its interval
        c.stop();
        AlertRule slow = latencyRule();
        slow.intervalMs = 60'000;
        c.setRules({slow});
        QCOMPARE(c.tickIntervalMs(), 1000); // timers (ack, snooze expiry) still run every second
    }

    void persistsBeforeShowing()
    {
        QTemporaryDir dir;
        AlertHistory history;
        QVERIFY(history.open(dir.filePath(QStringLiteral("h.sqlite"))));
        ManualClock clock(1000);
        ScriptedQuerier querier;
        PersistedFirstSink sink(history);
        AlertCoordinator c(clock, querier, &history, &sink);
        c.setRules({latencyRule()});
        querier.set("lat", {series({{"model", "a"}}, 900)});
        c.tick();
        QCOMPARE(sink.shown, 1);
        QCOMPARE(sink.storedWhenShown, 1);
    }

    void acknowledgeAndSnoozeFromThePopup()
    {
        QTemporaryDir dir;
        AlertHistory history;
        QVERIFY(history.open(dir.filePath(QStringLiteral("h.sqlite"))));
        ManualClock clock(1'000'000);
        ScriptedQuerier querier;
        RecordingSink sink;
        sink.actions = true;
        AlertCoordinator c(clock, querier, &history, &sink);
        c.setRules({latencyRule()});
        querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 900)});
        c.tick();
        const QString a = QString::fromStdString(latencyAlertId("a"));
        const QString b = QString::fromStdString(latencyAlertId("b"));
        QCOMPARE(sink.shownFor(a), 1);

        sink.click(a, NotificationSink::Action::Acknowledge);
        QCOMPARE(c.engine().status(latencyAlertId("a")), std::optional(AlertStatus::Acknowledged));
        QCOMPARE(c.engine().instance(latencyAlertId("a"))->ack->by, AlertCoordinator::localUserName().toStdString());
        QVERIFY(sink.withdrawn.contains(a)); // someone is on it: the popup goes

        sink.click(b, NotificationSink::Action::Snooze1h);
        QCOMPARE(c.engine().status(latencyAlertId("b")), std::optional(AlertStatus::Snoozed));
        QCOMPARE(c.engine().snoozes().size(), 1u);
        const Snooze s = c.engine().snoozes().front();
        QCOMPARE(s.expiresMs, 1'000'000 + AlertCoordinator::kSnoozeFromNotificationMs);
        QCOMPARE(s.comment, std::string("from notification"));
        QVERIFY(s.matches(c.engine().instance(latencyAlertId("b"))->labels));
        QVERIFY(!s.matches(c.engine().instance(latencyAlertId("a"))->labels));
        QVERIFY(sink.withdrawn.contains(b));

        HistoryFilter f;
        f.kinds = {EventKind::Acknowledged, EventKind::SnoozeAdded};
        QCOMPARE(history.events(f)->size(), 2u);

        QSignalSpy open(&c, &AlertCoordinator::openRequested);
        sink.click(a, NotificationSink::Action::Open);
        QCOMPARE(open.count(), 1);

        QSignalSpy failed(&c, &AlertCoordinator::actionFailed);
        sink.click(QStringLiteral("no such alert"), NotificationSink::Action::Acknowledge);
        QCOMPARE(failed.count(), 1);

        // An hour later b's snooze ends; at the repeat interval (4 h) b
        // notifies again, the acknowledged a stays quiet.
        const std::size_t before = sink.shown.size();
        clock.advanceMs(AlertCoordinator::kSnoozeFromNotificationMs);
        c.tick();
        QCOMPARE(c.engine().status(latencyAlertId("b")), std::optional(AlertStatus::Firing));
        clock.advanceMs(EngineOptions{}.repeatIntervalMs - AlertCoordinator::kSnoozeFromNotificationMs);
        c.tick();
        QCOMPARE(sink.shownFor(b), 2);
        QCOMPARE(sink.shownFor(a), 1);
        QCOMPARE(sink.shown.size(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestAlertCoordinator)
#include "tst_alert_coordinator.moc"
