#include "AlertRowBuilder.h"

#include <algorithm>

namespace mw::alertsui {

using alerting::AlertState;
using alerting::AlertStatus;
using alerting::Severity;

namespace {

std::string find(const AlertRow::Pairs &pairs, std::string_view name)
{
    const auto it = std::find_if(pairs.begin(), pairs.end(), [&](const auto &p) { return p.first == name; });
    return it == pairs.end() ? std::string() : it->second;
}

QString joinLabels(const AlertRow::Pairs &labels)
{
    QString out;
    for (const auto &[name, value] : labels)
        out += QString::fromStdString(name) + u'=' + QString::fromStdString(value) + u',';
    return out;
}

} // namespace

Severity AlertRowBuilder::severityOf(const AlertRow::Pairs &labels)
{
    return alerting::severityFromId(find(labels, "severity")).value_or(Severity::Warning);
}

AlertRow AlertRowBuilder::fromInstance(const alerting::AlertInstance &inst, const alerting::AlertRule *rule,
                                       const std::vector<alerting::Snooze> &snoozes, int64_t nowMs,
                                       std::optional<int> panelId)
{
    AlertRow row;
    row.instanceId = inst.id();
    row.key = QStringLiteral("local:") + QString::fromStdString(row.instanceId);
    row.origin = AlertOrigin::Local;
    row.ruleId = inst.ruleId;
    for (const auto &pair : inst.labels.pairs())
        row.labels.emplace_back(pair.name, pair.value);
    std::sort(row.labels.begin(), row.labels.end());
    for (const auto &[name, value] : inst.annotations)
        row.annotations.emplace_back(name, value);
    const alerting::Snooze *snooze = nullptr;
    for (const alerting::Snooze &s : snoozes)
        if (s.activeAt(nowMs) && s.matches(inst.labels) && (!snooze || s.expiresMs > snooze->expiresMs))
            snooze = &s;
    row.status = alerting::statusOf(inst, snooze != nullptr);
    row.severity = rule ? rule->severity : severityOf(row.labels);
    const std::string name = find(row.labels, "alertname");
    row.rule = QString::fromStdString(!name.empty() ? name : (rule ? rule->name : inst.ruleId));
    row.value = inst.value;
    row.hasValue = inst.state != AlertState::Inactive;
    row.unit = rule ? rule->unit : alerting::ValueUnit::None;
    switch (inst.state) {
    case AlertState::Firing: row.sinceMs = inst.firedAtMs.value_or(inst.activeAtMs); break;
    case AlertState::Pending: row.sinceMs = inst.activeAtMs; break;
    case AlertState::Resolved: row.sinceMs = inst.resolvedAtMs.value_or(0); break;
    case AlertState::Inactive: row.sinceMs = 0; break;
    }
    if (row.status == AlertStatus::Snoozed && snooze) {
        row.hasAction = true;
        row.actionBy = QString::fromStdString(snooze->by);
        row.actionAtMs = snooze->atMs;
        row.actionComment = QString::fromStdString(snooze->comment);
        row.actionUntilMs = snooze->expiresMs;
    } else if (inst.ack) {
        row.hasAction = true;
        row.actionBy = QString::fromStdString(inst.ack->by);
        row.actionAtMs = inst.ack->atMs;
        row.actionComment = QString::fromStdString(inst.ack->comment);
        row.actionUntilMs = inst.ack->untilMs;
    }
    row.panelId = panelId;
    return row;
}

AlertRow AlertRowBuilder::fromAlertmanager(const QString &source, const AmAlert &alert,
                                           const std::vector<AmSilence> &silences, const AckSilencer &silencer)
{
    AlertRow row;
    row.origin = AlertOrigin::Alertmanager;
    row.sourceName = source;
    row.fingerprint = alert.fingerprint;
    row.key = QStringLiteral("alertmanager:") + source + u':'
        + (alert.fingerprint.empty() ? joinLabels(alert.labels) : QString::fromStdString(alert.fingerprint));
    row.labels = alert.labels;
    row.annotations = alert.annotations;
    row.rule = QString::fromStdString(find(alert.labels, "alertname"));
    row.severity = severityOf(alert.labels);
    row.sinceMs = alert.startsAtMs;
    row.silencedBy = alert.silencedBy;
    row.generatorUrl = QString::fromStdString(alert.generatorUrl);
    if (!alert.silencedBy.empty())
        row.status = AlertStatus::Acknowledged;
    else if (!alert.inhibitedBy.empty())
        row.status = AlertStatus::Snoozed;
    else if (alert.state == "unprocessed")
        row.status = AlertStatus::Pending;
    else
        row.status = AlertStatus::Firing;
    for (const std::string &id : alert.silencedBy) {
        const auto it = std::find_if(silences.begin(), silences.end(), [&](const AmSilence &s) { return s.id == id; });
        if (it == silences.end())
            continue;
        row.hasAction = true;
        row.actionBy = QString::fromStdString(it->createdBy);
        row.actionAtMs = it->startsAtMs;
        row.actionComment = QString::fromStdString(it->comment);
        const bool untilResolved = std::any_of(silencer.watched().begin(), silencer.watched().end(),
                                               [&](const AckSilencer::Ack &a) { return a.silenceId == id; });
        row.actionUntilMs = untilResolved ? std::nullopt : std::optional<int64_t>(it->endsAtMs);
        break;
    }
    return row;
}

AlertRow AlertRowBuilder::fromPrometheus(const QString &source, const PromAlert &alert)
{
    AlertRow row;
    row.origin = AlertOrigin::Prometheus;
    row.sourceName = source;
    row.labels = alert.labels;
    row.annotations = alert.annotations;
    row.key = QStringLiteral("prometheus:") + source + u':' + joinLabels(alert.labels);
    row.rule = QString::fromStdString(find(alert.labels, "alertname"));
    row.severity = severityOf(alert.labels);
    row.status = alert.state == "firing" ? AlertStatus::Firing
        : alert.state == "pending"       ? AlertStatus::Pending
                                         : AlertStatus::Inactive;
    row.value = alert.value;
    row.hasValue = true;
    row.sinceMs = parseRfc3339(alert.activeAt).value_or(0);
    return row;
}

} // namespace mw::alertsui
