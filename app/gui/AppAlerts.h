#pragma once

// The alerting side of the window: the rules of the open document run in an
// AlertCoordinator (history in SQLite first, then the notification: the
// desktop's notification server, else the tray's balloon), the alerts pane in
// a dock, the tray icon with the worst state and count, and alert periods as
// bands on the related panels' charts.

#include "SessionRuleQuerier.h"
#include "alerting/Clock.h"

#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

#include "alerting/AlertRule.h"

class QDockWidget;

namespace mw::platform {
class AlertCoordinator;
class AlertHistory;
class DBusNotificationSink;
class FallbackNotificationSink;
} // namespace mw::platform

namespace mw::alertsui {
class AlertsPane;
class PausableNotificationSink;
class TrayIcon;
class TrayNotificationSink;
} // namespace mw::alertsui

namespace mw::ui {
class MainWindow;
}

namespace mw::app {

class AppAlerts : public QObject
{
    Q_OBJECT
public:
    /// `historyPath` empty: AlertHistory::defaultPath().
    AppAlerts(ui::MainWindow &window, const QString &historyPath = {});
    ~AppAlerts() override;

    platform::AlertCoordinator *coordinator() const { return m_coordinator.get(); }
    platform::AlertHistory *history() const { return m_history.get(); }
    alertsui::AlertsPane *pane() const { return m_pane; }
    alertsui::TrayIcon *tray() const { return m_tray.get(); }
    QDockWidget *dock() const { return m_dock; }
    /// Why the history is not kept ("" when it is).
    QString historyError() const { return m_historyError; }

private:
    void takeRules();
    void updateBands();
    void addAlertmanager(const QString &url);

    ui::MainWindow &m_window;
    alerting::SystemClock m_clock;
    SessionRuleQuerier m_querier;
    std::unique_ptr<platform::AlertHistory> m_history;
    QString m_historyError;
    std::unique_ptr<platform::DBusNotificationSink> m_dbus;
    std::unique_ptr<alertsui::TrayIcon> m_tray;
    std::unique_ptr<alertsui::TrayNotificationSink> m_traySink;
    std::unique_ptr<platform::FallbackNotificationSink> m_fallback;
    std::unique_ptr<alertsui::PausableNotificationSink> m_sink;
    std::unique_ptr<platform::AlertCoordinator> m_coordinator;
    alertsui::AlertsPane *m_pane = nullptr;
    QDockWidget *m_dock = nullptr;
    std::vector<alerting::AlertRule> m_rules;
    QSet<QString> m_external; ///< Prometheus and Alertmanager alert sources added to the pane
};

} // namespace mw::app
