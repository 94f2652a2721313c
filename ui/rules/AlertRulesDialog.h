#pragma once

// Alerts > Edit alert rules…: the document's rules in a list (name,
// severity, condition, source, tied panel) with Add, Duplicate and Remove,
// and the selected rule in a RuleEditorForm. It edits a copy: rules() is
// the edited list, document() the given document with its rules replaced;
// Cancel leaves nothing changed, and asks first when something was (Cancel,
// Escape and the window's close button alike). Every rule is checked
// (RuleCheck) as it is edited; OK is disabled while one has a problem, which
// the list marks and the line above the buttons names. A text that does not
// read (a threshold "fast") stays with its rule while another is shown: the
// rule shows it again, with its problem. A rule added here gets the id
// GROUP/NAME (#2... when taken) and follows its name until OK; a rule that
// was in the document keeps its id. Enter in the list goes to the form,
// Delete removes the rule; the dialog remembers its size.
//
// Child names: ruleList, addRule, duplicateRule, removeRule, ruleForm,
// rulesProblem, rulesEmpty (the page shown when there is no rule), buttons
// (OK/Cancel); the question before discarding is a QMessageBox named
// discardRulesBox.

#include "RuleEditorForm.h"
#include "dashboard/Document.h"

#include <QDialog>

#include <functional>
#include <set>
#include <string>
#include <vector>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {
class NameCache;
}

namespace mw::rulesui {

class RuleListModel;

class AlertRulesDialog final : public QDialog
{
    Q_OBJECT
public:
    /// The backend of a source name (for completion), or null.
    using BackendLookup = std::function<view::SourceBackend *(const std::string &name)>;

    explicit AlertRulesDialog(dashboard::Document document, BackendLookup lookup = {}, QWidget *parent = nullptr);
    ~AlertRulesDialog() override;

    /// The rules as edited, in list order.
    std::vector<dashboard::DocumentRule> rules() const;
    /// The document given, with rules() as its rules.
    dashboard::Document document() const;
    /// No rule has a problem (OK is enabled).
    bool isValid() const;
    /// The rules differ from the document's, or a field holds a text that does not read.
    bool hasChanges() const;
    /// The selected row (-1 for none).
    int currentRow() const;
    void selectRow(int row);

    RuleListModel *model() const { return m_model; }
    RuleEditorForm *form() const { return m_form; }
    QTableView *list() const { return m_list; }

public Q_SLOTS:
    /// Adds a rule after the selected one (in its group) and selects it.
    void addRule();
    /// Copies the selected rule (a new id) after it.
    void duplicateRule();
    void removeRule();
    /// Closes without the edits; with changes, once "Discard" is answered.
    void reject() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void done(int result) override;

private:
    void showRow(int row);
    void formEdited();
    void checkRow(int row);
    void checkAll();
    void updateState();
    void insertNew(dashboard::DocumentRule rule, int row, RuleDraft draft = {});
    bool confirmDiscard();
    std::set<std::string> idsExcept(int row) const;
    void useSourceFor(const dashboard::DocumentRule &rule);

    dashboard::Document m_document;
    BackendLookup m_lookup;
    RuleListModel *m_model = nullptr;
    RuleEditorForm *m_form = nullptr;
    editor::NameCache *m_names = nullptr;
    QTableView *m_list = nullptr;
    QSplitter *m_split = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_problem = nullptr;
    QStackedWidget *m_stack = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    /// Ids of the rules added in this session: they follow their name.
    std::set<std::string> m_newIds;
    /// Parallel to the rows: the texts of each rule that do not read (the
    /// shown row's as the form has them after every edit).
    std::vector<RuleDraft> m_drafts;
    int m_shown = -1; ///< the row the form shows
};

} // namespace mw::rulesui
