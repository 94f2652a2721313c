#include "TrayNotificationSink.h"

#include "AlertsLog.h"

#include <QSystemTrayIcon>

namespace mw::alertsui {

using platform::NotificationRequest;

TrayNotificationSink::TrayNotificationSink(QSystemTrayIcon *tray, QObject *parent)
    : NotificationSink(parent), m_tray(tray)
{
    if (tray)
        connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastKey.isEmpty())
                Q_EMIT actionInvoked(m_lastKey, Action::Open);
        });
}

bool TrayNotificationSink::isAvailable() const
{
    const QSystemTrayIcon *tray = m_tray.data();
    return tray && tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable()
        && QSystemTrayIcon::supportsMessages();
}

void TrayNotificationSink::withdraw(const QString &key)
{
    if (key == m_lastKey)
        m_lastKey.clear();
}

void TrayNotificationSink::doShow(const NotificationRequest &request)
{
    QSystemTrayIcon *tray = m_tray.data();
    if (!tray)
        return;
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
    if (request.kind != NotificationRequest::Kind::Resolved) {
        switch (request.severity) {
        case alerting::Severity::Critical: icon = QSystemTrayIcon::Critical; break;
        case alerting::Severity::Warning: icon = QSystemTrayIcon::Warning; break;
        case alerting::Severity::Info: icon = QSystemTrayIcon::Information; break;
        }
    }
    m_lastKey = request.key;
    qCDebug(lcAlertsUi) << "tray message for" << request.key;
    tray->showMessage(request.summary, request.body, icon, kMessageTimeoutMs);
}

} // namespace mw::alertsui
