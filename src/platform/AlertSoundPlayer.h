#pragma once

#include <QString>

namespace mw::platform {

/// Plays a sound file with PulseAudio's `paplay` or ALSA's `aplay`, whichever
/// is installed, detached: the alert path never waits for audio.
class AlertSoundPlayer
{
public:
    /// The player program found on PATH, or an empty string.
    static QString player();
    /// False (and a log line) when the file or a player is missing.
    static bool play(const QString &path);
};

} // namespace mw::platform
