#pragma once

#include "NotificationSink.h"
#include "alerting/AlertEngine.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace mw::platform {

class AlertHistory;

/// Wires the alert engine to the desktop: a timer drives AlertEngine::tick();
/// every event is written to the history first and only then shown (so
/// nothing is ever announced that a restart would forget); Acknowledge and
/// Snooze 1 h on a popup come back to the engine as the local user, with the
/// comment "from notification".
///
/// History and sink are optional (nullptr) and not owned. When the history
/// fails to write, the coordinator says so (historyError) and still notifies:
/// an alert nobody sees is worse than one the history misses.
class AlertCoordinator final : public QObject
{
    Q_OBJECT
public:
    static constexpr int64_t kSnoozeFromNotificationMs = 3600LL * 1000;

    AlertCoordinator(const alerting::Clock &clock, alerting::RuleQuerier &querier, AlertHistory *history,
                     NotificationSink *sink, alerting::EngineOptions options = {}, QObject *parent = nullptr);
    ~AlertCoordinator() override;

    /// Where notifications go from now on (not owned; null: nowhere). The
    /// tray's sink needs the alerts pane, which needs the coordinator: the
    /// window sets the sink once both exist.
    void setSink(NotificationSink *sink);

    /// Sets the rules and, the first time, takes the engine's state back from
    /// the history: acknowledged or already announced alerts do not notify again.
    std::vector<std::string> setRules(std::vector<alerting::AlertRule> rules);
    /// Starts the timer: every second, or the shortest rule interval if shorter.
    void start();
    void stop();
    int tickIntervalMs() const { return m_timer.interval(); }

    const alerting::AlertEngine &engine() const { return *m_engine; }
    /// The operator's actions, through the same persist-then-notify path.
    /// Acknowledges until the alert resolves (no duration) or for `durationMs`.
    alerting::ActionResult acknowledge(const std::string &instanceId, const QString &comment,
                                       std::optional<int64_t> durationMs = std::nullopt);
    /// Withdraws the acknowledgement of `instanceId` (as the local user).
    alerting::ActionResult unacknowledge(const std::string &instanceId);
    alerting::ActionResult snoozeInstance(const std::string &instanceId, int64_t durationMs, const QString &comment);
    /// Withdraws a snooze (its id is in the engine's snoozes()).
    alerting::ActionResult unsnooze(const std::string &snoozeId);

    /// The login name of the person at this desktop.
    static QString localUserName();

public Q_SLOTS:
    /// One engine tick (the timer calls it; tests call it after stepping the clock).
    void tick();

Q_SIGNALS:
    /// After each batch of events is persisted and shown.
    void eventsApplied(int count);
    void alertChanged(const QString &instanceId);
    void historyError(const QString &message);
    /// The popup's Open action (or its body clicked): show this alert.
    void openRequested(const QString &instanceId);
    /// An action from a popup the engine refused (the alert resolved meanwhile).
    void actionFailed(const QString &instanceId, const QString &message);

private:
    void apply(const std::vector<alerting::AlertEvent> &events);
    void onAction(const QString &key, NotificationSink::Action action);

    std::unique_ptr<alerting::AlertEngine> m_engine;
    AlertHistory *m_history;
    QPointer<NotificationSink> m_sink;
    QTimer m_timer;
    bool m_restored = false;
};

} // namespace mw::platform
