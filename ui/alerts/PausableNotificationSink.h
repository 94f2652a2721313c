#pragma once

#include "platform/NotificationSink.h"

#include <QPointer>

namespace mw::alertsui {

/// Passes notifications to another sink unless paused (the tray menu's
/// "Pause notifications"): while paused nothing pops up, withdrawals and
/// actions still pass. The alerts are still evaluated and stored.
class PausableNotificationSink final : public platform::NotificationSink
{
    Q_OBJECT
public:
    /// `inner` is not owned.
    explicit PausableNotificationSink(platform::NotificationSink *inner, QObject *parent = nullptr);

    bool isPaused() const { return m_paused; }
    void setPaused(bool paused) { m_paused = paused; }

    bool isAvailable() const override;
    bool supportsActions() const override;
    void withdraw(const QString &key) override;

protected:
    void doShow(const platform::NotificationRequest &request) override;

private:
    QPointer<platform::NotificationSink> m_inner;
    bool m_paused = false;
};

} // namespace mw::alertsui
