#include "AlertSoundPlayer.h"

#include "PlatformLog.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace mw::platform {

QString AlertSoundPlayer::player()
{
    for (const QString &name : {QStringLiteral("paplay"), QStringLiteral("aplay")}) {
        const QString found = QStandardPaths::findExecutable(name);
        if (!found.isEmpty())
            return found;
    }
    return {};
}

bool AlertSoundPlayer::play(const QString &path)
{
    if (path.isEmpty())
        return false;
    if (!QFileInfo::exists(path)) {
        qCWarning(lcNotify) << "alert sound" << path << "does not exist";
        return false;
    }
    const QString program = player();
    if (program.isEmpty()) {
        qCWarning(lcNotify) << "no paplay or aplay on PATH: alert sound" << path << "not played";
        return false;
    }
    const bool started = QProcess::startDetached(program, {path});
    if (!started)
        qCWarning(lcNotify) << "could not start" << program << "for" << path;
    return started;
}

} // namespace mw::platform
