#pragma once

#include "alerting/AlertRule.h"
#include "alerting/AlertTypes.h"

#include <QColor>
#include <QIcon>

namespace mw::alertsui {

/// The colours of alert states and severities, shared by the table, the tray
/// icon and the chart bands. QtGui only.
class AlertColors
{
public:
    static QColor status(alerting::AlertStatus status);
    static QColor severity(alerting::Severity severity);
    /// A filled circle in the status colour (cached per status).
    static QIcon statusIcon(alerting::AlertStatus status);
};

} // namespace mw::alertsui
