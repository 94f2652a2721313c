#pragma once

// Alerts > Edit alert rules…: the rules library's dialog over the window's
// document. On OK the document's rules are replaced in one edit (the
// document is marked modified, AppAlerts takes the new rules, Save writes
// them); Cancel changes nothing.

class QAction;
class QMenu;

namespace mw::alertsui {
class AlertsPane;
}

namespace mw::ui {
class MainWindow;
}

namespace mw::app {

/// Opens the dialog (modal); true when the document's rules changed.
bool editAlertRules(ui::MainWindow &window);

/// The action (object name actionEditAlertRules, Ctrl+Shift+R) at the top of
/// `menu`, and a button for it in the corner of the pane's tabs (object name
/// alertsEditRulesButton).
QAction *addRuleEditing(ui::MainWindow &window, QMenu &menu, alertsui::AlertsPane &pane);

} // namespace mw::app
