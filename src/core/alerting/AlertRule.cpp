#include "AlertRule.h"

#include "EnumTable.h"

#include <cmath>

namespace mw::alerting {

namespace {

using detail::fromId;
using detail::idOf;

constexpr detail::EnumTable<ConditionKind, 2> kKinds{{
    {ConditionKind::Filter, "filter"},
    {ConditionKind::Threshold, "threshold"},
}};
constexpr detail::EnumTable<CompareOp, 6> kOps{{
    {CompareOp::Greater, ">"},
    {CompareOp::GreaterEqual, ">="},
    {CompareOp::Less, "<"},
    {CompareOp::LessEqual, "<="},
    {CompareOp::Equal, "=="},
    {CompareOp::NotEqual, "!="},
}};
constexpr detail::EnumTable<StatePolicy, 3> kPolicies{{
    {StatePolicy::KeepState, "keep_state"},
    {StatePolicy::Alerting, "alerting"},
    {StatePolicy::Ok, "ok"},
}};
constexpr detail::EnumTable<Severity, 3> kSeverities{{
    {Severity::Info, "info"},
    {Severity::Warning, "warning"},
    {Severity::Critical, "critical"},
}};
constexpr detail::EnumTable<ValueUnit, 7> kUnits{{
    {ValueUnit::None, "none"},
    {ValueUnit::Seconds, "seconds"},
    {ValueUnit::Milliseconds, "milliseconds"},
    {ValueUnit::Microseconds, "microseconds"},
    {ValueUnit::Ratio, "ratio"},
    {ValueUnit::Percent, "percent"},
    {ValueUnit::Bytes, "bytes"},
}};

} // namespace

bool compare(CompareOp op, double value, double threshold)
{
    if (std::isnan(value))
        return false;
    switch (op) {
    case CompareOp::Greater: return value > threshold;
    case CompareOp::GreaterEqual: return value >= threshold;
    case CompareOp::Less: return value < threshold;
    case CompareOp::LessEqual: return value <= threshold;
    case CompareOp::Equal: return value == threshold;
    case CompareOp::NotEqual: return value != threshold;
    }
    return false;
}

bool pastClearThreshold(CompareOp op, double value, double clearThreshold)
{
    // NaN is "no usable value": it clears, as a missing series would.
    if (std::isnan(value))
        return true;
    switch (op) {
    case CompareOp::Greater:
    case CompareOp::GreaterEqual: return value < clearThreshold;
    case CompareOp::Less:
    case CompareOp::LessEqual: return value > clearThreshold;
    case CompareOp::Equal:
    case CompareOp::NotEqual: return true;
    }
    return true;
}

std::optional<std::string> validateRule(const AlertRule &rule)
{
    if (rule.id.empty())
        return std::string("id: empty");
    if (rule.name.empty())
        return std::string("name: empty");
    if (rule.expr.empty())
        return std::string("expr: empty");
    if (rule.intervalMs <= 0)
        return std::string("interval: must be positive");
    if (rule.forMs < 0 || rule.keepFiringForMs < 0 || rule.repeatIntervalMs < 0)
        return std::string("for, keep_firing_for and repeat_interval must not be negative");
    if (rule.kind == ConditionKind::Threshold && !std::isfinite(rule.threshold))
        return std::string("threshold: must be a finite number");
    if (rule.clearThreshold) {
        const double c = *rule.clearThreshold;
        if (rule.kind != ConditionKind::Threshold)
            return std::string("clearThreshold: needs a threshold rule (a filter expression has no value to compare)");
        if (!std::isfinite(c))
            return std::string("clearThreshold: must be a finite number");
        switch (rule.op) {
        case CompareOp::Greater:
        case CompareOp::GreaterEqual:
            if (c > rule.threshold)
                return std::string("clearThreshold: must be at or below the threshold for > and >=");
            break;
        case CompareOp::Less:
        case CompareOp::LessEqual:
            if (c < rule.threshold)
                return std::string("clearThreshold: must be at or above the threshold for < and <=");
            break;
        case CompareOp::Equal:
        case CompareOp::NotEqual:
            return std::string("clearThreshold: only for <, <=, > and >=");
        }
    }
    if (rule.labels.count(std::string(kAlertNameLabel)) != 0)
        return std::string("labels: 'alertname' is set from the rule's name");
    return std::nullopt;
}

std::string_view conditionKindId(ConditionKind kind) { return idOf(kKinds, kind); }
std::optional<ConditionKind> conditionKindFromId(std::string_view id) { return fromId(kKinds, id); }
std::string_view compareOpId(CompareOp op) { return idOf(kOps, op); }
std::optional<CompareOp> compareOpFromId(std::string_view id) { return fromId(kOps, id); }
std::string_view statePolicyId(StatePolicy policy) { return idOf(kPolicies, policy); }
std::optional<StatePolicy> statePolicyFromId(std::string_view id) { return fromId(kPolicies, id); }
std::string_view severityId(Severity severity) { return idOf(kSeverities, severity); }
std::optional<Severity> severityFromId(std::string_view id) { return fromId(kSeverities, id); }
std::string_view valueUnitId(ValueUnit unit) { return idOf(kUnits, unit); }
std::optional<ValueUnit> valueUnitFromId(std::string_view id) { return fromId(kUnits, id); }

} // namespace mw::alerting
