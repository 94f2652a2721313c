#pragma once

#include "AlertRow.h"

#include "alertmanager/AckSilencer.h"
#include "alertmanager/AmTypes.h"
#include "prometheus/PromTypes.h"

#include <QString>

#include <optional>
#include <vector>

namespace mw::alertsui {

/// Turns each kind of alert into the row the table shows. Pure functions.
class AlertRowBuilder
{
public:
    /// A local engine instance; `rule` may be null (a rule removed meanwhile).
    static AlertRow fromInstance(const alerting::AlertInstance &instance, const alerting::AlertRule *rule,
                                 const std::vector<alerting::Snooze> &snoozes, int64_t nowMs,
                                 std::optional<int> panelId);
    /// An Alertmanager alert: silenced means acknowledged (the silence's
    /// author and comment are shown), inhibited means snoozed.
    static AlertRow fromAlertmanager(const QString &source, const AmAlert &alert,
                                     const std::vector<AmSilence> &silences, const AckSilencer &silencer);
    /// A Prometheus alert (pending or firing).
    static AlertRow fromPrometheus(const QString &source, const PromAlert &alert);

    /// The severity a `severity` label names; warning when absent or unknown.
    static alerting::Severity severityOf(const AlertRow::Pairs &labels);
};

} // namespace mw::alertsui
