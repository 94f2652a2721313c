#include "NotificationSink.h"

#include "AlertSoundPlayer.h"

namespace mw::platform {

NotificationSink::NotificationSink(QObject *parent) : QObject(parent)
{
}

void NotificationSink::show(const NotificationRequest &request)
{
    doShow(request);
    if (m_sounds.enabled && request.kind != NotificationRequest::Kind::Resolved)
        AlertSoundPlayer::play(m_sounds.paths[static_cast<std::size_t>(request.severity)]);
}

} // namespace mw::platform
