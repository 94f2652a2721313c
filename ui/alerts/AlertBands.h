#pragma once

#include "alerting/AlertEngine.h"
#include "dashboard/Document.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mw::platform {
class AlertHistory;
}

namespace mw::alertsui {

/// One period an alert was firing, clipped to the asked range.
struct AlertBand
{
    int64_t fromMs = 0;
    int64_t toMs = 0;
    alerting::Severity severity = alerting::Severity::Warning;
    std::string ruleId;
    std::string instanceId;
    bool operator==(const AlertBand &) const = default;
};

/// The firing periods of the rules tied to a dashboard panel, for the
/// panel's chart (the dashboard turns them into TimeBands). Widget-free.
class AlertBands
{
public:
    /// The ids of the rules whose DocumentRule::panelId is `panelId`.
    static std::vector<std::string> rulesOfPanel(const std::vector<dashboard::DocumentRule> &rules, int panelId);

    /// From Transition events, oldest first: a period opens when an
    /// instance's state becomes firing and closes when it leaves firing; one
    /// still open ends at `nowMs`. Clipped to [fromMs, toMs), sorted by start.
    static std::vector<AlertBand> fromEvents(const std::vector<alerting::AlertEvent> &events, int64_t fromMs,
                                             int64_t toMs, int64_t nowMs);

    /// From the history: the transitions of the panel's rules up to `toMs`.
    /// nullopt on a read error (history.errorString()).
    static std::optional<std::vector<AlertBand>> forPanel(const platform::AlertHistory &history,
                                                          const std::vector<dashboard::DocumentRule> &rules,
                                                          int panelId, int64_t fromMs, int64_t toMs, int64_t nowMs);

    /// Without a history: the current firing periods of the engine's
    /// instances of those rules (since they fired, up to `nowMs`).
    static std::vector<AlertBand> fromEngine(const alerting::AlertEngine &engine, const std::vector<std::string> &ruleIds,
                                             int64_t fromMs, int64_t toMs, int64_t nowMs);
};

} // namespace mw::alertsui
