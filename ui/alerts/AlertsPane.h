#pragma once

#include "AlertRow.h"

#include "alerting/Clock.h"

#include <QList>
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
class QResizeEvent;
class QSplitter;
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

/// The alerts pane (the main window puts it in a QDockWidget under the
/// dashboard): an Alerts tab with Acknowledge… / Snooze / Un-acknowledge and
/// the filter bar on one row over the table of local and external alerts,
/// and a History tab. The selected alert's details show only while an alert
/// is selected, beside the table when the pane is a wide strip, below it when
/// it is tall; the table keeps the larger part. The pane asks for a strip
/// (the tables' size hints are a few rows). Refusals are shown in the pane's
/// error line (object name alertsError), never swallowed.
///
/// Object names for tests and style sheets: alertsFilterText,
/// alertsStateFilter, alertsSeverityFilter, alertsTabs, alertsTable,
/// alertsSplitter, alertsDetails, alertsAckButton, alertsSnoozeButton (menu
/// actions snooze15m, snooze1h, snooze4h, snoozeCustom), alertsUnackButton,
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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildLayout();
    QWidget *buildFilterBar(QWidget *parent);
    QWidget *buildAlertsTab();
    QWidget *buildHistoryTab();
    void updateSelection();
    /// Shows the details while a row is selected, hides them otherwise; on
    /// showing, splits as last dragged (the table 3:2 by default).
    void placeDetails(bool selected);
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
    QSplitter *m_split = nullptr;
    QTextBrowser *m_details = nullptr;
    QList<int> m_detailSizes; ///< the split as last dragged in this orientation; empty: 3:2
    QPushButton *m_ackButton = nullptr;
    QToolButton *m_snoozeButton = nullptr;
    QPushButton *m_unackButton = nullptr;
    QTableView *m_historyTable = nullptr;
    QCheckBox *m_historySelectedOnly = nullptr;
};

} // namespace mw::alertsui
