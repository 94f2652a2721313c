#include "RuleListModel.h"

#include "AlertColors.h"
#include "RuleSummary.h"

#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace mw::rulesui {

namespace {

/// A filled circle, as the alerts table marks states.
QIcon dot(const QColor &color)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(1.5, 1.5, 9, 9));
    return QIcon(pm);
}

/// A warning triangle with an exclamation mark.
QIcon warningIcon()
{
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0xd4, 0x3a, 0x2f));
    const QPointF tri[] = {{7, 0.5}, {13.5, 13}, {0.5, 13}};
    p.drawPolygon(tri, 3);
    p.setBrush(Qt::white);
    p.drawRect(QRectF(6.2, 4.5, 1.6, 5));
    p.drawRect(QRectF(6.2, 10.3, 1.6, 1.6));
    return QIcon(pm);
}

} // namespace

RuleListModel::RuleListModel(dashboard::Document document, QObject *parent)
    : QAbstractTableModel(parent), m_document(std::move(document)), m_warning(warningIcon())
{
    m_document.rules.clear();
}

void RuleListModel::setRules(std::vector<dashboard::DocumentRule> rules)
{
    beginResetModel();
    m_rules = std::move(rules);
    m_problems = QStringList();
    for (std::size_t i = 0; i < m_rules.size(); ++i)
        m_problems.append(QString());
    endResetModel();
}

void RuleListModel::setRule(int row, dashboard::DocumentRule rule)
{
    dashboard::DocumentRule &r = m_rules.at(std::size_t(row));
    if (r == rule)
        return;
    r = std::move(rule);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RuleListModel::insertRule(int row, dashboard::DocumentRule rule)
{
    row = std::clamp(row, 0, rowCount());
    beginInsertRows({}, row, row);
    m_rules.insert(m_rules.begin() + row, std::move(rule));
    m_problems.insert(row, QString());
    endInsertRows();
}

void RuleListModel::removeRule(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows({}, row, row);
    m_rules.erase(m_rules.begin() + row);
    m_problems.removeAt(row);
    endRemoveRows();
}

void RuleListModel::setProblem(int row, const QString &problem)
{
    if (row < 0 || row >= rowCount() || m_problems[row] == problem)
        return;
    m_problems[row] = problem;
    Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn), {Qt::DecorationRole, Qt::ToolTipRole, ProblemRole});
}

int RuleListModel::problemCount() const
{
    return int(std::count_if(m_problems.begin(), m_problems.end(), [](const QString &p) { return !p.isEmpty(); }));
}

int RuleListModel::rowOfId(const std::string &id) const
{
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        if (m_rules[i].rule.id == id)
            return int(i);
    }
    return -1;
}

int RuleListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rules.size()); }

int RuleListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RuleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const dashboard::DocumentRule &r = m_rules[std::size_t(index.row())];
    const QString &problem = m_problems[index.row()];
    switch (role) {
    case IdRole: return QString::fromStdString(r.rule.id);
    case ProblemRole: return problem;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return r.rule.name.empty() ? tr("(unnamed)") : QString::fromStdString(r.rule.name);
        case SeverityColumn: return RuleSummary::severityName(r.rule.severity);
        case ConditionColumn: return RuleSummary::condition(r.rule);
        case SourceColumn: return RuleSummary::source(r, m_document);
        case PanelColumn: return r.panelId ? RuleSummary::panel(r, m_document) : QStringLiteral("\u2014");
        default: return {};
        }
    case Qt::DecorationRole:
        if (index.column() == NameColumn && !problem.isEmpty())
            return m_warning;
        if (index.column() == SeverityColumn)
            return dot(alertsui::AlertColors::severity(r.rule.severity));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return problem.isEmpty() ? QString::fromStdString(r.rule.id) : problem;
        if (index.column() == ConditionColumn)
            return QString::fromStdString(r.rule.expr);
        return data(index, Qt::DisplayRole);
    default: return {};
    }
}

QVariant RuleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SeverityColumn: return tr("Severity");
    case ConditionColumn: return tr("Condition");
    case SourceColumn: return tr("Source");
    case PanelColumn: return tr("Panel");
    default: return {};
    }
}

} // namespace mw::rulesui
