#pragma once

#include "platform/NotificationSink.h"

#include <QPointer>

class QSystemTrayIcon;

namespace mw::alertsui {

/// Notifications as the tray icon's balloon messages
/// (QSystemTrayIcon::showMessage): the fallback where no notification server
/// runs (put it behind FallbackNotificationSink). A balloon has no buttons;
/// clicking it is the Open action of the alert it showed last.
class TrayNotificationSink final : public platform::NotificationSink
{
    Q_OBJECT
public:
    static constexpr int kMessageTimeoutMs = 10'000;

    /// `tray` is not owned (TrayIcon::systemTrayIcon()).
    explicit TrayNotificationSink(QSystemTrayIcon *tray, QObject *parent = nullptr);

    /// A visible tray icon on a desktop with a tray that shows messages.
    bool isAvailable() const override;
    bool supportsActions() const override { return false; }
    /// A balloon cannot be taken down; a click on it no longer opens `key`.
    void withdraw(const QString &key) override;

    /// The key of the balloon shown last, empty when withdrawn.
    QString lastKey() const { return m_lastKey; }

protected:
    void doShow(const platform::NotificationRequest &request) override;

private:
    QPointer<QSystemTrayIcon> m_tray;
    QString m_lastKey;
};

} // namespace mw::alertsui
