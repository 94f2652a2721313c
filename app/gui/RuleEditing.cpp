#include "RuleEditing.h"

#include "AlertRulesDialog.h"
#include "AlertsPane.h"
#include "MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QTabWidget>
#include <QToolButton>

namespace mw::app {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("mw::app::RuleEditing", text); }

} // namespace

bool editAlertRules(ui::MainWindow &window)
{
    view::DashboardSession *session = window.session();
    rulesui::AlertRulesDialog dialog(
        window.documentController()->document(),
        [session](const std::string &name) { return session->backend(name); }, &window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    // Only the rules are replaced, on the document as it is now (the session
    // may have written something else, such as a variable's selection).
    dashboard::Document d = window.documentController()->document();
    std::vector<dashboard::DocumentRule> rules = dialog.rules();
    if (rules == d.rules)
        return false;
    d.rules = std::move(rules);
    window.applyEdit(std::move(d));
    return true;
}

QAction *addRuleEditing(ui::MainWindow &window, QMenu &menu, alertsui::AlertsPane &pane)
{
    auto *action = new QAction(tr("&Edit alert rules…"), &window);
    action->setObjectName(QStringLiteral("actionEditAlertRules"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    action->setToolTip(tr("Add, change and remove the dashboard's alert rules"));
    QObject::connect(action, &QAction::triggered, &window, [&window] { editAlertRules(window); });
    const QList<QAction *> actions = menu.actions();
    QAction *first = actions.isEmpty() ? nullptr : actions.front();
    menu.insertAction(first, action);
    if (first)
        menu.insertSeparator(first);

    // In the pane, beside its Alerts and History tabs.
    if (auto *tabs = pane.findChild<QTabWidget *>(QStringLiteral("alertsTabs"))) {
        auto *button = new QToolButton(tabs);
        button->setObjectName(QStringLiteral("alertsEditRulesButton"));
        button->setText(tr("Edit rules…"));
        button->setToolTip(action->toolTip());
        button->setAutoRaise(true);
        QObject::connect(button, &QToolButton::clicked, action, &QAction::trigger);
        tabs->setCornerWidget(button, Qt::TopRightCorner);
    }
    return action;
}

} // namespace mw::app
