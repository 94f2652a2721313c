#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mw::alerting {

/// How a rule's query result becomes alert candidates.
///
/// Prometheus writes the threshold into the expression (`avg_latency > 0.5`):
/// a comparison without `bool` filters the vector, so every series it returns
/// is an active alert. A dashboard editor wants the threshold as a number it
/// can show and drag, and hysteresis needs the raw value on both sides of the
/// threshold. Both forms are kept, so imported rules stay exactly as written.
enum class ConditionKind : uint8_t {
    Filter,    ///< [filter] every returned series is active (Prometheus)
    Threshold, ///< [threshold] each returned series is compared with `threshold`
};

enum class CompareOp : uint8_t {
    Greater,      ///< [>]
    GreaterEqual, ///< [>=]
    Less,         ///< [<]
    LessEqual,    ///< [<=]
    Equal,        ///< [==]
    NotEqual,     ///< [!=]
};

/// What to do when a threshold query returns no series, or the query fails
/// (Grafana's "no data" and "error" handling).
enum class StatePolicy : uint8_t {
    KeepState, ///< [keep_state] existing alerts stay exactly as they are
    Alerting,  ///< [alerting] a synthetic alert (label mw_condition=NoData|Error) becomes active
    Ok,        ///< [ok] treat it as "nothing is wrong": active alerts resolve
};

enum class Severity : uint8_t {
    Info,     ///< [info]
    Warning,  ///< [warning]
    Critical, ///< [critical]
};

/// The unit of the rule's value. Prometheus' humanizeDuration takes seconds
/// and humanizePercentage a ratio; TF Serving reports latency in µs, so the
/// templates convert from this unit first (`{{ $value | humanizeDuration }}`
/// on 612000 µs prints "612ms", not "1w 0d ..."). None behaves as Prometheus.
enum class ValueUnit : uint8_t {
    None,         ///< [none]
    Seconds,      ///< [seconds]
    Milliseconds, ///< [milliseconds]
    Microseconds, ///< [microseconds]
    Ratio,        ///< [ratio] 0–1
    Percent,      ///< [percent] 0–100
    Bytes,        ///< [bytes]
};

/// The label the synthetic NoData/Error alert carries (as Grafana's
/// DatasourceNoData / DatasourceError alerts do, but on the rule's own name).
inline constexpr std::string_view kConditionLabel = "mw_condition";
inline constexpr std::string_view kAlertNameLabel = "alertname";

/// One alerting rule: plain data, validated by validateRule().
struct AlertRule
{
    /// Unique within an engine; instances of a rule survive setRules() when
    /// the id stays. Imported rules get "GROUP/ALERT" (plus "#N" for repeats).
    std::string id;
    std::string name; ///< the alertname label
    std::string group;
    std::string expr; ///< PromQL, evaluated by the RuleQuerier
    ConditionKind kind = ConditionKind::Filter;
    CompareOp op = CompareOp::Greater;
    double threshold = 0.0;
    /// Hysteresis, threshold rules only: a firing alert resolves only once the
    /// value is past this (below it for > and >=, above it for < and <=).
    std::optional<double> clearThreshold;
    int64_t intervalMs = 60'000;  ///< evaluation interval (the group's)
    int64_t forMs = 0;            ///< pending time before firing
    int64_t keepFiringForMs = 0;  ///< keep firing this long after the condition clears
    /// 0: the engine's default repeat interval for unacknowledged firing alerts.
    int64_t repeatIntervalMs = 0;
    Severity severity = Severity::Warning;
    ValueUnit unit = ValueUnit::None;
    StatePolicy noData = StatePolicy::KeepState;
    StatePolicy onError = StatePolicy::KeepState;
    std::map<std::string, std::string> labels;      ///< values may be templates
    std::map<std::string, std::string> annotations; ///< values are templates

    bool operator==(const AlertRule &) const = default;
};

/// Does `value` meet the rule's trigger condition? NaN never does.
bool compare(CompareOp op, double value, double threshold);
/// For a firing threshold rule with a clear threshold: has the value cleared?
bool pastClearThreshold(CompareOp op, double value, double clearThreshold);

/// The first problem with the rule ("clearThreshold must be at or below
/// threshold for >"), or nullopt when it can be evaluated.
std::optional<std::string> validateRule(const AlertRule &rule);

std::string_view conditionKindId(ConditionKind kind);
std::optional<ConditionKind> conditionKindFromId(std::string_view id);
std::string_view compareOpId(CompareOp op);
std::optional<CompareOp> compareOpFromId(std::string_view id);
std::string_view statePolicyId(StatePolicy policy);
std::optional<StatePolicy> statePolicyFromId(std::string_view id);
std::string_view severityId(Severity severity);
std::optional<Severity> severityFromId(std::string_view id);
std::string_view valueUnitId(ValueUnit unit);
std::optional<ValueUnit> valueUnitFromId(std::string_view id);

} // namespace mw::alerting
