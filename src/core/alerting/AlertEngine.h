#pragma once

#include "AlertRule.h"
#include "AlertTypes.h"
#include "Clock.h"
#include "RuleQuerier.h"
#include "RuleSampler.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mw::alerting {

struct EngineOptions
{
    /// Unacknowledged firing alerts notify again this often (Alertmanager's
    /// repeat_interval default); a rule's repeatIntervalMs overrides it.
    int64_t repeatIntervalMs = 4LL * 3600 * 1000;
    /// Prometheus keeps resolved alerts this long (rules/alerting.go resolvedRetention).
    int64_t resolvedRetentionMs = 15LL * 60 * 1000;
    /// A query returning more series than this is cut (and the rule's health says so).
    std::size_t maxSeriesPerRule = 10'000;
};

/// The result of an operator's action: its events, or why it was refused.
struct ActionResult
{
    std::vector<AlertEvent> events;
    std::string error;
    bool ok() const { return error.empty(); }
};

/// The last evaluation of a rule, as Prometheus' /api/v1/rules reports it.
struct RuleHealth
{
    std::optional<int64_t> lastEvalMs;
    std::string lastError; ///< query error, or "N series, only M kept"
    bool noData = false;
};

/// The KPI alert engine: evaluates rules on an injected clock through an
/// abstract querier, keeps one alert instance per (rule, series) with
/// Prometheus' pending / firing / resolved semantics, and overlays the
/// operator's acknowledgements and snoozes. Everything it decides comes out as
/// AlertEvent values; it does no I/O and owns no timer, so the application
/// calls tick() (say every second) and tests step a ManualClock and call it.
///
/// Not thread-safe: one owner thread calls everything.
class AlertEngine
{
public:
    AlertEngine(const Clock &clock, RuleQuerier &querier, EngineOptions options = {});

    /// Replaces the rules. Instances of a rule whose id stays are kept; those
    /// of removed rules end with a Transition to Inactive. Invalid rules are
    /// skipped, each with "id: problem" in `errors`.
    std::vector<AlertEvent> setRules(std::vector<AlertRule> rules, std::vector<std::string> *errors = nullptr);
    const std::vector<AlertRule> &rules() const { return m_rules; }

    /// Evaluates every rule whose interval has come (all of them on the first
    /// call), then runs the timers: acknowledgement and snooze expiry,
    /// resolved retention, repeat notifications.
    std::vector<AlertEvent> tick();
    /// Evaluates one rule now ("test rule" in the editor); its schedule stays.
    std::vector<AlertEvent> evaluateNow(const std::string &ruleId);

    /// Acknowledges a pending or firing alert, until it resolves (no
    /// duration) or for `durationMs`.
    ActionResult acknowledge(const std::string &instanceId, std::string by, std::string comment,
                             std::optional<int64_t> durationMs = std::nullopt);
    ActionResult unacknowledge(const std::string &instanceId, std::string by);
    /// Mutes matching alerts until now + durationMs; the snooze's id is in the
    /// SnoozeAdded event.
    ActionResult snooze(std::vector<LabelMatcher> matchers, int64_t durationMs, std::string by, std::string comment);
    ActionResult unsnooze(const std::string &snoozeId, std::string by);

    std::vector<AlertInstance> instances() const;
    std::optional<AlertInstance> instance(const std::string &instanceId) const;
    std::optional<AlertStatus> status(const std::string &instanceId) const;
    std::vector<Snooze> snoozes() const;
    std::optional<RuleHealth> health(const std::string &ruleId) const;

    EngineSnapshot snapshot() const;
    /// Takes back persisted state (after a restart): instances of known rules
    /// and unexpired snoozes. Emits nothing: an acknowledged or already
    /// announced alert does not notify again, a pending one keeps its `for` clock.
    void restore(const EngineSnapshot &snapshot);

private:
    /// An instance plus what was last reported about it, so a tick can tell
    /// what changed and say it once.
    struct Slot
    {
        AlertInstance inst;
        AlertState reportedState = AlertState::Inactive;
        AlertStatus reportedStatus = AlertStatus::Inactive;
    };
    struct RuleRuntime
    {
        std::map<std::string, Slot> alerts; ///< by instance id
        int64_t nextEvalMs = 0;
        RuleHealth health;
    };

    void evaluate(const AlertRule &rule, RuleRuntime &rt, int64_t now, std::vector<AlertEvent> &out);
    void applyCandidate(const AlertRule &rule, RuleRuntime &rt, Candidate &c, int64_t now);
    void applyAbsent(const AlertRule &rule, RuleRuntime &rt, const RuleSample &sample,
                     const std::map<std::string, bool> &seen, int64_t now, std::vector<AlertEvent> &out);
    void runTimers(int64_t now, std::vector<AlertEvent> &out);
    void report(int64_t now, std::vector<AlertEvent> &out);
    void reportSlot(const AlertRule &rule, Slot &slot, int64_t now, std::vector<AlertEvent> &out);
    bool snoozed(const Labels &labels, int64_t now) const;
    Slot *findSlot(const std::string &instanceId);
    const Slot *findSlot(const std::string &instanceId) const;
    const AlertRule *rule(const std::string &ruleId) const;
    int64_t repeatInterval(const AlertRule &rule) const;

    const Clock &m_clock;
    RuleQuerier &m_querier;
    EngineOptions m_options;
    std::vector<AlertRule> m_rules;
    std::map<std::string, RuleRuntime> m_runtime; ///< by rule id
    std::map<std::string, Snooze> m_snoozes;      ///< by id
    uint64_t m_snoozeSerial = 0;
};

} // namespace mw::alerting
