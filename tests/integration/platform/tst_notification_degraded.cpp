// A notification server without the "actions" capability (a minimal one, as
// some desktops run): popups go out without buttons, with the urgency of the
// severity and the body escaped where the server takes markup. The server is
// this test's own object on a private session bus (dbus-run-session), served
// from a second thread and connection, so every call crosses the real bus.

#include "platform/DBusNotificationSink.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QMutex>
#include <QMutexLocker>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <vector>

using namespace mw::platform;

namespace {

struct NotifyCall
{
    uint replacesId = 0;
    QString body;
    QStringList actions;
    int urgency = -1;
};

class MinimalServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    std::vector<NotifyCall> calls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return {QStringLiteral("body"), QStringLiteral("body-markup")}; }
    uint Notify(const QString &, uint replacesId, const QString &, const QString &, const QString &body,
                const QStringList &actions, const QVariantMap &hints, int)
    {
        QMutexLocker lock(&m_mutex);
        const QVariant urgency = hints.value(QStringLiteral("urgency"));
        m_calls.push_back({replacesId, body, actions, urgency.metaType() == QMetaType::fromType<uchar>() ? int{urgency.value<uchar>()} : -1});
        return replacesId != 0 ? replacesId : ++m_lastId;
    }
    void CloseNotification(uint) {}

private:
    mutable QMutex m_mutex;
    std::vector<NotifyCall> m_calls;
    uint m_lastId = 0;
};

} // namespace

class TestNotificationDegraded : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("MW_PRIVATE_BUS"))
            QSKIP("needs a private session bus: run by CTest through dbus-run-session (Debian: dbus-daemon)");
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        if (QDBusConnection::sessionBus().interface()->isServiceRegistered(QString::fromLatin1(DBusNotificationSink::kService)))
            QSKIP("a notification server already runs on this bus");
        m_thread.start();
        m_server.moveToThread(&m_thread);
        m_bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("mw-minimal-server"));
        QVERIFY(m_bus.registerObject(QString::fromLatin1(DBusNotificationSink::kPath), &m_server, QDBusConnection::ExportAllSlots));
        QVERIFY(m_bus.registerService(QString::fromLatin1(DBusNotificationSink::kService)));
    }

    void cleanupTestCase()
    {
        m_bus.unregisterService(QString::fromLatin1(DBusNotificationSink::kService));
        m_bus.unregisterObject(QString::fromLatin1(DBusNotificationSink::kPath));
        QDBusConnection::disconnectFromBus(QStringLiteral("mw-minimal-server"));
        m_thread.quit();
        m_thread.wait();
    }

    void noButtonsUrgencyAndEscapedBody()
    {
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QVERIFY(sink.isAvailable());
        QVERIFY(!sink.supportsActions());
        QSignalSpy shown(&sink, &DBusNotificationSink::shown);
        NotificationRequest r;
        r.key = QStringLiteral("k");
        r.summary = QStringLiteral("HighLatency is firing");
        r.body = QStringLiteral("p99 <b>612ms</b> & rising");
        r.severity = mw::alerting::Severity::Critical;
        sink.show(r);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 10'000);
        r.kind = NotificationRequest::Kind::Repeat;
        r.severity = mw::alerting::Severity::Warning;
        sink.show(r);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10'000);
        r.kind = NotificationRequest::Kind::Resolved;
        sink.show(r);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 10'000);
        const std::vector<NotifyCall> calls = m_server.calls();
        QCOMPARE(calls.size(), 3u);
        const uint id = shown.at(0).at(1).toUInt();
        QVERIFY(id > 0);
        QCOMPARE(calls[0].replacesId, 0u);
        QCOMPARE(calls[1].replacesId, id); // updated in place
        QCOMPARE(calls[2].replacesId, id);
        for (const NotifyCall &c : calls) {
            QVERIFY2(c.actions.isEmpty(), qPrintable(c.actions.join(u',')));
            QCOMPARE(c.body, QStringLiteral("p99 &lt;b&gt;612ms&lt;/b&gt; &amp; rising"));
        }
        QCOMPARE(calls[0].urgency, 2); // critical
        QCOMPARE(calls[1].urgency, 1); // warning
        QCOMPARE(calls[2].urgency, 0); // resolved
    }

    void updatesWhileAnsweringAreCoalesced()
    {
        DBusNotificationSink sink;
        QVERIFY(sink.probe());
        QSignalSpy shown(&sink, &DBusNotificationSink::shown);
        const std::size_t before = m_server.calls().size();
        NotificationRequest r;
        r.key = QStringLiteral("burst");
        for (int i = 1; i <= 3; ++i) {
            r.body = QString::number(i);
            sink.show(r); // 1 goes out; 2 waits for its id; 3 replaces 2
        }
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 10'000);
        const std::vector<NotifyCall> calls = m_server.calls();
        QCOMPARE(calls.size(), before + 2);
        QCOMPARE(calls.back().body, QStringLiteral("3"));
        QCOMPARE(calls.back().replacesId, shown.at(0).at(1).toUInt());
    }

private:
    QThread m_thread;
    MinimalServer m_server;
    QDBusConnection m_bus{QString()};
};

QTEST_GUILESS_MAIN(TestNotificationDegraded)
#include "tst_notification_degraded.moc"
