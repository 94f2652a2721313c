#include "AlertCoordinator.h"

#include "AlertHistory.h"
#include "NotificationText.h"
#include "PlatformLog.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>

namespace mw::platform {

using alerting::ActionResult;
using alerting::AlertEvent;
using alerting::AlertStatus;
using alerting::EventKind;

AlertCoordinator::AlertCoordinator(const alerting::Clock &clock, alerting::RuleQuerier &querier, AlertHistory *history,
                                   NotificationSink *sink, alerting::EngineOptions options, QObject *parent)
    : QObject(parent),
      m_engine(std::make_unique<alerting::AlertEngine>(clock, querier, options)),
      m_history(history),
      m_sink(sink)
{
    m_timer.setInterval(1000);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &AlertCoordinator::tick);
    setSink(sink);
}

void AlertCoordinator::setSink(NotificationSink *sink)
{
    if (NotificationSink *old = m_sink.data())
        disconnect(old, &NotificationSink::actionInvoked, this, &AlertCoordinator::onAction);
    m_sink = sink;
    if (sink)
        connect(sink, &NotificationSink::actionInvoked, this, &AlertCoordinator::onAction);
}

AlertCoordinator::~AlertCoordinator() = default;

QString AlertCoordinator::localUserName()
{
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("uid-%1").arg(::geteuid()) : user;
}

std::vector<std::string> AlertCoordinator::setRules(std::vector<alerting::AlertRule> rules)
{
    std::vector<std::string> errors;
    int64_t shortest = 1000;
    for (const alerting::AlertRule &r : rules)
        if (r.intervalMs > 0)
            shortest = std::min(shortest, r.intervalMs);
    // The engine keeps each rule's own schedule; the timer only has to come
    // often enough for the shortest interval and for ack/snooze expiry.
    m_timer.setInterval(static_cast<int>(std::max<int64_t>(shortest, 100)));
    const std::vector<AlertEvent> events = m_engine->setRules(std::move(rules), &errors);
    for (const std::string &e : errors)
        qCWarning(lcAlerts) << "rule skipped:" << QString::fromStdString(e);
    if (!m_restored && m_history && m_history->isOpen()) {
        m_restored = true;
        if (const std::optional<alerting::EngineSnapshot> s = m_history->liveState()) {
            m_engine->restore(*s);
            qCInfo(lcAlerts) << "restored" << s->instances.size() << "alerts and" << s->snoozes.size()
                             << "snoozes from the alert history";
        } else {
            Q_EMIT historyError(m_history->errorString());
        }
    }
    apply(events);
    return errors;
}

void AlertCoordinator::start()
{
    m_timer.start();
}

void AlertCoordinator::stop()
{
    m_timer.stop();
}

void AlertCoordinator::tick()
{
    apply(m_engine->tick());
}

ActionResult AlertCoordinator::acknowledge(const std::string &instanceId, const QString &comment,
                                           std::optional<int64_t> durationMs)
{
    ActionResult r = m_engine->acknowledge(instanceId, localUserName().toStdString(), comment.toStdString(), durationMs);
    apply(r.events);
    return r;
}

ActionResult AlertCoordinator::unacknowledge(const std::string &instanceId)
{
    ActionResult r = m_engine->unacknowledge(instanceId, localUserName().toStdString());
    apply(r.events);
    return r;
}

ActionResult AlertCoordinator::unsnooze(const std::string &snoozeId)
{
    ActionResult r = m_engine->unsnooze(snoozeId, localUserName().toStdString());
    apply(r.events);
    return r;
}

ActionResult AlertCoordinator::snoozeInstance(const std::string &instanceId, int64_t durationMs, const QString &comment)
{
    const std::optional<alerting::AlertInstance> inst = m_engine->instance(instanceId);
    if (!inst) {
        ActionResult r;
        r.error = "no alert " + instanceId;
        return r;
    }
    // Alertmanager's "silence this alert": one equality matcher per label.
    std::vector<alerting::LabelMatcher> matchers;
    for (const auto &pair : inst->labels.pairs())
        if (auto m = alerting::LabelMatcher::create(pair.name, alerting::LabelMatcher::Op::Equal, pair.value))
            matchers.push_back(std::move(*m));
    ActionResult r = m_engine->snooze(std::move(matchers), durationMs, localUserName().toStdString(), comment.toStdString());
    apply(r.events);
    return r;
}

void AlertCoordinator::onAction(const QString &key, NotificationSink::Action action)
{
    const std::string id = key.toStdString();
    ActionResult r;
    switch (action) {
    case NotificationSink::Action::Open:
        Q_EMIT openRequested(key);
        return;
    case NotificationSink::Action::Acknowledge:
        r = acknowledge(id, tr("from notification"));
        break;
    case NotificationSink::Action::Snooze1h:
        r = snoozeInstance(id, kSnoozeFromNotificationMs, tr("from notification"));
        break;
    }
    if (!r.ok()) {
        qCWarning(lcAlerts) << "action from notification refused:" << QString::fromStdString(r.error);
        Q_EMIT actionFailed(key, QString::fromStdString(r.error));
    }
}

void AlertCoordinator::apply(const std::vector<AlertEvent> &events)
{
    if (events.empty())
        return;
    // Persist first: what is shown is always in the history.
    if (m_history && m_history->isOpen() && !m_history->append(events))
        Q_EMIT historyError(m_history->errorString());
    for (const AlertEvent &e : events) {
        const bool snooze = e.kind == EventKind::SnoozeAdded || e.kind == EventKind::SnoozeRemoved;
        const QString key = snooze ? QString() : QString::fromStdString(e.instance.id());
        if (m_sink) {
            if (const std::optional<NotificationRequest> request = NotificationText::fromEvent(e))
                m_sink->show(*request);
            else if (e.kind == EventKind::Transition
                     && (e.toStatus == AlertStatus::Acknowledged || e.toStatus == AlertStatus::Snoozed
                         || e.toStatus == AlertStatus::Inactive))
                m_sink->withdraw(key); // someone is on it, or it is gone: take the popup down
        }
        if (!snooze)
            Q_EMIT alertChanged(key);
    }
    Q_EMIT eventsApplied(static_cast<int>(events.size()));
}

} // namespace mw::platform
