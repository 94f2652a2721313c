#include "AlertTableModel.h"

#include "AlertColors.h"
#include "AlertFormat.h"
#include "AlertRowBuilder.h"

#include "platform/AlertCoordinator.h"

#include <set>

namespace mw::alertsui {

AlertTableModel::AlertTableModel(platform::AlertCoordinator *coordinator, const alerting::Clock &clock,
                                 QObject *parent)
    : QAbstractTableModel(parent), m_coordinator(coordinator), m_clock(clock)
{
    if (coordinator)
        connect(coordinator, &platform::AlertCoordinator::eventsApplied, this, &AlertTableModel::refresh);
    refresh();
}

void AlertTableModel::setRulePanels(std::map<std::string, int> panelOfRule)
{
    m_panelOfRule = std::move(panelOfRule);
    refresh();
}

void AlertTableModel::setExternalRows(const QString &source, std::vector<AlertRow> rows)
{
    if (rows.empty())
        m_external.erase(source);
    else
        m_external[source] = std::move(rows);
    merge();
}

void AlertTableModel::refresh()
{
    m_local.clear();
    if (const platform::AlertCoordinator *coordinator = m_coordinator.data()) {
        const alerting::AlertEngine &engine = coordinator->engine();
        const std::vector<alerting::Snooze> snoozes = engine.snoozes();
        const int64_t now = m_clock.nowMs();
        for (const alerting::AlertInstance &inst : engine.instances()) {
            const alerting::AlertRule *rule = nullptr;
            for (const alerting::AlertRule &r : engine.rules())
                if (r.id == inst.ruleId)
                    rule = &r;
            const auto panel = m_panelOfRule.find(inst.ruleId);
            m_local.push_back(AlertRowBuilder::fromInstance(
                inst, rule, snoozes, now, panel == m_panelOfRule.end() ? std::nullopt : std::optional(panel->second)));
        }
    }
    merge();
}

void AlertTableModel::merge()
{
    std::vector<const AlertRow *> wanted;
    std::map<QString, const AlertRow *> byKey;
    auto want = [&](const AlertRow &r) {
        if (byKey.emplace(r.key, &r).second)
            wanted.push_back(&r);
    };
    for (const AlertRow &r : m_local)
        want(r);
    for (const auto &[source, rows] : m_external)
        for (const AlertRow &r : rows)
            want(r);

    // Rows that went, in contiguous runs from the end.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        if (byKey.contains(m_rows[static_cast<std::size_t>(i)].key))
            continue;
        const int last = i;
        while (i > 0 && !byKey.contains(m_rows[static_cast<std::size_t>(i - 1)].key))
            --i;
        beginRemoveRows({}, i, last);
        m_rows.erase(m_rows.begin() + i, m_rows.begin() + last + 1);
        endRemoveRows();
    }
    // Rows that changed, in contiguous runs.
    int first = -1;
    for (int i = 0; i <= static_cast<int>(m_rows.size()); ++i) {
        bool changed = false;
        if (i < static_cast<int>(m_rows.size())) {
            AlertRow &old = m_rows[static_cast<std::size_t>(i)];
            const AlertRow &now = *byKey.at(old.key);
            changed = !(old == now);
            if (changed)
                old = now;
        }
        if (changed && first < 0)
            first = i;
        if (!changed && first >= 0) {
            Q_EMIT dataChanged(index(first, 0), index(i - 1, ColumnCount - 1));
            first = -1;
        }
    }
    // New rows, appended in the order they came.
    std::set<QString> have;
    for (const AlertRow &r : m_rows)
        have.insert(r.key);
    std::vector<AlertRow> added;
    for (const AlertRow *r : wanted)
        if (!have.contains(r->key))
            added.push_back(*r);
    if (!added.empty()) {
        const int n = static_cast<int>(m_rows.size());
        beginInsertRows({}, n, n + static_cast<int>(added.size()) - 1);
        m_rows.insert(m_rows.end(), added.begin(), added.end());
        endInsertRows();
    }
    Q_EMIT refreshed();
}

const AlertRow *AlertTableModel::rowAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int AlertTableModel::rowOfKey(const QString &key) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return static_cast<int>(i);
    return -1;
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertTableModel::display(const AlertRow &row, int column) const
{
    switch (column) {
    case OriginColumn: return row.originText();
    case StateColumn: return AlertFormat::status(row.status);
    case SeverityColumn: return AlertFormat::severity(row.severity);
    case RuleColumn: return row.rule;
    case ValueColumn: return row.hasValue ? AlertFormat::value(row.value, row.unit) : QString();
    case SinceColumn: return AlertFormat::time(row.sinceMs);
    case LabelsColumn: return AlertFormat::labels(row.labels);
    case ActionColumn: return AlertFormat::action(row);
    default: return {};
    }
}

QVariant AlertTableModel::sortValue(const AlertRow &row, int column) const
{
    switch (column) {
    case StateColumn: return statusRank(row.status);
    case SeverityColumn: return static_cast<int>(row.severity);
    case ValueColumn: return row.value;
    case SinceColumn: return qint64(row.sinceMs);
    default: return display(row, column);
    }
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    const AlertRow *row = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!row || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole: return display(*row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LabelsColumn || index.column() == ActionColumn || index.column() == RuleColumn)
            return display(*row, index.column());
        return {};
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(AlertColors::statusIcon(row->status)) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == SeverityColumn ? QVariant(AlertColors::severity(row->severity)) : QVariant();
    case KeyRole: return row->key;
    case StatusRole: return static_cast<int>(row->status);
    case SeverityRole: return static_cast<int>(row->severity);
    case OriginRole: return static_cast<int>(row->origin);
    case PanelIdRole: return row->panelId ? QVariant(*row->panelId) : QVariant();
    case SortRole: return sortValue(*row, index.column());
    case ColorRole: return AlertColors::status(row->status);
    case ActiveRole: return row->isActive();
    case SearchTextRole:
        return QString(row->rule + u' ' + AlertFormat::labels(row->labels) + u' ' + row->originText());
    default: return {};
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OriginColumn: return tr("Origin");
    case StateColumn: return tr("State");
    case SeverityColumn: return tr("Severity");
    case RuleColumn: return tr("Rule");
    case ValueColumn: return tr("Value");
    case SinceColumn: return tr("Since");
    case LabelsColumn: return tr("Labels");
    case ActionColumn: return tr("Acknowledgement");
    default: return {};
    }
}

} // namespace mw::alertsui
