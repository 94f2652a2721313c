#include "AlertFormat.h"

#include "alerting/Humanize.h"

#include <QDateTime>
#include <QStringList>

namespace mw::alertsui {

using alerting::AlertStatus;
using alerting::Severity;
using alerting::ValueUnit;

QString AlertFormat::value(double v, ValueUnit unit)
{
    std::string s;
    switch (unit) {
    case ValueUnit::None: s = alerting::humanize(v); break;
    case ValueUnit::Seconds: s = alerting::humanizeDuration(v); break;
    case ValueUnit::Milliseconds: s = alerting::humanizeDuration(v / 1e3); break;
    case ValueUnit::Microseconds: s = alerting::humanizeDuration(v / 1e6); break;
    case ValueUnit::Ratio: s = alerting::humanizePercentage(v); break;
    case ValueUnit::Percent: s = alerting::humanizePercentage(v / 100.0); break;
    case ValueUnit::Bytes: s = alerting::humanize1024(v) + "B"; break;
    }
    return QString::fromStdString(s);
}

QString AlertFormat::status(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Inactive: return tr("inactive");
    case AlertStatus::Pending: return tr("pending");
    case AlertStatus::Firing: return tr("firing");
    case AlertStatus::Acknowledged: return tr("acknowledged");
    case AlertStatus::Snoozed: return tr("snoozed");
    case AlertStatus::Resolved: return tr("resolved");
    }
    return {};
}

QString AlertFormat::severity(Severity severity)
{
    switch (severity) {
    case Severity::Info: return tr("info");
    case Severity::Warning: return tr("warning");
    case Severity::Critical: return tr("critical");
    }
    return {};
}

QString AlertFormat::time(int64_t ms)
{
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString AlertFormat::duration(int64_t ms)
{
    const int64_t minutes = (ms + 59'999) / 60'000;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    const int64_t hours = minutes / 60;
    if (hours < 48) {
        const int64_t rest = minutes % 60;
        return rest ? tr("%1 h %2 min").arg(hours).arg(rest) : tr("%1 h").arg(hours);
    }
    return tr("%1 d").arg(hours / 24);
}

QString AlertFormat::labels(const AlertRow::Pairs &labels)
{
    QStringList parts;
    for (const auto &[name, value] : labels)
        if (name != "alertname" && name != "severity")
            parts << QString::fromStdString(name) + u'=' + QString::fromStdString(value);
    return parts.join(QStringLiteral(", "));
}

QString AlertFormat::action(const AlertRow &row)
{
    if (!row.hasAction)
        return {};
    const QString until = row.actionUntilMs ? tr("until %1").arg(time(*row.actionUntilMs)) : tr("until resolved");
    const QString what = row.status == AlertStatus::Snoozed ? tr("snoozed") : tr("acknowledged");
    QString text = tr("%1 by %2 at %3, %4").arg(what, row.actionBy, time(row.actionAtMs), until);
    if (!row.actionComment.isEmpty())
        text += QStringLiteral(": ") + row.actionComment;
    return text;
}

} // namespace mw::alertsui
