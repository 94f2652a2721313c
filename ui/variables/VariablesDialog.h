#pragma once

// View > Dashboard variables…: the document's variables in a list, in the
// variable bar's order (Add, Duplicate, Remove, Move up, Move down), and the
// selected one in a VariableForm. It edits a copy: variables() is the edited
// list. Every variable is checked (VariableCheck) as it is edited; OK is
// disabled while one has a problem, which the list marks and the line above
// the buttons names. Cancel, Escape and the close button ask before
// discarding changes (and only then). A renamed variable's $old references
// in panels are not rewritten (the form says so under the name). A query
// variable's values are previewed from `backend` (the session's primary
// source) when one is given.
//
// Child names: variableList, addVariable, duplicateVariable, removeVariable,
// moveVariableUp, moveVariableDown, variableForm, variablesEmpty (shown when
// there is no variable), variablesProblem, buttons (OK/Cancel); the question
// before discarding is a QMessageBox named discardVariablesBox.

#include "dashboard/Document.h"

#include <QDialog>

#include <string>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace mw::view {
class SourceBackend;
}

namespace mw::variablesui {

class VariableForm;

class VariablesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit VariablesDialog(std::vector<dashboard::Variable> variables, view::SourceBackend *backend = nullptr,
                             QWidget *parent = nullptr);
    ~VariablesDialog() override;

    /// The variables as edited, in list order.
    const std::vector<dashboard::Variable> &variables() const { return m_vars; }
    bool isValid() const;
    bool hasChanges() const;
    int currentRow() const;
    void selectRow(int row);
    VariableForm *form() const { return m_form; }

public Q_SLOTS:
    /// A new query variable after the selected one, selected.
    void addVariable();
    void duplicateVariable();
    void removeVariable();
    void moveUp();
    void moveDown();
    void reject() override;

protected:
    void done(int result) override;

private:
    void showRow(int row);
    void formEdited();
    void insert(dashboard::Variable v, int row);
    void move(int from, int to);
    void refreshItem(int row);
    void updateState();
    bool confirmDiscard();

    std::vector<dashboard::Variable> m_original;
    std::vector<dashboard::Variable> m_vars;
    std::vector<std::string> m_origins; ///< parallel: the name in the document, "" for new ones
    QListWidget *m_list = nullptr;
    VariableForm *m_form = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    int m_shown = -1;
    bool m_moving = false;
};

} // namespace mw::variablesui
