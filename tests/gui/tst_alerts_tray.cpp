// The tray icon's state and painted colour, the tray balloon notification
// sink (click → Open → the coordinator's openRequested) and the pause switch,
// offscreen (no tray: tested through their state).

#include "AlertColors.h"
#include "AlertTableModel.h"
#include "AlertTestSupport.h"
#include "PausableNotificationSink.h"
#include "TrayIcon.h"
#include "TrayNotificationSink.h"

#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTest>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::alertsui;
using mw::platform::AlertCoordinator;
using mw::platform::NotificationRequest;
using mw::platform::NotificationSink;

namespace {

constexpr int64_t kStart = 1'700'000'000'000;

/// A pixel inside the disc, away from the count in its middle.
QColor discColour(const QImage &image)
{
    return image.pixelColor(image.width() / 5, image.height() * 3 / 10);
}

} // namespace

class TestAlertsTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stateFollowsTheAlerts()
    {
        ManualClock clock(kStart);
        ScriptedQuerier querier;
        AlertCoordinator coordinator(clock, querier, nullptr, nullptr);
        AlertRule rule = latencyRule();
        rule.forMs = 30'000;
        coordinator.setRules({rule});
        AlertTableModel model(&coordinator, clock);
        TrayIcon tray(&model);
        QSignalSpy changed(&tray, &TrayIcon::stateChanged);

        QCOMPARE(tray.worstState(), AlertStatus::Inactive);
        QCOMPARE(tray.count(), 0);
        QCOMPARE(discColour(tray.image()), AlertColors::status(AlertStatus::Inactive));
        QCOMPARE(tray.toolTip(), QStringLiteral("ModelWatch: no alerts"));

        querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 900)});
        coordinator.tick();
        QCOMPARE(tray.worstState(), AlertStatus::Pending);
        QCOMPARE(tray.count(), 0);
        QCOMPARE(discColour(tray.image()), AlertColors::status(AlertStatus::Pending));

        clock.advanceMs(30'000);
        coordinator.tick();
        QCOMPARE(tray.worstState(), AlertStatus::Firing);
        QCOMPARE(tray.count(), 2);
        QCOMPARE(discColour(tray.image()), AlertColors::status(AlertStatus::Firing));
        QCOMPARE(discColour(QImage(tray.systemTrayIcon()->icon().pixmap(64).toImage())),
                 AlertColors::status(AlertStatus::Firing));
        QVERIFY(tray.toolTip().contains(QStringLiteral("2 firing")));
        QVERIFY(tray.toolTip().contains(QStringLiteral("HighLatency {model=a}")));
        QCOMPARE(tray.systemTrayIcon()->toolTip(), tray.toolTip());
        // The count is drawn in white in the middle.
        const QImage img = tray.image();
        bool white = false;
        for (int x = img.width() / 3; x < img.width() * 2 / 3; ++x)
            white |= img.pixelColor(x, img.height() / 2) == QColor(Qt::white);
        QVERIFY(white);

        QVERIFY(coordinator.acknowledge(latencyAlertId("a"), QStringLiteral("mine")).ok());
        QCOMPARE(tray.count(), 1);
        QCOMPARE(tray.worstState(), AlertStatus::Firing);
        QVERIFY(coordinator.acknowledge(latencyAlertId("b"), QStringLiteral("mine")).ok());
        QCOMPARE(tray.count(), 0);
        QCOMPARE(tray.worstState(), AlertStatus::Acknowledged);
        QCOMPARE(discColour(tray.image()), AlertColors::status(AlertStatus::Acknowledged));
        QVERIFY(changed.size() >= 4);
    }

    void menu()
    {
        ManualClock clock(kStart);
        TrayIcon tray(nullptr);
        QSignalSpy show(&tray, &TrayIcon::showWindowRequested);
        QSignalSpy quit(&tray, &TrayIcon::quitRequested);
        QSignalSpy paused(&tray, &TrayIcon::notificationsPausedChanged);
        QCOMPARE(tray.systemTrayIcon()->contextMenu(), tray.contextMenu());
        tray.showWindowAction()->trigger();
        tray.pauseAction()->trigger();
        QVERIFY(tray.notificationsPaused());
        tray.quitAction()->trigger();
        QCOMPARE(show.size(), 1);
        QCOMPARE(quit.size(), 1);
        QCOMPARE(paused.size(), 1);
        QCOMPARE(paused.front().front().toBool(), true);
    }

    void balloonClickOpensTheAlert()
    {
        TrayIcon tray(nullptr);
        TrayNotificationSink sink(tray.systemTrayIcon());
        QVERIFY(!sink.supportsActions());
        ManualClock clock(kStart);
        ScriptedQuerier querier;
        AlertCoordinator coordinator(clock, querier, nullptr, &sink);
        coordinator.setRules({latencyRule()});
        QSignalSpy open(&coordinator, &AlertCoordinator::openRequested);
        querier.set("lat", {series({{"model", "a"}}, 900)});
        coordinator.tick(); // fires: the coordinator shows it through the sink
        const QString key = QString::fromStdString(latencyAlertId("a"));
        QCOMPARE(sink.lastKey(), key);
        Q_EMIT tray.systemTrayIcon()->messageClicked();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.front().front().toString(), key);

        // Acknowledged: the popup is withdrawn, a click no longer opens it.
        QVERIFY(coordinator.acknowledge(key.toStdString(), {}).ok());
        QVERIFY(sink.lastKey().isEmpty());
        Q_EMIT tray.systemTrayIcon()->messageClicked();
        QCOMPARE(open.size(), 1);
    }

    void pauseStopsPopups()
    {
        TrayIcon tray(nullptr);
        TrayNotificationSink inner(tray.systemTrayIcon());
        PausableNotificationSink sink(&inner);
        connect(&tray, &TrayIcon::notificationsPausedChanged, &sink, &PausableNotificationSink::setPaused);
        NotificationRequest r;
        r.key = QStringLiteral("k1");
        r.summary = QStringLiteral("HighLatency is firing");
        tray.setNotificationsPaused(true);
        sink.show(r);
        QVERIFY(inner.lastKey().isEmpty());
        tray.setNotificationsPaused(false);
        sink.show(r);
        QCOMPARE(inner.lastKey(), QStringLiteral("k1"));
        QSignalSpy actions(&sink, &NotificationSink::actionInvoked);
        Q_EMIT tray.systemTrayIcon()->messageClicked();
        QCOMPARE(actions.size(), 1);
    }
};

QTEST_MAIN(TestAlertsTray)
#include "tst_alerts_tray.moc"
