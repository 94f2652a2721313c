#pragma once

#include "alerting/AlertRule.h"

#include <QObject>
#include <QString>

#include <array>

namespace mw::platform {

/// What to show for one alert instance. `key` is the instance id
/// (AlertInstance::id()): a sink shows at most one popup per key and updates
/// it in place.
struct NotificationRequest
{
    enum class Kind : uint8_t { Firing, Repeat, Resolved };

    QString key;
    QString summary;
    QString body; ///< plain text; a sink escapes it where the server takes markup
    alerting::Severity severity = alerting::Severity::Warning;
    Kind kind = Kind::Firing;
};

/// A sound file per severity, played by the sink when it shows a firing or
/// repeated alert. Off by default; an empty path plays nothing.
struct NotificationSounds
{
    bool enabled = false;
    std::array<QString, 3> paths; ///< indexed by Severity (info, warning, critical)
};

/// Where notifications go: the desktop's notification server (D-Bus, in this
/// folder), the system tray's balloon (ui/, it needs QtWidgets) or a log.
/// Actions the user takes on a popup come back as actionInvoked().
class NotificationSink : public QObject
{
    Q_OBJECT
public:
    enum class Action : uint8_t { Acknowledge, Snooze1h, Open };
    Q_ENUM(Action)
    enum class CloseReason : uint8_t { Expired = 1, Dismissed = 2, Closed = 3, Undefined = 4 };
    Q_ENUM(CloseReason)

    explicit NotificationSink(QObject *parent = nullptr);

    /// Can this sink show anything right now?
    virtual bool isAvailable() const = 0;
    /// Does a popup offer the action buttons (Acknowledge, Snooze 1 h, Open)?
    virtual bool supportsActions() const = 0;
    /// Shows or updates in place the popup of `request.key`, and plays the
    /// severity's sound if sounds are on.
    void show(const NotificationRequest &request);
    /// Takes the popup of `key` down (acknowledged, snoozed elsewhere); the next
    /// show() of that key makes a new one.
    virtual void withdraw(const QString &key) = 0;

    void setSounds(const NotificationSounds &sounds) { m_sounds = sounds; }
    const NotificationSounds &sounds() const { return m_sounds; }

Q_SIGNALS:
    void actionInvoked(const QString &key, mw::platform::NotificationSink::Action action);
    void closed(const QString &key, mw::platform::NotificationSink::CloseReason reason);

protected:
    virtual void doShow(const NotificationRequest &request) = 0;

private:
    NotificationSounds m_sounds;
};

} // namespace mw::platform
