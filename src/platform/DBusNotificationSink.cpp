#include "DBusNotificationSink.h"

#include "NotificationText.h"
#include "PlatformLog.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QVariantMap>

namespace mw::platform {

namespace {

QString service() { return QString::fromLatin1(DBusNotificationSink::kService); }
QString path() { return QString::fromLatin1(DBusNotificationSink::kPath); }
QString iface() { return QString::fromLatin1(DBusNotificationSink::kInterface); }

} // namespace

QString DBusNotificationSink::actionKey(Action action)
{
    switch (action) {
    case Action::Acknowledge: return QStringLiteral("acknowledge");
    case Action::Snooze1h: return QStringLiteral("snooze-1h");
    case Action::Open: return QStringLiteral("default");
    }
    return {};
}

std::optional<NotificationSink::Action> DBusNotificationSink::actionFromKey(const QString &key)
{
    for (Action a : {Action::Acknowledge, Action::Snooze1h, Action::Open})
        if (actionKey(a) == key)
            return a;
    return std::nullopt;
}

DBusNotificationSink::DBusNotificationSink(QDBusConnection connection, QObject *parent)
    : NotificationSink(parent), m_connection(std::move(connection))
{
    if (!m_connection.isConnected()) {
        qCInfo(lcNotify) << "no D-Bus session bus:" << m_connection.lastError().message();
        return;
    }
    m_connection.connect(service(), path(), iface(), QStringLiteral("ActionInvoked"), this,
                         SLOT(onActionInvoked(uint,QString)));
    m_connection.connect(service(), path(), iface(), QStringLiteral("NotificationClosed"), this,
                         SLOT(onNotificationClosed(uint,uint)));
    auto *watcher = new QDBusServiceWatcher(service(), m_connection,
                                            QDBusServiceWatcher::WatchForOwnerChange, this);
    connect(watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
            [this](const QString &, const QString &, const QString &newOwner) {
                // A restarted server knows none of our ids.
                m_entries.clear();
                m_gone.clear();
                if (newOwner.isEmpty()) {
                    qCInfo(lcNotify) << "notification server left the bus";
                    m_available = false;
                    m_capabilities.clear();
                } else {
                    probe();
                }
            });
}

bool DBusNotificationSink::probe(int timeoutMs)
{
    m_available = false;
    m_capabilities.clear();
    if (!m_connection.isConnected())
        return false;
    const QDBusMessage call = QDBusMessage::createMethodCall(service(), path(), iface(), QStringLiteral("GetCapabilities"));
    const QDBusMessage reply = m_connection.call(call, QDBus::Block, timeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        qCInfo(lcNotify) << "no notification server on the session bus:" << reply.errorMessage();
        return false;
    }
    m_capabilities = reply.arguments().constFirst().toStringList();
    m_available = true;
    qCInfo(lcNotify) << "notification server capabilities:" << m_capabilities;
    if (!supportsActions())
        qCInfo(lcNotify) << "the notification server has no action buttons: popups will not offer Acknowledge or Snooze";
    return true;
}

void DBusNotificationSink::doShow(const NotificationRequest &request)
{
    Entry &e = m_entries[request.key];
    e.withdrawQueued = false;
    if (e.inFlight) {
        e.queued = request;
        return;
    }
    send(request);
}

void DBusNotificationSink::send(const NotificationRequest &request)
{
    Entry &e = m_entries[request.key];
    QStringList actions;
    if (supportsActions()) {
        // Pairs of key and label. A resolved alert offers only Open.
        if (request.kind != NotificationRequest::Kind::Resolved)
            actions << actionKey(Action::Acknowledge) << tr("Acknowledge") << actionKey(Action::Snooze1h) << tr("Snooze 1 h");
        actions << actionKey(Action::Open) << tr("Open");
    }
    // A resolved alert is news, not an emergency: it takes low urgency so a
    // critical popup replaced by its resolution expires like any other.
    const uint8_t urgency = request.kind == NotificationRequest::Kind::Resolved ? uint8_t{0} : NotificationText::urgency(request.severity);
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue<uchar>(urgency));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("org.modelwatch.ModelWatch"));
    hints.insert(QStringLiteral("category"), QStringLiteral("device"));
    const bool markup = m_capabilities.contains(QStringLiteral("body-markup"));
    QDBusMessage call = QDBusMessage::createMethodCall(service(), path(), iface(), QStringLiteral("Notify"));
    call << QStringLiteral("ModelWatch") << e.id << QString() << request.summary << (markup ? request.body.toHtmlEscaped() : request.body) << actions
         << hints << int{-1};
    e.inFlight = true;
    auto *watcher = new QDBusPendingCallWatcher(m_connection.asyncCall(call), this);
    const QString key = request.key;
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, key](QDBusPendingCallWatcher *w) { onReply(key, w); });
}

