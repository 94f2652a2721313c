#pragma once

#include "NotificationSink.h"

namespace mw::platform {

/// Picks where each notification goes: the primary sink (the D-Bus
/// notification server) while it is available, else the fallback (the tray
/// balloon, QSystemTrayIcon::showMessage, made in ui/), else the log. The
/// choice is made per notification, so a notification server that starts or
/// stops while ModelWatch runs is followed. Actions from either come out of
/// this sink's actionInvoked().
///
/// Does not own the sinks (the ui owns the tray one); one destroyed first is
/// forgotten.
class FallbackNotificationSink final : public NotificationSink
{
    Q_OBJECT
public:
    FallbackNotificationSink(NotificationSink *primary, NotificationSink *fallback, QObject *parent = nullptr);

    /// The sink the next notification goes to, nullptr for the log.
    NotificationSink *current() const;

    bool isAvailable() const override { return current() != nullptr; }
    bool supportsActions() const override;
    void withdraw(const QString &key) override;

protected:
    void doShow(const NotificationRequest &request) override;

private:
    void adopt(NotificationSink *sink);

    NotificationSink *m_primary;
    NotificationSink *m_fallback;
};

} // namespace mw::platform
