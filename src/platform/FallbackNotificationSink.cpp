#include "FallbackNotificationSink.h"

#include "PlatformLog.h"

namespace mw::platform {

FallbackNotificationSink::FallbackNotificationSink(NotificationSink *primary, NotificationSink *fallback, QObject *parent)
    : NotificationSink(parent), m_primary(primary), m_fallback(fallback)
{
    adopt(primary);
    adopt(fallback);
}

void FallbackNotificationSink::adopt(NotificationSink *sink)
{
    if (!sink)
        return;
    connect(sink, &NotificationSink::actionInvoked, this, &NotificationSink::actionInvoked);
    connect(sink, &NotificationSink::closed, this, &NotificationSink::closed);
    connect(sink, &QObject::destroyed, this, [this](QObject *gone) {
        if (gone == m_primary)
            m_primary = nullptr;
        if (gone == m_fallback)
            m_fallback = nullptr;
    });
}

NotificationSink *FallbackNotificationSink::current() const
{
    if (m_primary && m_primary->isAvailable())
        return m_primary;
    if (m_fallback && m_fallback->isAvailable())
        return m_fallback;
    return nullptr;
}

bool FallbackNotificationSink::supportsActions() const
{
    const NotificationSink *sink = current();
    return sink && sink->supportsActions();
}

void FallbackNotificationSink::withdraw(const QString &key)
{
    if (m_primary)
        m_primary->withdraw(key);
    if (m_fallback)
        m_fallback->withdraw(key);
}

void FallbackNotificationSink::doShow(const NotificationRequest &request)
{
    // Sounds are played by this sink (show()), not by the one it forwards to.
    if (NotificationSink *sink = current()) {
        sink->setSounds({});
        sink->show(request);
        return;
    }
    qCWarning(lcNotify).noquote() << "no notification server or tray:" << request.summary << '-' << request.body;
}

} // namespace mw::platform