void DBusNotificationSink::onReply(const QString &key, QDBusPendingCallWatcher *watcher)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return; // the server restarted meanwhile
    it->second.inFlight = false;
    if (reply.isError()) {
        qCWarning(lcNotify) << "Notify failed for" << key << ":" << reply.error().message();
        Q_EMIT failed(key, reply.error().message());
    } else {
        it->second.id = reply.value();
        Q_EMIT shown(key, it->second.id);
    }
    it = m_entries.find(key); // a slot may have changed the table
    if (it == m_entries.end())
        return;
    Entry &e = it->second;
    if (e.withdrawQueued) {
        const uint id = e.id;
        m_entries.erase(it);
        closeOnServer(id, key);
    } else if (e.queued) {
        const NotificationRequest next = std::move(*e.queued);
        e.queued.reset();
        send(next);
    }
}

void DBusNotificationSink::withdraw(const QString &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    if (it->second.inFlight) {
        it->second.queued.reset();
        it->second.withdrawQueued = true;
        return;
    }
    const uint id = it->second.id;
    m_entries.erase(it);
    closeOnServer(id, key);
}

void DBusNotificationSink::closeOnServer(uint id, const QString &key)
{
    if (id == 0 || !m_connection.isConnected())
        return;
    remember(id, key, false);
    QDBusMessage call = QDBusMessage::createMethodCall(service(), path(), iface(), QStringLiteral("CloseNotification"));
    call << id;
    m_connection.asyncCall(call); // fire and forget: an unknown id is not our problem
}

void DBusNotificationSink::remember(uint id, const QString &key, bool closedSeen)
{
    if (m_gone.size() > 256)
        m_gone.clear(); // bounded: only the latest signals of old popups matter
    m_gone[id] = Gone{key, closedSeen};
}

QString DBusNotificationSink::keyOf(uint id) const
{
    if (id == 0)
        return {};
    for (const auto &[key, entry] : m_entries)
        if (entry.id == id)
            return key;
    // A popup we withdrew or the server closed: its ActionInvoked may still
    // be on the way (the specification does not order it before the close).
    const auto gone = m_gone.find(id);
    return gone == m_gone.end() ? QString() : gone->second.key;
}

uint DBusNotificationSink::notificationId(const QString &key) const
{
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? 0 : it->second.id;
}

void DBusNotificationSink::onActionInvoked(uint id, const QString &key)
{
    const QString alert = keyOf(id);
    if (alert.isEmpty())
        return; // another application's popup
    const std::optional<Action> action = actionFromKey(key);
    if (!action) {
        qCWarning(lcNotify) << "unknown action" << key << "on the popup of" << alert;
        return;
    }
    qCDebug(lcNotify) << "action" << key << "on" << alert;
    Q_EMIT actionInvoked(alert, *action);
}

void DBusNotificationSink::onNotificationClosed(uint id, uint reason)
{
    const QString alert = keyOf(id);
    if (alert.isEmpty())
        return;
    if (const auto gone = m_gone.find(id); gone != m_gone.end()) {
        if (gone->second.closedSeen)
            return; // said once
        gone->second.closedSeen = true;
    } else if (const auto it = m_entries.find(alert); it != m_entries.end() && !it->second.inFlight) {
        m_entries.erase(it); // the next show() makes a new popup
        remember(id, alert, true);
    }
    const CloseReason r = reason >= 1 && reason <= 3 ? static_cast<CloseReason>(reason) : CloseReason::Undefined;
    Q_EMIT closed(alert, r);
}

} // namespace mw::platform
