#pragma once

// The form for one alert rule of the document: name and group, the
// expression (checked with the PromQL parser as it is typed, completed from
// the rule's source), source, tied panel, condition (kind, operator,
// threshold and clear threshold in the rule's value unit), `for`, severity
// and summary on the Rule tab; interval, keep firing for, repeat interval
// and the no-data and error policies on the Evaluation tab; labels and
// other annotations on the third. Problems show under their field (and as a
// mark on the field's tab); the form itself finds texts that are not a
// number or a Prometheus duration, the dialog the rest (RuleCheck). Such a
// text is not in rule(): draft() holds it, and setRule() takes it back, so
// a rule shown again shows what was typed, with its problem.
//
// Child names for tests: ruleName, ruleGroup, ruleId, ruleExpr, ruleSource,
// rulePanel, ruleKind, ruleOp, ruleThreshold, ruleClearThreshold, ruleUnit,
// ruleFor, ruleSeverity, ruleSummary, ruleInterval, ruleKeepFiringFor,
// ruleRepeatInterval, ruleNoData, ruleOnError, ruleLabels, ruleAnnotations
// (KeyValueTable), ruleTabs; each field's problem label is "<name>Error".

#include "KeyValueTable.h"
#include "RuleCheck.h"
#include "dashboard/Document.h"

#include <QWidget>

#include <map>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {
class ExpressionEdit;
class NameCache;
} // namespace mw::editor

namespace mw::rulesui {

/// What the form shows of a rule beyond the rule itself: the texts of its
/// fields that do not read (a threshold "fast", `for` "5 minutes", a label
/// named twice), kept while another rule is shown. Empty when every field reads.
struct RuleDraft
{
    std::map<RuleField, QString> texts;                  ///< a line edit's text
    std::map<RuleField, QList<KeyValueTable::Row>> rows; ///< a table's rows
    std::map<RuleField, QString> problems;               ///< as RuleEditorForm::textProblems()

    bool empty() const { return problems.empty(); }
};

class RuleEditorForm final : public QWidget
{
    Q_OBJECT
public:
    /// `document` gives the sources, panels (and their units) to choose from.
    explicit RuleEditorForm(const dashboard::Document &document, QWidget *parent = nullptr);
    ~RuleEditorForm() override;

    /// Shows `rule`, with `draft`'s texts in their fields (draft() of the
    /// same rule); the form's own problems are those of the draft.
    void setRule(const dashboard::DocumentRule &rule, const RuleDraft &draft = {});
    /// The rule as edited (fields whose text does not read keep their last good value).
    const dashboard::DocumentRule &rule() const { return m_rule; }
    /// The texts of the fields that do not read, with their problems.
    RuleDraft draft() const;
    /// Changes the shown id only (a rule added in this session follows its name).
    void setRuleId(const std::string &id);
    /// Shows `check`'s problems and the form's own next to their fields.
    void setProblems(const RuleCheckResult &check);
    /// Texts that do not read as what their field holds, by field.
    const std::map<RuleField, QString> &textProblems() const { return m_textProblems; }
    /// Completion of the expression from `backend` (may be null).
    void setNameSource(editor::NameCache *cache, view::SourceBackend *backend);
    /// Puts the keyboard focus on the name (Enter in the rule list).
    void focusFirstField();

Q_SIGNALS:
    /// A widget changed the rule (rule() has the new one).
    void ruleEdited();

private:
    struct Field
    {
        QWidget *widget = nullptr;
        QLabel *error = nullptr;
        QFormLayout *form = nullptr;
        int tab = 0;
    };

    QWidget *buildRuleTab();
    QWidget *buildEvaluationTab();
    QWidget *buildLabelsTab();
    QLineEdit *lineEdit(const QString &name, QWidget *parent);
    QComboBox *combo(const QString &name, QWidget *parent);
    /// Adds a row with `widget` (or `row` when given: the widget and its
    /// neighbours) and an error row under it, both in `form`.
    void addRow(QFormLayout *form, int tab, const QString &label, RuleField field, QWidget *widget,
                QWidget *row = nullptr);
    void fill();
    /// Puts `draft`'s texts into their fields and reads them.
    void restore(const RuleDraft &draft);
    /// Reads a text field (a line edit or a table) into m_rule.
    void readField(RuleField field);
    QLineEdit *textEdit(RuleField field) const;
    KeyValueTable *table(RuleField field) const;
    void edited();
    void readThreshold(QLineEdit *edit, RuleField field);
    void setTextProblem(RuleField field, const QString &problem);
    void readDuration(QLineEdit *edit, RuleField field, int64_t &target, bool emptyIsZero);
    void updateKind();
    void updateUnit();
    void updateProblems();

    dashboard::Document m_document;
    dashboard::DocumentRule m_rule;
    std::map<RuleField, QString> m_textProblems;
    RuleCheckResult m_check;
    std::map<RuleField, Field> m_fields;
    bool m_filling = false;

    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_group = nullptr;
    QLabel *m_id = nullptr;
    editor::ExpressionEdit *m_expr = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_panel = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_filterNote = nullptr;
    QComboBox *m_op = nullptr;
    QLineEdit *m_threshold = nullptr;
    QLabel *m_thresholdUnit = nullptr;
    QLabel *m_thresholdHint = nullptr;
    QLineEdit *m_clear = nullptr;
    QLabel *m_clearUnit = nullptr;
    QLabel *m_clearHint = nullptr;
    QComboBox *m_unit = nullptr;
    QLineEdit *m_for = nullptr;
    QComboBox *m_severity = nullptr;
    QLineEdit *m_summary = nullptr;
    QLineEdit *m_interval = nullptr;
    QLineEdit *m_keepFiringFor = nullptr;
    QLineEdit *m_repeat = nullptr;
    QComboBox *m_noData = nullptr;
    QComboBox *m_onError = nullptr;
    KeyValueTable *m_labels = nullptr;
    KeyValueTable *m_annotations = nullptr;
};

} // namespace mw::rulesui
