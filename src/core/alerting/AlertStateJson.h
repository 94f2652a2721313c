#pragma once

#include "AlertTypes.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace mw::alerting {

/// JSON forms of the engine's values, for the alert history (SQLite) to store
/// events as text and hand them back to snapshotFromEvents() after a restart.
///
///     instance: {"ruleId": "...", "labels": {"alertname": "HighLatency", ...},
///                "state": "firing", "value": "612000",      // Go/Prometheus text: "NaN", "+Inf" too
///                "annotations": {...}, "activeAtMs": 0, "firedAtMs": 300000,
///                "resolvedAtMs"?, "keepFiringSinceMs"?, "lastNotifiedMs"?, "announced": true,
///                "ack"?: {"by": "ana", "atMs": 1, "comment": "", "untilMs"?: 2}}
///     snooze:   {"id": "...", "matchers": [{"name": "model", "value": "a|c", "isRegex": true, "isEqual": true}],
///                "expiresAtMs": 2, "by": "bo", "atMs": 1, "comment": ""}   // matchers as Alertmanager's
///     event:    {"kind": "transition", "atMs": 1, "instance"?: {...}, "fromState": "pending",
///                "fromStatus": "pending", "toStatus": "firing", "reason"?: "firing",
///                "snooze"?: {...}, "actor": "", "detail": "active for 5m"}
///
/// Times are ms since the Unix epoch. Values are strings because JSON has no
/// NaN (the synthetic NoData alert's value). Each reader returns nullopt and
/// the path of the first problem in `error`; writing then reading is exact.
nlohmann::json alertInstanceToJson(const AlertInstance &instance);
std::optional<AlertInstance> alertInstanceFromJson(const nlohmann::json &json, std::string *error = nullptr);
nlohmann::json snoozeToJson(const Snooze &snooze);
std::optional<Snooze> snoozeFromJson(const nlohmann::json &json, std::string *error = nullptr);
nlohmann::json alertEventToJson(const AlertEvent &event);
std::optional<AlertEvent> alertEventFromJson(const nlohmann::json &json, std::string *error = nullptr);

} // namespace mw::alerting
