#include "NotificationText.h"

#include "alerting/AlertRule.h"

#include <QStringList>

namespace mw::platform {

using alerting::AlertEvent;
using alerting::AlertInstance;
using alerting::EventKind;
using alerting::NotifyReason;
using alerting::Severity;

namespace {

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString annotation(const AlertInstance &a, const char *name)
{
    const auto it = a.annotations.find(name);
    return it == a.annotations.end() ? QString() : QString::fromStdString(it->second);
}

} // namespace

Severity NotificationText::severityOf(const AlertInstance &instance)
{
    const auto label = instance.labels.get("severity");
    if (!label)
        return Severity::Warning;
    return alerting::severityFromId(*label).value_or(Severity::Warning);
}

uint8_t NotificationText::urgency(Severity severity)
{
    switch (severity) {
    case Severity::Info: return 0;
    case Severity::Warning: return 1;
    case Severity::Critical: return 2;
    }
    return 1;
}

std::optional<NotificationRequest> NotificationText::fromEvent(const AlertEvent &event)
{
    if (event.kind != EventKind::Notification)
        return std::nullopt;
    const AlertInstance &a = event.instance;
    NotificationRequest r;
    r.key = QString::fromStdString(a.id());
    r.severity = severityOf(a);
    const QString name = q(a.labels.get(alerting::kAlertNameLabel).value_or(std::string_view(a.ruleId)));
    switch (event.reason) {
    case NotifyReason::Firing:
        r.kind = NotificationRequest::Kind::Firing;
        r.summary = tr("%1 is firing").arg(name);
        break;
    case NotifyReason::Repeat:
        r.kind = NotificationRequest::Kind::Repeat;
        r.summary = tr("%1 is still firing").arg(name);
        break;
    case NotifyReason::Resolved:
        r.kind = NotificationRequest::Kind::Resolved;
        r.summary = tr("%1 is resolved").arg(name);
        break;
    }
    QStringList lines;
    QString text = annotation(a, "summary");
    if (text.isEmpty())
        text = annotation(a, "description");
    if (!text.isEmpty())
        lines << text;
    QStringList labels;
    for (const auto &pair : a.labels.pairs())
        if (pair.name != alerting::kAlertNameLabel && pair.name != "severity")
            labels << QString::fromStdString(pair.name) + u'=' + QString::fromStdString(pair.value);
    if (!labels.isEmpty())
        lines << labels.join(QStringLiteral(", "));
    r.body = lines.join(u'\n');
    return r;
}

} // namespace mw::platform
