#pragma once

#include "alerting/AlertRule.h"
#include "alerting/AlertTypes.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mw::alertsui {

/// Where an alert in the pane comes from.
enum class AlertOrigin : uint8_t {
    Local,        ///< this ModelWatch's alert engine
    Alertmanager, ///< GET /api/v2/alerts of a configured Alertmanager
    Prometheus,   ///< GET /api/v1/alerts of a configured Prometheus
};

/// One line of the alerts table: a plain value built from an engine instance
/// or an external alert (AlertRowBuilder), compared to find what changed.
struct AlertRow
{
    using Pairs = std::vector<std::pair<std::string, std::string>>;

    /// Unique in the table: "local:<instance id>", "alertmanager:<source>:<fingerprint>",
    /// "prometheus:<source>:<labels>".
    QString key;
    AlertOrigin origin = AlertOrigin::Local;
    QString sourceName; ///< the external source's name; empty for local alerts
    alerting::AlertStatus status = alerting::AlertStatus::Inactive;
    alerting::Severity severity = alerting::Severity::Warning;
    QString rule;          ///< the alertname
    std::string ruleId;    ///< local alerts: the rule's id
    std::string instanceId; ///< local alerts: AlertInstance::id()
    double value = 0.0;
    bool hasValue = false;
    alerting::ValueUnit unit = alerting::ValueUnit::None;
    int64_t sinceMs = 0; ///< since when it is in its state; 0 when unknown
    Pairs labels;        ///< every label, sorted by name
    Pairs annotations;   ///< sorted by name

    /// The acknowledgement, snooze or (Alertmanager) silence on it, if any.
    QString actionBy;
    int64_t actionAtMs = 0;
    QString actionComment;
    std::optional<int64_t> actionUntilMs; ///< nullopt: until resolved
    bool hasAction = false;

    std::optional<int> panelId; ///< the dashboard panel the rule is tied to
    std::string fingerprint;    ///< Alertmanager's
    std::vector<std::string> silencedBy; ///< Alertmanager's silence ids
    QString generatorUrl;

    /// Pending, firing, acknowledged or snoozed.
    bool isActive() const;
    /// What the origin column says: "local", "alertmanager NAME", "prometheus NAME".
    QString originText() const;
    bool operator==(const AlertRow &) const = default;
};

/// Worst first: firing, pending, acknowledged, snoozed, resolved, inactive.
int statusRank(alerting::AlertStatus status);

} // namespace mw::alertsui
