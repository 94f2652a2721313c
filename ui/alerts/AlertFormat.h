#pragma once

#include "AlertRow.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>

namespace mw::alertsui {

/// The words and numbers the alerts pane and the tray show. QtCore only.
class AlertFormat
{
    Q_DECLARE_TR_FUNCTIONS(AlertFormat)
public:
    /// The value in its unit: "612ms", "45.2%", "1.5GiB", "0.93".
    static QString value(double v, alerting::ValueUnit unit);
    /// "inactive", "pending", "firing", "acknowledged", "snoozed", "resolved".
    static QString status(alerting::AlertStatus status);
    static QString severity(alerting::Severity severity);
    /// Local date and time, "2026-03-01 14:05:09"; empty for 0.
    static QString time(int64_t ms);
    /// "15 min", "1 h", "4 h 30 min", "2 d".
    static QString duration(int64_t ms);
    /// "model=a, instance=gpu1", without alertname and severity (own columns).
    static QString labels(const AlertRow::Pairs &labels);
    /// "ana, 14:05: looking at it (until resolved)"; empty without an action.
    static QString action(const AlertRow &row);
};

} // namespace mw::alertsui
