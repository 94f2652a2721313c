#include "PausableNotificationSink.h"

#include "AlertsLog.h"

namespace mw::alertsui {

PausableNotificationSink::PausableNotificationSink(platform::NotificationSink *inner, QObject *parent)
    : NotificationSink(parent), m_inner(inner)
{
    if (inner) {
        connect(inner, &NotificationSink::actionInvoked, this, &NotificationSink::actionInvoked);
        connect(inner, &NotificationSink::closed, this, &NotificationSink::closed);
    }
}

bool PausableNotificationSink::isAvailable() const
{
    const platform::NotificationSink *inner = m_inner.data();
    return inner && inner->isAvailable();
}

bool PausableNotificationSink::supportsActions() const
{
    const platform::NotificationSink *inner = m_inner.data();
    return inner && inner->supportsActions();
}

void PausableNotificationSink::withdraw(const QString &key)
{
    if (platform::NotificationSink *inner = m_inner.data())
        inner->withdraw(key);
}

void PausableNotificationSink::doShow(const platform::NotificationRequest &request)
{
    if (m_paused) {
        qCInfo(lcAlertsUi) << "notifications paused: not shown:" << request.summary;
        return;
    }
    if (platform::NotificationSink *inner = m_inner.data())
        inner->show(request);
}

} // namespace mw::alertsui
