#pragma once

#include "AlertRow.h"

#include "alerting/Clock.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <map>
#include <string>
#include <vector>

namespace mw::platform {
class AlertCoordinator;
}

namespace mw::alertsui {

/// The alerts table: the coordinator's engine instances plus the external
/// alerts (Alertmanager, Prometheus) set per source. Each refresh merges the
/// new rows into the old by key: rows that went are removed, changed rows get
/// dataChanged, new rows are appended. Never a reset, so selection and scroll
/// position survive the updates.
class AlertTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column : int {
        OriginColumn,
        StateColumn,
        SeverityColumn,
        RuleColumn,
        ValueColumn,
        SinceColumn,
        LabelsColumn,
        ActionColumn,
        ColumnCount
    };
    enum Role : int {
        KeyRole = Qt::UserRole + 1, ///< QString: AlertRow::key
        StatusRole,                 ///< int: alerting::AlertStatus
        SeverityRole,               ///< int: alerting::Severity
        OriginRole,                 ///< int: AlertOrigin
        PanelIdRole,                ///< int, or invalid when not tied to a panel
        SortRole,                   ///< what the proxy sorts by
        ColorRole,                  ///< QColor of the status
        ActiveRole,                 ///< bool: pending, firing, acknowledged, snoozed
        SearchTextRole,             ///< QString: rule, labels and origin, for the text filter
    };

    /// `coordinator` may be null (external alerts only); not owned. The clock
    /// tells which snoozes are active.
    AlertTableModel(platform::AlertCoordinator *coordinator, const alerting::Clock &clock, QObject *parent = nullptr);

    /// The panel each rule id is tied to (DocumentRule::panelId).
    void setRulePanels(std::map<std::string, int> panelOfRule);
    /// Replaces the rows of one external source (AlertRow::key must start with
    /// its origin and name); an empty vector removes them.
    void setExternalRows(const QString &source, std::vector<AlertRow> rows);

    const std::vector<AlertRow> &rows() const { return m_rows; }
    const AlertRow *rowAt(int row) const;
    /// -1 when no row has that key.
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    /// Reads the engine's instances again and merges (the coordinator's
    /// eventsApplied calls it; call it after AlertCoordinator::setRules()
    /// restored state, which emits nothing).
    void refresh();

Q_SIGNALS:
    /// After each merge, whether or not anything changed.
    void refreshed();

private:
    void merge();
    QVariant display(const AlertRow &row, int column) const;
    QVariant sortValue(const AlertRow &row, int column) const;

    QPointer<platform::AlertCoordinator> m_coordinator;
    const alerting::Clock &m_clock;
    std::map<std::string, int> m_panelOfRule;
    std::vector<AlertRow> m_local;
    std::map<QString, std::vector<AlertRow>> m_external; ///< by source
    std::vector<AlertRow> m_rows;
};

} // namespace mw::alertsui
