#include "AlertEngine.h"

#include "PromDuration.h"
#include "TimeMath.h"

#include <set>

namespace mw::alerting {

namespace {

using detail::addMs;
using detail::elapsedMs;

std::string transitionDetail(const AlertInstance &a, AlertState from, AlertStatus fromStatus, AlertStatus to, int64_t now)
{
    if (a.state != from) {
        switch (a.state) {
        case AlertState::Pending: return "condition met";
        case AlertState::Firing: return "active for " + formatPromDuration(elapsedMs(now, a.activeAtMs));
        case AlertState::Resolved:
            return a.keepFiringSinceMs ? "condition cleared, kept firing for " + formatPromDuration(elapsedMs(now, *a.keepFiringSinceMs))
                                       : std::string("condition cleared");
        case AlertState::Inactive: return "gone";
        }
    }
    if (to == AlertStatus::Snoozed)
        return "snoozed";
    if (fromStatus == AlertStatus::Snoozed)
        return "snooze ended";
    if (to == AlertStatus::Acknowledged)
        return "acknowledged";
    return "acknowledgement ended";
}

} // namespace

AlertEngine::AlertEngine(const Clock &clock, RuleQuerier &querier, EngineOptions options)
    : m_clock(clock), m_querier(querier), m_options(options)
{
}

std::vector<AlertEvent> AlertEngine::setRules(std::vector<AlertRule> rules, std::vector<std::string> *errors)
{
    const int64_t now = m_clock.nowMs();
    std::vector<AlertEvent> out;
    std::vector<AlertRule> accepted;
    std::set<std::string> ids;
    for (AlertRule &r : rules) {
        std::optional<std::string> problem = validateRule(r);
        if (!problem && !ids.insert(r.id).second)
            problem = "duplicate rule id";
        if (problem) {
            if (errors)
                errors->push_back(r.id + ": " + *problem);
            continue;
        }
        accepted.push_back(std::move(r));
    }
    for (auto it = m_runtime.begin(); it != m_runtime.end();) {
        if (ids.count(it->first) != 0) {
            ++it;
            continue;
        }
        for (auto &[id, slot] : it->second.alerts) {
            AlertEvent e;
            e.kind = EventKind::Transition;
            e.atMs = now;
            e.fromState = slot.reportedState;
            e.fromStatus = slot.reportedStatus;
            e.instance = slot.inst;
            e.instance.state = AlertState::Inactive;
            e.toStatus = AlertStatus::Inactive;
            e.detail = "rule removed";
            out.push_back(std::move(e));
        }
        it = m_runtime.erase(it);
    }
    for (const AlertRule &r : accepted) {
        RuleRuntime &rt = m_runtime[r.id];
        const AlertRule *old = rule(r.id);
        if (!old || !(*old == r))
            rt.nextEvalMs = 0; // new or changed: evaluate at the next tick
    }
    m_rules = std::move(accepted);
    return out;
}

std::vector<AlertEvent> AlertEngine::tick()
{
    const int64_t now = m_clock.nowMs();
    std::vector<AlertEvent> out;
    for (const AlertRule &r : m_rules) {
        RuleRuntime &rt = m_runtime[r.id];
        if (now >= rt.nextEvalMs)
            evaluate(r, rt, now, out);
    }
    runTimers(now, out);
    report(now, out);
    return out;
}

std::vector<AlertEvent> AlertEngine::evaluateNow(const std::string &ruleId)
{
    const int64_t now = m_clock.nowMs();
    std::vector<AlertEvent> out;
    if (const AlertRule *r = rule(ruleId)) {
        // Out of schedule: the next regular evaluation stays where it was.
        RuleRuntime &rt = m_runtime[r->id];
        const int64_t next = rt.nextEvalMs;
        evaluate(*r, rt, now, out);
        rt.nextEvalMs = next;
    }
    runTimers(now, out);
    report(now, out);
    return out;
}

void AlertEngine::evaluate(const AlertRule &rule, RuleRuntime &rt, int64_t now, std::vector<AlertEvent> &out)
{
    const QueryOutcome outcome = m_querier.instantForRule(rule.id, rule.expr, now);
    RuleSample sample = sampleRule(rule, outcome, m_options.maxSeriesPerRule);
    rt.nextEvalMs = addMs(now, rule.intervalMs);
    rt.health.lastEvalMs = now;
    rt.health.noData = sample.noData;
    rt.health.lastError = sample.error.value_or(std::string());
    if (sample.truncated)
        rt.health.lastError = std::to_string(outcome.series.size()) + " series, only the first "
            + std::to_string(m_options.maxSeriesPerRule) + " kept";
    if (sample.mode == SampleMode::FreezeAll)
        return;
    std::map<std::string, bool> seen;
    for (Candidate &c : sample.candidates) {
        const std::string id = instanceId(rule.id, c.labels);
        const auto it = rt.alerts.find(id);
        const bool firing = it != rt.alerts.end() && it->second.inst.state == AlertState::Firing;
        // Hysteresis: between the clear and the trigger threshold only an
        // alert that already fires stays active.
        if (!c.triggers && !(firing && c.holds))
            continue;
        if (!seen.emplace(id, true).second) {
            // Prometheus refuses the whole evaluation here; keeping the first
            // series loses less, and the rule's health says what happened.
            rt.health.lastError = "several series have the label set " + c.labels.toString() + " after adding the rule's labels";
            continue;
        }
        applyCandidate(rule, rt, c, now);
    }
    applyAbsent(rule, rt, sample, seen, now, out);
}

void AlertEngine::applyCandidate(const AlertRule &rule, RuleRuntime &rt, Candidate &c, int64_t now)
{
    const std::string id = instanceId(rule.id, c.labels);
    Slot &slot = rt.alerts[id];
    AlertInstance &a = slot.inst;
    if (a.state == AlertState::Inactive || a.state == AlertState::Resolved) {
        // A new activation, as Prometheus makes a new alert for a resolved
        // one: a fresh `for`, no acknowledgement, nothing announced yet.
        a = AlertInstance{};
        a.ruleId = rule.id;
        a.labels = std::move(c.labels);
        a.state = AlertState::Pending;
        a.activeAtMs = now;
    }
    a.value = c.value;
    a.annotations = std::move(c.annotations);
    a.keepFiringSinceMs.reset();
    if (a.state == AlertState::Pending && elapsedMs(now, a.activeAtMs) >= rule.forMs) {
        a.state = AlertState::Firing;
        a.firedAtMs = now;
    }
}

void AlertEngine::applyAbsent(const AlertRule &rule, RuleRuntime &rt, const RuleSample &sample,
                              const std::map<std::string, bool> &seen, int64_t now, std::vector<AlertEvent> &out)
{
    for (auto it = rt.alerts.begin(); it != rt.alerts.end();) {
        AlertInstance &a = it->second.inst;
        const bool live = a.state == AlertState::Pending || a.state == AlertState::Firing;
        const bool frozen = sample.mode == SampleMode::Condition && !a.labels.get(kConditionLabel);
        if (!live || frozen || seen.count(it->first) != 0) {
            ++it;
            continue;
        }
        if (a.state == AlertState::Firing && rule.keepFiringForMs > 0) {
            if (!a.keepFiringSinceMs)
                a.keepFiringSinceMs = now;
            if (elapsedMs(now, *a.keepFiringSinceMs) < rule.keepFiringForMs) {
                ++it;
                continue;
            }
        }
        if (a.state == AlertState::Pending) {
            // Prometheus forgets a pending alert that drops before `for`.
            AlertEvent e;
            e.kind = EventKind::Transition;
            e.atMs = now;
            e.fromState = it->second.reportedState;
            e.fromStatus = it->second.reportedStatus;
            e.instance = a;
            e.instance.state = AlertState::Inactive;
            e.toStatus = AlertStatus::Inactive;
            e.detail = "condition cleared before " + formatPromDuration(rule.forMs);
            if (e.fromState != AlertState::Inactive) // never reported: nothing to take back
                out.push_back(std::move(e));
            it = rt.alerts.erase(it);
            continue;
        }
        a.state = AlertState::Resolved;
        a.resolvedAtMs = now;
        ++it;
    }
}

void AlertEngine::report(int64_t now, std::vector<AlertEvent> &out)
{
    for (const AlertRule &r : m_rules) {
        auto &alerts = m_runtime[r.id].alerts;
        for (auto it = alerts.begin(); it != alerts.end();) {
            reportSlot(r, it->second, now, out);
            const AlertInstance &a = it->second.inst;
            if (a.state == AlertState::Resolved && a.resolvedAtMs && elapsedMs(now, *a.resolvedAtMs) >= m_options.resolvedRetentionMs) {
                AlertEvent e;
                e.kind = EventKind::Transition;
                e.atMs = now;
                e.fromState = AlertState::Resolved;
                e.fromStatus = AlertStatus::Resolved;
                e.instance = a;
                e.instance.state = AlertState::Inactive;
                e.toStatus = AlertStatus::Inactive;
                e.detail = "resolved " + formatPromDuration(elapsedMs(now, *a.resolvedAtMs)) + " ago";
                out.push_back(std::move(e));
                it = alerts.erase(it);
                continue;
            }
            ++it;
        }
    }
}

void AlertEngine::reportSlot(const AlertRule &rule, Slot &slot, int64_t now, std::vector<AlertEvent> &out)
{
    AlertInstance &a = slot.inst;
    const bool muted = snoozed(a.labels, now);
    const bool resolvedNow = a.state == AlertState::Resolved && slot.reportedState != AlertState::Resolved;
    // Resolution is announced to whoever was told it fired, and to whoever
    // acknowledged it: "it is over" is news to the person on it.
    const bool announceResolved = resolvedNow && (a.announced || a.ack) && !muted;
    if (resolvedNow)
        a.ack.reset();
    const AlertStatus status = statusOf(a, muted);
    if (a.state != slot.reportedState || status != slot.reportedStatus) {
        AlertEvent e;
        e.kind = EventKind::Transition;
        e.atMs = now;
        e.fromState = slot.reportedState;
        e.fromStatus = slot.reportedStatus;
        e.toStatus = status;
        e.detail = transitionDetail(a, slot.reportedState, slot.reportedStatus, status, now);
        e.instance = a;
        out.push_back(std::move(e));
        slot.reportedState = a.state;
        slot.reportedStatus = status;
    }
    std::optional<NotifyReason> reason;
    if (announceResolved) {
        reason = NotifyReason::Resolved;
    } else if (status == AlertStatus::Firing) {
        if (!a.announced)
            reason = NotifyReason::Firing;
        else if (!a.lastNotifiedMs || elapsedMs(now, *a.lastNotifiedMs) >= repeatInterval(rule))
            reason = NotifyReason::Repeat;
    }
    if (!reason)
        return;
    if (*reason != NotifyReason::Resolved)
        a.announced = true;
    a.lastNotifiedMs = now;
    AlertEvent e;
    e.kind = EventKind::Notification;
    e.atMs = now;
    e.reason = *reason;
    e.fromState = a.state;
    e.fromStatus = e.toStatus = status;
    e.instance = a;
    out.push_back(std::move(e));
}

int64_t AlertEngine::repeatInterval(const AlertRule &rule) const
{
    return rule.repeatIntervalMs > 0 ? rule.repeatIntervalMs : m_options.repeatIntervalMs;
}

const AlertRule *AlertEngine::rule(const std::string &ruleId) const
{
    for (const AlertRule &r : m_rules)
        if (r.id == ruleId)
            return &r;
    return nullptr;
}

} // namespace mw::alerting
