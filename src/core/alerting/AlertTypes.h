#pragma once

#include "LabelMatcher.h"
#include "store/Labels.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::alerting {

/// Prometheus' alert states. Prometheus calls a resolved alert "inactive with
/// ResolvedAt set" and keeps it for 15 minutes; it is named here so the UI and
/// the history can tell "resolved a minute ago" from "never fired".
enum class AlertState : uint8_t {
    Inactive, ///< [inactive] gone (only seen in the last event of an instance)
    Pending,  ///< [pending] active, waiting for `for`
    Firing,   ///< [firing]
    Resolved, ///< [resolved] was firing, no longer active; kept for a while
};

/// What the alert pane shows: the state, overlaid by the operator's actions.
/// A snooze wins over an acknowledgement (nothing is announced either way).
enum class AlertStatus : uint8_t {
    Inactive,     ///< [inactive]
    Pending,      ///< [pending]
    Firing,       ///< [firing] and notifying
    Acknowledged, ///< [acknowledged] pending or firing, someone is on it
    Snoozed,      ///< [snoozed] pending or firing, muted by a snooze
    Resolved,     ///< [resolved]
};

/// "I am on it": mutes repeat notifications of one alert instance.
struct Acknowledgement
{
    std::string by;
    int64_t atMs = 0;
    std::string comment;
    /// nullopt: until the alert resolves. Otherwise the time it lapses; if the
    /// alert still fires then, it notifies again.
    std::optional<int64_t> untilMs;

    bool operator==(const Acknowledgement &) const = default;
};

/// Mutes every pending or firing alert whose labels match all matchers, until
/// `expiresMs` (Alertmanager's silence, kept locally).
struct Snooze
{
    std::string id;
    std::vector<LabelMatcher> matchers; ///< at least one
    int64_t expiresMs = 0;
    std::string by;
    int64_t atMs = 0;
    std::string comment;

    bool matches(const Labels &labels) const;
    bool activeAt(int64_t ms) const { return ms < expiresMs; }
    bool operator==(const Snooze &) const = default;
};

/// One alert: a rule's series. Plain data: what events carry, what the history
/// persists and what restore() takes back.
struct AlertInstance
{
    std::string ruleId;
    /// The series' labels without __name__, the rule's (expanded) labels,
    /// `alertname` and `severity`: the alert's identity within its rule.
    Labels labels;
    AlertState state = AlertState::Inactive;
    double value = 0.0;
    std::map<std::string, std::string> annotations; ///< expanded at the last evaluation
    int64_t activeAtMs = 0; ///< when it became pending (this activation)
    std::optional<int64_t> firedAtMs;
    std::optional<int64_t> resolvedAtMs;
    std::optional<int64_t> keepFiringSinceMs; ///< the condition cleared; kept by keep_firing_for
    std::optional<int64_t> lastNotifiedMs;
    bool announced = false; ///< a firing notification went out for this activation
    std::optional<Acknowledgement> ack;

    /// Stable key: the rule id and the label set (instanceId()).
    std::string id() const;
    bool operator==(const AlertInstance &) const = default;
};

std::string instanceId(std::string_view ruleId, const Labels &labels);

enum class EventKind : uint8_t {
    Transition,     ///< [transition] state or status changed (from → to)
    Notification,   ///< [notification] ask the platform layer to notify
    Acknowledged,   ///< [acknowledged]
    AckCleared,     ///< [ack_cleared] lapsed, withdrawn, or ended by resolution
    SnoozeAdded,    ///< [snooze_added]
    SnoozeRemoved,  ///< [snooze_removed] expired or withdrawn
};

enum class NotifyReason : uint8_t {
    Firing,   ///< [firing] first announcement of this activation
    Repeat,   ///< [repeat] still firing, unacknowledged, repeat interval elapsed
    Resolved, ///< [resolved] announced even when it was acknowledged
};

/// What the engine tells the layers above. Events are values: the history
/// appends them, the notifier shows Notification ones, and
/// snapshotFromEvents() rebuilds the engine's state from them after a restart.
struct AlertEvent
{
    EventKind kind = EventKind::Transition;
    int64_t atMs = 0;
    AlertInstance instance;  ///< after the event (not for Snooze*)
    AlertState fromState = AlertState::Inactive;
    AlertStatus fromStatus = AlertStatus::Inactive;
    AlertStatus toStatus = AlertStatus::Inactive;
    NotifyReason reason = NotifyReason::Firing; ///< Notification only
    std::optional<Snooze> snooze;               ///< Snooze* only
    std::string actor;   ///< who acted (acks, snoozes); empty for the engine
    std::string detail;  ///< why, for people: "active for 5m", "acknowledgement lapsed"

    bool operator==(const AlertEvent &) const = default;
};

/// Everything restore() needs: live instances and snoozes.
struct EngineSnapshot
{
    std::vector<AlertInstance> instances;
    std::vector<Snooze> snoozes;
};

/// Replays persisted events (oldest first): the last instance value of each
/// id wins, instances whose last event left them Inactive are gone, and
/// snoozes are added and removed in order.
EngineSnapshot snapshotFromEvents(const std::vector<AlertEvent> &events);

AlertStatus statusOf(const AlertInstance &instance, bool snoozed);

std::string_view alertStateId(AlertState state);
std::optional<AlertState> alertStateFromId(std::string_view id);
std::string_view alertStatusId(AlertStatus status);
std::optional<AlertStatus> alertStatusFromId(std::string_view id);
std::string_view eventKindId(EventKind kind);
std::optional<EventKind> eventKindFromId(std::string_view id);
std::string_view notifyReasonId(NotifyReason reason);
std::optional<NotifyReason> notifyReasonFromId(std::string_view id);

} // namespace mw::alerting
