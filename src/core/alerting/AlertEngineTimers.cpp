// AlertEngine, part two: what the operator does (acknowledge, snooze), the
// timers that undo it, and snapshot/restore. Evaluation is in AlertEngine.cpp.
#include "AlertEngine.h"

#include "TimeMath.h"

#include <utility>

namespace mw::alerting {

void AlertEngine::runTimers(int64_t now, std::vector<AlertEvent> &out)
{
    for (auto &[ruleId, rt] : m_runtime) {
        for (auto &[id, slot] : rt.alerts) {
            std::optional<Acknowledgement> &ack = slot.inst.ack;
            if (!ack || !ack->untilMs || now < *ack->untilMs)
                continue;
            ack.reset();
            AlertEvent e;
            e.kind = EventKind::AckCleared;
            e.atMs = now;
            e.fromState = slot.inst.state;
            e.instance = slot.inst;
            e.detail = "acknowledgement lapsed";
            out.push_back(std::move(e));
        }
    }
    for (auto it = m_snoozes.begin(); it != m_snoozes.end();) {
        if (it->second.activeAt(now)) {
            ++it;
            continue;
        }
        AlertEvent e;
        e.kind = EventKind::SnoozeRemoved;
        e.atMs = now;
        e.snooze = it->second;
        e.detail = "snooze expired";
        out.push_back(std::move(e));
        it = m_snoozes.erase(it);
    }
}

ActionResult AlertEngine::acknowledge(const std::string &instanceId, std::string by, std::string comment,
                                      std::optional<int64_t> durationMs)
{
    const int64_t now = m_clock.nowMs();
    ActionResult r;
    Slot *slot = findSlot(instanceId);
    if (!slot) {
        r.error = "no alert " + instanceId;
        return r;
    }
    if (slot->inst.state != AlertState::Pending && slot->inst.state != AlertState::Firing) {
        r.error = "only a pending or firing alert can be acknowledged";
        return r;
    }
    if (durationMs && *durationMs <= 0) {
        r.error = "acknowledgement duration must be positive";
        return r;
    }
    Acknowledgement ack;
    ack.by = by;
    ack.atMs = now;
    ack.comment = comment;
    if (durationMs)
        ack.untilMs = detail::addMs(now, *durationMs);
    slot->inst.ack = std::move(ack);
    AlertEvent e;
    e.kind = EventKind::Acknowledged;
    e.atMs = now;
    e.fromState = slot->inst.state;
    e.instance = slot->inst;
    e.actor = std::move(by);
    e.detail = std::move(comment);
    r.events.push_back(std::move(e));
    report(now, r.events);
    return r;
}

ActionResult AlertEngine::unacknowledge(const std::string &instanceId, std::string by)
{
    const int64_t now = m_clock.nowMs();
    ActionResult r;
    Slot *slot = findSlot(instanceId);
    if (!slot || !slot->inst.ack) {
        r.error = "no acknowledged alert " + instanceId;
        return r;
    }
    slot->inst.ack.reset();
    AlertEvent e;
    e.kind = EventKind::AckCleared;
    e.atMs = now;
    e.fromState = slot->inst.state;
    e.instance = slot->inst;
    e.actor = std::move(by);
    e.detail = "acknowledgement withdrawn";
    r.events.push_back(std::move(e));
    report(now, r.events);
    return r;
}

ActionResult AlertEngine::snooze(std::vector<LabelMatcher> matchers, int64_t durationMs, std::string by, std::string comment)
{
    const int64_t now = m_clock.nowMs();
    ActionResult r;
    if (matchers.empty()) {
        r.error = "a snooze needs at least one matcher";
        return r;
    }
    if (durationMs <= 0) {
        r.error = "snooze duration must be positive";
        return r;
    }
    Snooze s;
    // Unique across restarts: restore() moves the serial past restored ids.
    do
        s.id = "snooze-" + std::to_string(now) + "-" + std::to_string(++m_snoozeSerial);
    while (m_snoozes.count(s.id) != 0);
    s.matchers = std::move(matchers);
    s.expiresMs = detail::addMs(now, durationMs);
    s.by = by;
    s.atMs = now;
    s.comment = std::move(comment);
    AlertEvent e;
    e.kind = EventKind::SnoozeAdded;
    e.atMs = now;
    e.snooze = s;
    e.actor = std::move(by);
    e.detail = s.comment;
    m_snoozes.emplace(s.id, std::move(s));
    r.events.push_back(std::move(e));
    report(now, r.events);
    return r;
}

ActionResult AlertEngine::unsnooze(const std::string &snoozeId, std::string by)
{
    const int64_t now = m_clock.nowMs();
    ActionResult r;
    const auto it = m_snoozes.find(snoozeId);
    if (it == m_snoozes.end()) {
        r.error = "no snooze " + snoozeId;
        return r;
    }
    AlertEvent e;
    e.kind = EventKind::SnoozeRemoved;
    e.atMs = now;
    e.snooze = it->second;
    e.actor = std::move(by);
    e.detail = "snooze withdrawn";
    m_snoozes.erase(it);
    r.events.push_back(std::move(e));
    report(now, r.events);
    return r;
}

bool AlertEngine::snoozed(const Labels &labels, int64_t now) const
{
    for (const auto &[id, s] : m_snoozes)
        if (s.activeAt(now) && s.matches(labels))
            return true;
    return false;
}

AlertEngine::Slot *AlertEngine::findSlot(const std::string &instanceId)
{
    return const_cast<Slot *>(std::as_const(*this).findSlot(instanceId));
}

const AlertEngine::Slot *AlertEngine::findSlot(const std::string &instanceId) const
{
    for (const auto &[ruleId, rt] : m_runtime) {
        const auto it = rt.alerts.find(instanceId);
        if (it != rt.alerts.end())
            return &it->second;
    }
    return nullptr;
}

std::vector<AlertInstance> AlertEngine::instances() const
{
    std::vector<AlertInstance> out;
    for (const AlertRule &r : m_rules) {
        const auto rt = m_runtime.find(r.id);
        if (rt == m_runtime.end())
            continue;
        for (const auto &[id, slot] : rt->second.alerts)
            out.push_back(slot.inst);
    }
    return out;
}

std::optional<AlertInstance> AlertEngine::instance(const std::string &instanceId) const
{
    const Slot *slot = findSlot(instanceId);
    return slot ? std::optional<AlertInstance>(slot->inst) : std::nullopt;
}

std::optional<AlertStatus> AlertEngine::status(const std::string &instanceId) const
{
    const Slot *slot = findSlot(instanceId);
    if (!slot)
        return std::nullopt;
    return statusOf(slot->inst, snoozed(slot->inst.labels, m_clock.nowMs()));
}

std::vector<Snooze> AlertEngine::snoozes() const
{
    std::vector<Snooze> out;
    for (const auto &[id, s] : m_snoozes)
        out.push_back(s);
    return out;
}

std::optional<RuleHealth> AlertEngine::health(const std::string &ruleId) const
{
    const auto it = m_runtime.find(ruleId);
    if (it == m_runtime.end())
        return std::nullopt;
    return it->second.health;
}

EngineSnapshot AlertEngine::snapshot() const
{
    return EngineSnapshot{instances(), snoozes()};
}

void AlertEngine::restore(const EngineSnapshot &snapshot)
{
    const int64_t now = m_clock.nowMs();
    for (const Snooze &s : snapshot.snoozes)
        if (s.activeAt(now) && !s.matchers.empty())
            m_snoozes.insert_or_assign(s.id, s);
    m_snoozeSerial += m_snoozes.size();
    for (const AlertInstance &inst : snapshot.instances) {
        if (!rule(inst.ruleId) || inst.state == AlertState::Inactive)
            continue;
        Slot slot;
        slot.inst = inst;
        // Reported as it was persisted: the first tick says only what changed
        // since, so nothing already announced or acknowledged is repeated.
        slot.reportedState = inst.state;
        slot.reportedStatus = statusOf(inst, snoozed(inst.labels, now));
        m_runtime[inst.ruleId].alerts.insert_or_assign(inst.id(), std::move(slot));
    }
}

} // namespace mw::alerting
