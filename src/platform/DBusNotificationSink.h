#pragma once

#include "NotificationSink.h"

#include <QDBusConnection>
#include <QStringList>

#include <map>
#include <optional>

class QDBusPendingCallWatcher;

namespace mw::platform {

/// Notifications through the freedesktop notification server
/// (org.freedesktop.Notifications on the session bus: dunst, mako, GNOME
/// Shell, Plasma...). One popup per alert instance, updated in place through
/// replaces_id; Acknowledge, Snooze 1 h and Open buttons where the server has
/// the "actions" capability; urgency from the severity.
///
/// Notify calls are asynchronous: a hung server never blocks the caller. A
/// show() while the previous Notify of the same key is unanswered waits for
/// its id, so an update is never sent as a second popup.
class DBusNotificationSink final : public NotificationSink
{
    Q_OBJECT
public:
    static constexpr const char *kService = "org.freedesktop.Notifications";
    static constexpr const char *kPath = "/org/freedesktop/Notifications";
    static constexpr const char *kInterface = "org.freedesktop.Notifications";

    /// The action keys sent to the server. "default" is what a click on the
    /// popup's body invokes (the specification's default action): Open.
    static QString actionKey(Action action);
    static std::optional<Action> actionFromKey(const QString &key);

    explicit DBusNotificationSink(QDBusConnection connection = QDBusConnection::sessionBus(), QObject *parent = nullptr);

    /// Asks the server for its capabilities (blocking, at most `timeoutMs`):
    /// true when a server answered. Called by the constructor's owner once,
    /// and again when the server's name appears on the bus.
    bool probe(int timeoutMs = 3000);

    bool isAvailable() const override { return m_available; }
    bool supportsActions() const override { return m_capabilities.contains(QStringLiteral("actions")); }
    void withdraw(const QString &key) override;

    QStringList capabilities() const { return m_capabilities; }
    /// The server's id of the popup shown for `key`, 0 if none.
    uint notificationId(const QString &key) const;

Q_SIGNALS:
    /// The server accepted a Notify for `key` and answered `id`.
    void shown(const QString &key, uint id);
    /// A Notify failed (the server went away, refused it).
    void failed(const QString &key, const QString &message);

protected:
    void doShow(const NotificationRequest &request) override;

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    struct Entry
    {
        uint id = 0;
        bool inFlight = false;
        std::optional<NotificationRequest> queued; ///< the latest show() while in flight
        bool withdrawQueued = false;
    };

    void send(const NotificationRequest &request);
    void onReply(const QString &key, QDBusPendingCallWatcher *watcher);
    void closeOnServer(uint id, const QString &key);
    QString keyOf(uint id) const;

    QDBusConnection m_connection;
    bool m_available = false;
    QStringList m_capabilities;
    std::map<QString, Entry> m_entries;
    struct Gone
    {
        QString key;
        bool closedSeen = false;
    };
    void remember(uint id, const QString &key, bool closedSeen);
    std::map<uint, Gone> m_gone; ///< popups withdrawn or closed, by id
};

} // namespace mw::platform
