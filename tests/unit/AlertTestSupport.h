#pragma once

// Shared by the alerting tests: a querier whose answers the test scripts,
// and small filters over the engine's events.

#include "alerting/AlertEngine.h"
#include "alerting/RuleQuerier.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mw::alerting::test {

/// Answers each expression with what the test last set; unknown expressions
/// get an empty vector. Records every call, so tests can check the schedule.
class ScriptedQuerier final : public RuleQuerier
{
public:
    void set(const std::string &expr, std::vector<SeriesValue> series) { m_answers[expr] = QueryOutcome{std::move(series), {}}; }
    void fail(const std::string &expr, std::string error) { m_answers[expr] = QueryOutcome{{}, std::move(error)}; }

    QueryOutcome instant(const std::string &expr, int64_t timeMs) override
    {
        calls.emplace_back(expr, timeMs);
        const auto it = m_answers.find(expr);
        return it == m_answers.end() ? QueryOutcome{} : it->second;
    }

    std::vector<std::pair<std::string, int64_t>> calls;

private:
    std::map<std::string, QueryOutcome> m_answers;
};

inline SeriesValue series(std::initializer_list<std::pair<std::string_view, std::string_view>> labels, double value)
{
    return SeriesValue{Labels(labels), value};
}

inline std::vector<AlertEvent> ofKind(const std::vector<AlertEvent> &events, EventKind kind)
{
    std::vector<AlertEvent> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out), [&](const AlertEvent &e) { return e.kind == kind; });
    return out;
}

inline std::vector<AlertEvent> notifications(const std::vector<AlertEvent> &events)
{
    return ofKind(events, EventKind::Notification);
}

inline std::vector<AlertEvent> transitions(const std::vector<AlertEvent> &events)
{
    return ofKind(events, EventKind::Transition);
}

/// A threshold rule on expression "lat": value > 500, evaluated every 15 s.
inline AlertRule latencyRule()
{
    AlertRule r;
    r.id = "serving/HighLatency";
    r.name = "HighLatency";
    r.group = "serving";
    r.expr = "lat";
    r.kind = ConditionKind::Threshold;
    r.op = CompareOp::Greater;
    r.threshold = 500;
    r.intervalMs = 15'000;
    r.severity = Severity::Critical;
    return r;
}

/// The id of the alert a latencyRule() makes for {model="NAME"}.
inline std::string latencyAlertId(std::string_view model, const AlertRule &rule = latencyRule())
{
    Labels l{{"model", model}, {"alertname", rule.name}, {"severity", severityId(rule.severity)}};
    for (const auto &[k, v] : rule.labels)
        l.set(k, v);
    return instanceId(rule.id, l);
}

} // namespace mw::alerting::test
