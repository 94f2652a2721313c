#pragma once

#include "AlertRule.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mw::alerting {

/// JSON form of an AlertRule, as the dashboard document will hold it:
///
///     {
///       "id": "tfserving/HighLatency", "name": "HighLatency", "group": "tfserving",
///       "expr": "rate(:tensorflow:serving:request_latency_sum[1m]) / rate(...[1m])",
///       "condition": {"kind": "threshold", "op": ">", "threshold": 500000,
///                     "clearThreshold": 400000},      // or {"kind": "filter"}
///       "interval": "1m", "for": "5m", "keepFiringFor": "0s",
///       "repeatInterval": "2h",                       // absent: the engine's default
///       "severity": "critical", "unit": "microseconds",
///       "noData": "keep_state", "onError": "alerting",
///       "labels": {"team": "ml"}, "annotations": {"summary": "{{ $labels.model_name }} is slow"}
///     }
///
/// Durations are Prometheus duration strings (a person edits the document);
/// ids of the enums are the [bracketed] names in AlertRule.h. Writing then
/// reading gives back an equal rule (a filter rule's op and threshold, which
/// it does not use, are not written and come back as defaults).
nlohmann::json alertRuleToJson(const AlertRule &rule);

/// The inverse of alertRuleToJson(). "id", "name", "expr" and
/// "condition.kind" are required; everything else defaults as AlertRule does.
/// Unknown members are ignored (later versions may add some). On failure
/// returns nullopt and sets `error` to the first problem with its path
/// ("condition.op: unknown operator '=>'"); the result also passes validateRule().
std::optional<AlertRule> alertRuleFromJson(const nlohmann::json &json, std::string *error = nullptr);

nlohmann::json alertRulesToJson(const std::vector<AlertRule> &rules);
/// An array of rules; errors are prefixed with "[index].".
std::optional<std::vector<AlertRule>> alertRulesFromJson(const nlohmann::json &json, std::string *error = nullptr);

} // namespace mw::alerting
