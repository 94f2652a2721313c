#include "AlertTypes.h"

#include "EnumTable.h"

#include <algorithm>

namespace mw::alerting {

namespace {

using detail::fromId;
using detail::idOf;

constexpr detail::EnumTable<AlertState, 4> kStates{{
    {AlertState::Inactive, "inactive"},
    {AlertState::Pending, "pending"},
    {AlertState::Firing, "firing"},
    {AlertState::Resolved, "resolved"},
}};
constexpr detail::EnumTable<AlertStatus, 6> kStatuses{{
    {AlertStatus::Inactive, "inactive"},
    {AlertStatus::Pending, "pending"},
    {AlertStatus::Firing, "firing"},
    {AlertStatus::Acknowledged, "acknowledged"},
    {AlertStatus::Snoozed, "snoozed"},
    {AlertStatus::Resolved, "resolved"},
}};
constexpr detail::EnumTable<EventKind, 6> kKinds{{
    {EventKind::Transition, "transition"},
    {EventKind::Notification, "notification"},
    {EventKind::Acknowledged, "acknowledged"},
    {EventKind::AckCleared, "ack_cleared"},
    {EventKind::SnoozeAdded, "snooze_added"},
    {EventKind::SnoozeRemoved, "snooze_removed"},
}};
constexpr detail::EnumTable<NotifyReason, 3> kReasons{{
    {NotifyReason::Firing, "firing"},
    {NotifyReason::Repeat, "repeat"},
    {NotifyReason::Resolved, "resolved"},
}};

} // namespace

bool Snooze::matches(const Labels &labels) const
{
    return !matchers.empty()
        && std::all_of(matchers.begin(), matchers.end(), [&](const LabelMatcher &m) { return m.matches(labels); });
}

std::string instanceId(std::string_view ruleId, const Labels &labels)
{
    // A rule id never holds a newline in practice; the label text is
    // unambiguous (quoted, escaped), so the pair is too.
    std::string id(ruleId);
    id += ' ';
    id += labels.toString();
    return id;
}

std::string AlertInstance::id() const
{
    return instanceId(ruleId, labels);
}

AlertStatus statusOf(const AlertInstance &instance, bool snoozed)
{
    switch (instance.state) {
    case AlertState::Inactive: return AlertStatus::Inactive;
    case AlertState::Resolved: return AlertStatus::Resolved;
    case AlertState::Pending:
    case AlertState::Firing:
        if (snoozed)
            return AlertStatus::Snoozed;
        if (instance.ack)
            return AlertStatus::Acknowledged;
        return instance.state == AlertState::Pending ? AlertStatus::Pending : AlertStatus::Firing;
    }
    return AlertStatus::Inactive;
}

EngineSnapshot snapshotFromEvents(const std::vector<AlertEvent> &events)
{
    std::map<std::string, AlertInstance> instances;
    std::map<std::string, Snooze> snoozes;
    for (const AlertEvent &e : events) {
        switch (e.kind) {
        case EventKind::SnoozeAdded:
            if (e.snooze)
                snoozes.insert_or_assign(e.snooze->id, *e.snooze);
            break;
        case EventKind::SnoozeRemoved:
            if (e.snooze)
                snoozes.erase(e.snooze->id);
            break;
        case EventKind::Transition:
        case EventKind::Notification:
        case EventKind::Acknowledged:
        case EventKind::AckCleared:
            if (e.instance.state == AlertState::Inactive)
                instances.erase(e.instance.id());
            else
                instances.insert_or_assign(e.instance.id(), e.instance);
            break;
        }
    }
    EngineSnapshot s;
    for (auto &[id, inst] : instances)
        s.instances.push_back(std::move(inst));
    for (auto &[id, snooze] : snoozes)
        s.snoozes.push_back(std::move(snooze));
    return s;
}

std::string_view alertStateId(AlertState state) { return idOf(kStates, state); }
std::optional<AlertState> alertStateFromId(std::string_view id) { return fromId(kStates, id); }
std::string_view alertStatusId(AlertStatus status) { return idOf(kStatuses, status); }
std::optional<AlertStatus> alertStatusFromId(std::string_view id) { return fromId(kStatuses, id); }
std::string_view eventKindId(EventKind kind) { return idOf(kKinds, kind); }
std::optional<EventKind> eventKindFromId(std::string_view id) { return fromId(kKinds, id); }
std::string_view notifyReasonId(NotifyReason reason) { return idOf(kReasons, reason); }
std::optional<NotifyReason> notifyReasonFromId(std::string_view id) { return fromId(kReasons, id); }

} // namespace mw::alerting
