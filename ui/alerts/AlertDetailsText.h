#pragma once

#include "AlertRow.h"

#include <QCoreApplication>
#include <QString>

namespace mw::alertsui {

/// The details area's HTML for one row: state, origin, value, times, every
/// label and annotation, the acknowledgement. Text is escaped.
class AlertDetailsText
{
    Q_DECLARE_TR_FUNCTIONS(AlertDetailsText)
public:
    static QString html(const AlertRow &row);
    /// One line naming the alert, for dialogs: "HighLatency {model=a} (firing)".
    static QString oneLine(const AlertRow &row);
};

} // namespace mw::alertsui
