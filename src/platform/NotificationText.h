#pragma once

#include "NotificationSink.h"
#include "alerting/AlertTypes.h"

#include <QCoreApplication>

#include <optional>

namespace mw::platform {

/// Turns the engine's Notification events into what a popup says.
class NotificationText
{
    Q_DECLARE_TR_FUNCTIONS(NotificationText)
public:
    /// nullopt for events that are not notifications.
    static std::optional<NotificationRequest> fromEvent(const alerting::AlertEvent &event);
    /// The `severity` label of the instance (the rule's severity), warning if
    /// it is missing or unknown.
    static alerting::Severity severityOf(const alerting::AlertInstance &instance);
    /// The freedesktop urgency byte: critical 2, warning 1, info 0.
    static uint8_t urgency(alerting::Severity severity);
};

} // namespace mw::platform
