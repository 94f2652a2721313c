#include "VariableEditing.h"

#include "MainWindow.h"
#include "VariablesDialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>

namespace mw::app {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("mw::app::VariableEditing", text); }

/// The menu `action` is in, or null.
QMenu *menuOf(QAction *action)
{
    if (!action)
        return nullptr;
    for (QObject *o : action->associatedObjects()) {
        if (auto *menu = qobject_cast<QMenu *>(o))
            return menu;
    }
    return nullptr;
}

} // namespace

bool editVariables(ui::MainWindow &window)
{
    view::DashboardSession *session = window.session();
    variablesui::VariablesDialog dialog(window.documentController()->document().variables,
                                        session ? session->primaryBackend() : nullptr, &window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    // Only the variables are replaced, on the document as it is now (the bar
    // may have written a selection meanwhile).
    dashboard::Document d = window.documentController()->document();
    if (dialog.variables() == d.variables)
        return false;
    d.variables = dialog.variables();
    window.applyEdit(std::move(d)); // the window rebuilds its bar for new definitions
    return true;
}

QAction *addVariableEditing(ui::MainWindow &window)
{
    auto *action = new QAction(tr("Dashboard &variables…"), &window);
    action->setObjectName(QStringLiteral("actionEditVariables"));
    action->setToolTip(tr("Add, change, reorder and remove the dashboard's variables ($name)"));
    QObject::connect(action, &QAction::triggered, &window, [&window] { editVariables(window); });
    QMenu *view = menuOf(window.findChild<QAction *>(QStringLiteral("actionResetZoom")));
    if (!view) {
        window.addAction(action);
        return action;
    }
    // After the time actions, before the separator and the Theme menu.
    QAction *before = nullptr;
    for (QAction *a : view->actions()) {
        if (a->isSeparator()) {
            before = a;
            break;
        }
    }
    view->insertSeparator(before);
    view->insertAction(before, action);
    return action;
}

} // namespace mw::app
