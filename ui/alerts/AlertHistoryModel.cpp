#include "AlertHistoryModel.h"

#include "AlertFormat.h"
#include "AlertsLog.h"

#include <QStringList>

#include <algorithm>

namespace mw::alertsui {

using alerting::AlertEvent;
using alerting::EventKind;

AlertHistoryModel::AlertHistoryModel(platform::AlertHistory *history, QObject *parent)
    : QAbstractTableModel(parent), m_history(history)
{
    refresh();
}

void AlertHistoryModel::setInstanceFilter(const std::string &instanceId)
{
    if (instanceId == m_instanceId)
        return;
    m_instanceId = instanceId;
    beginResetModel();
    m_records.clear();
    endResetModel();
    refresh();
}

std::optional<std::vector<platform::HistoryRecord>> AlertHistoryModel::read() const
{
    platform::HistoryFilter f;
    f.instanceId = m_instanceId;
    f.kinds = {EventKind::Transition, EventKind::Acknowledged, EventKind::AckCleared, EventKind::SnoozeAdded,
               EventKind::SnoozeRemoved};
    f.limit = kDefaultLimit;
    return m_history->events(f);
}

void AlertHistoryModel::refresh()
{
    if (!m_history || !m_history->isOpen())
        return;
    std::optional<std::vector<platform::HistoryRecord>> fresh = read();
    if (!fresh) {
        m_error = m_history->errorString();
        qCWarning(lcAlertsUi) << "reading the alert history failed:" << m_error;
        Q_EMIT readFailed(m_error);
        return;
    }
    m_error.clear();
    const int64_t newest = m_records.empty() ? -1 : m_records.front().seq;
    std::vector<platform::HistoryRecord> added; // newest first
    for (auto it = fresh->rbegin(); it != fresh->rend(); ++it)
        if (it->seq > newest)
            added.push_back(std::move(*it));
    if (added.empty())
        return;
    beginInsertRows({}, 0, static_cast<int>(added.size()) - 1);
    m_records.insert(m_records.begin(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    endInsertRows();
    if (m_records.size() > static_cast<std::size_t>(kDefaultLimit)) {
        beginRemoveRows({}, kDefaultLimit, static_cast<int>(m_records.size()) - 1);
        m_records.resize(kDefaultLimit);
        endRemoveRows();
    }
}

int AlertHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

int AlertHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString kindText(EventKind kind)
{
    switch (kind) {
    case EventKind::Transition: return AlertHistoryModel::tr("transition");
    case EventKind::Notification: return AlertHistoryModel::tr("notification");
    case EventKind::Acknowledged: return AlertHistoryModel::tr("acknowledged");
    case EventKind::AckCleared: return AlertHistoryModel::tr("acknowledgement cleared");
    case EventKind::SnoozeAdded: return AlertHistoryModel::tr("snoozed");
    case EventKind::SnoozeRemoved: return AlertHistoryModel::tr("snooze removed");
    }
    return {};
}

QString alertText(const AlertEvent &e)
{
    if (e.snooze) {
        QStringList m;
        for (const alerting::LabelMatcher &matcher : e.snooze->matchers)
            m << QString::fromStdString(matcher.toString());
        return u'{' + m.join(QStringLiteral(", ")) + u'}';
    }
    const QString name = QString::fromStdString(std::string(e.instance.labels.get("alertname").value_or(e.instance.ruleId)));
    AlertRow::Pairs pairs;
    for (const auto &p : e.instance.labels.pairs())
        pairs.emplace_back(p.name, p.value);
    const QString labels = AlertFormat::labels(pairs);
    return labels.isEmpty() ? name : name + QStringLiteral(" {") + labels + u'}';
}

} // namespace

QString AlertHistoryModel::text(const platform::HistoryRecord &record, int column) const
{
    const AlertEvent &e = record.event;
    switch (column) {
    case TimeColumn: return AlertFormat::time(e.atMs);
    case EventColumn: return kindText(e.kind);
    case AlertColumn: return alertText(e);
    case ChangeColumn:
        if (e.kind == EventKind::Transition)
            return tr("%1 → %2").arg(AlertFormat::status(e.fromStatus), AlertFormat::status(e.toStatus));
        if (e.kind == EventKind::Acknowledged && e.instance.ack)
            return e.instance.ack->untilMs ? tr("until %1").arg(AlertFormat::time(*e.instance.ack->untilMs))
                                           : tr("until resolved");
        if (e.kind == EventKind::SnoozeAdded && e.snooze)
            return tr("until %1").arg(AlertFormat::time(e.snooze->expiresMs));
        return {};
    case ByColumn: return QString::fromStdString(e.actor);
    case DetailColumn: {
        if (e.kind == EventKind::Acknowledged && e.instance.ack && !e.instance.ack->comment.empty())
            return QString::fromStdString(e.instance.ack->comment);
        if (e.kind == EventKind::SnoozeAdded && e.snooze && !e.snooze->comment.empty())
            return QString::fromStdString(e.snooze->comment);
        return QString::fromStdString(e.detail);
    }
    default: return {};
    }
}

QVariant AlertHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const platform::HistoryRecord &r = m_records[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || (role == Qt::ToolTipRole && index.column() >= AlertColumn))
        return text(r, index.column());
    if (role == Qt::UserRole)
        return qint64(r.seq);
    return {};
}

QVariant AlertHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case EventColumn: return tr("Event");
    case AlertColumn: return tr("Alert");
    case ChangeColumn: return tr("Change");
    case ByColumn: return tr("By");
    case DetailColumn: return tr("Comment / detail");
    default: return {};
    }
}

} // namespace mw::alertsui
