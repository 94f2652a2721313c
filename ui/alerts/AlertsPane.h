#pragma once

#include "AlertRow.h"

#include "alerting/Clock.h"

#include <QWidget>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace mw::platform {
class AlertCoordinator;
class AlertHistory;
} // namespace mw::platform

namespace mw::alertsui {

class AlertFilterProxy;
class AlertHistoryModel;
class AlertTableModel;
class ExternalAlertsPoller;

/// The alerts pane (the main window puts it in a QDockWidget): a filter bar,
/// the table of local and external alerts, Acknowledge… / Snooze / Un-acknowledge,
/// the selected alert's details, and a History tab. Refusals are shown in
/// the pane's error line (object name alertsError), never swallowed.
///
/// Object names for tests and style sheets: alertsFilterText,
/// alertsStateFilter, alertsSeverityFilter, alertsTabs, alertsTable,
/// alertsDetails, alertsAckButton, alertsSnoozeButton (menu actions
/// snooze15m, snooze1h, snooze4h, snoozeCustom), alertsUnackButton,
/// alertsHistoryTable, alertsHistorySelectedOnly, alertsError.
class AlertsPane final : public QWidget
{
    Q_OBJECT
public:
    /// None owned; `coordinator` and `history` may be null. The clock must
    /// be the coordinator's (snooze activity is judged on it).
    AlertsPane(platform::AlertCoordinator *coordinator, const alerting::Clock &clock, platform::AlertHistory *history,
               QWidget *parent = nullptr);
    ~AlertsPane() override;

    AlertTableModel *model() const { return m_model; }
    AlertFilterProxy *proxy() const { return m_proxy; }
    AlertHistoryModel *historyModel() const { return m_historyModel; }
    /// Owned by the pane: add Alertmanager / Prometheus sources, then start().
    ExternalAlertsPoller *externalAlerts() const { return m_external; }
    QTableView *table() const { return m_table; }

    /// The dashboard panel of each rule id (from DocumentRule::panelId).
    void setRulePanels(std::map<std::string, int> panelOfRule);

    /// The row selected in the table, or null.
    const AlertRow *currentRow() const;
    /// The error line's text; empty when hidden.
    QString errorText() const;

public Q_SLOTS:
    /// Selects the local alert `instanceId` (AlertCoordinator::openRequested), showing all states if needed.
    bool showAlert(const QString &instanceId);
    /// Opens the acknowledge dialog for the selected row.
    void acknowledgeSelected();
    void snoozeSelected(int64_t durationMs, const QString &comment = {});
    /// Opens the custom snooze dialog.
    void snoozeSelectedCustom();
    /// Withdraws the acknowledgement (or the snoozes) of the selected row.
    void unacknowledgeSelected();
    void showError(const QString &message);
    void clearError();

Q_SIGNALS:
    /// A row of a rule tied to a dashboard panel was double-clicked.
    void showPanelRequested(int panelId);

private:
    void buildLayout();
    QWidget *buildFilterBar();
    QWidget *buildAlertsTab();
    QWidget *buildHistoryTab();
    void updateSelection();
    void report(const QString &key, const std::string &error);
    void acknowledge(const QString &key, const QString &comment, std::optional<int64_t> durationMs);
    void snooze(const QString &key, int64_t durationMs, const QString &comment);
    const AlertRow *rowOf(const QString &key) const;

    platform::AlertCoordinator *m_coordinator;
    const alerting::Clock &m_clock;
    AlertTableModel *m_model;
    AlertFilterProxy *m_proxy;
    AlertHistoryModel *m_historyModel;
    ExternalAlertsPoller *m_external;

    QLabel *m_error = nullptr;
    QLineEdit *m_filterText = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QComboBox *m_severityFilter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QTextBrowser *m_details = nullptr;
    QPushButton *m_ackButton = nullptr;
    QToolButton *m_snoozeButton = nullptr;
    QPushButton *m_unackButton = nullptr;
    QTableView *m_historyTable = nullptr;
    QCheckBox *m_historySelectedOnly = nullptr;
};

} // namespace mw::alertsui
