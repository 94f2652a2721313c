#include "AlertFilterProxy.h"

#include "AlertTableModel.h"

namespace mw::alertsui {

AlertFilterProxy::AlertFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AlertTableModel::SortRole);
    setDynamicSortFilter(true);
}

void AlertFilterProxy::setText(const QString &text)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

void AlertFilterProxy::setActiveOnly(bool activeOnly)
{
    if (activeOnly == m_activeOnly)
        return;
    m_activeOnly = activeOnly;
    invalidateFilter();
}

void AlertFilterProxy::setMinimumSeverity(std::optional<alerting::Severity> severity)
{
    if (severity == m_minSeverity)
        return;
    m_minSeverity = severity;
    invalidateFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_activeOnly && !idx.data(AlertTableModel::ActiveRole).toBool())
        return false;
    if (m_minSeverity && idx.data(AlertTableModel::SeverityRole).toInt() < static_cast<int>(*m_minSeverity))
        return false;
    if (m_words.isEmpty())
        return true;
    const QString haystack = idx.data(AlertTableModel::SearchTextRole).toString();
    for (const QString &w : m_words)
        if (!haystack.contains(w, Qt::CaseInsensitive))
            return false;
    return true;
}

} // namespace mw::alertsui
