#pragma once

#include "alerting/AlertRule.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace mw::alertsui {

/// Filters and sorts the alerts table: free text over rule, labels and
/// origin (case-insensitive, every word must match), active alerts only or
/// all, and a minimum severity.
class AlertFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AlertFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_words.join(u' '); }
    void setActiveOnly(bool activeOnly);
    bool activeOnly() const { return m_activeOnly; }
    /// nullopt: every severity.
    void setMinimumSeverity(std::optional<alerting::Severity> severity);
    std::optional<alerting::Severity> minimumSeverity() const { return m_minSeverity; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
    bool m_activeOnly = true;
    std::optional<alerting::Severity> m_minSeverity;
};

} // namespace mw::alertsui
