// The window's notifications against a real notification server (dunst on a
// private session bus under Xvfb: tests/integration/run_with_dunst.sh). The
// demo dashboard's HighLatency rule (made quick) fires on the demo's latency
// fault; its popup comes from the window's own sink chain; dunst itself
// invokes the popup's Acknowledge action (the test dunstrc's dmenu picks it);
// the alert is acknowledged "from notification", stays acknowledged after a
// restart of the window on the same history, and resolves.

#include "AppAlertsSupport.h"
#include "DemoBackends.h"
#include "DemoServerFixture.h"
#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mw;

namespace {

constexpr int kTimeoutMs = 60'000;
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kDunst = QStringLiteral("org.dunstproject.cmd0");

uint displayedPopups()
{
    QDBusMessage get = QDBusMessage::createMethodCall(kService, kPath, QStringLiteral("org.freedesktop.DBus.Properties"),
                                                      QStringLiteral("Get"));
    get << kDunst << QStringLiteral("displayedLength");
    const QDBusMessage reply = QDBusConnection::sessionBus().call(get, QDBus::Block, 2000);
    if (reply.type() != QDBusMessage::ReplyMessage)
        return 0;
    return reply.arguments().constFirst().value<QDBusVariant>().variant().toUInt();
}

bool dunstContextMenu()
{
    const QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kDunst, QStringLiteral("ContextMenuCall"));
    const QDBusMessage reply = QDBusConnection::sessionBus().call(call, QDBus::Block, 2000);
    return reply.type() == QDBusMessage::ReplyMessage;
}

} // namespace

class TestAppDunst : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (const QByteArray skip = qgetenv("MW_DUNST_SKIP"); !skip.isEmpty())
            QSKIP(skip.constData());
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = test::startDemoServer(&error);
        QVERIFY2(m_demo, qPrintable(error));
    }

    void acknowledgedFromThePopup()
    {
        const QString history = m_dir.filePath(QStringLiteral("alerts.sqlite"));
        std::string id;
        {
            ui::MainWindow w(app::backendMaker(m_demo.get()));
            app::AppAlerts alerts(w, history);
            QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
            w.showNewDocument(test::quickDemo(w));
            m_demo->faults().setActive(demo::Fault::Latency, true);
            QTRY_VERIFY_WITH_TIMEOUT(test::highLatency(alerts) && test::highLatency(alerts)->state == alerting::AlertState::Firing,
                                     kTimeoutMs);
            id = test::highLatency(alerts)->id();
            // The popup is dunst's: shown through the window's sink chain.
            QTRY_VERIFY_WITH_TIMEOUT(displayedPopups() >= 1, 10'000);
            QVERIFY(dunstContextMenu()); // dmenu (grep) picks our "acknowledge" action
            QTRY_VERIFY_WITH_TIMEOUT(test::highLatency(alerts)->ack.has_value(), 10'000);
            QCOMPARE(test::highLatency(alerts)->ack->comment, std::string("from notification"));
            QCOMPARE(QString::fromStdString(test::highLatency(alerts)->ack->by), platform::AlertCoordinator::localUserName());
        }
        {
            ui::MainWindow w(app::backendMaker(m_demo.get()));
            app::AppAlerts alerts(w, history);
            QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
            w.showNewDocument(test::quickDemo(w));
            QTRY_VERIFY_WITH_TIMEOUT(test::highLatency(alerts).has_value(), 5000);
            QCOMPARE(test::highLatency(alerts)->id(), id);
            QVERIFY(test::highLatency(alerts)->ack.has_value());
            m_demo->faults().setActive(demo::Fault::Latency, false);
            QTRY_VERIFY_WITH_TIMEOUT(!test::highLatency(alerts) ||
                                         test::highLatency(alerts)->state == alerting::AlertState::Resolved ||
                                         test::highLatency(alerts)->state == alerting::AlertState::Inactive,
                                     kTimeoutMs);
        }
    }

private:
    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAppDunst)
#include "tst_app_dunst.moc"
