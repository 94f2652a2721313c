#pragma once

// One dashboard variable's fields: name (with how panels refer to it), label,
// kind, the label_values query with a preview of the values the source
// returns, or the custom options (one per line or comma-separated), multi
// and include All. Each field shows its problem in place (setProblems). It
// emits edited() on every change; variable() is the variable as the fields
// say, its selection fitted to the definition (VariableCheck::fitSelection).
//
// Child names: variableName, variableNameNote, variableNameProblem,
// variableLabel, variableKind, variableQuery, variableQueryProblem,
// variablePreview (asked again when the source gets new data while it had
// no values, as a scrape source's store fills), variableOptions, variableOptionsProblem, variableMulti,
// variableIncludeAll.

#include "VariableCheck.h"
#include "dashboard/Document.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;

namespace mw::view {
class SourceBackend;
struct NamesAnswer;
}

namespace mw::variablesui {

class VariableForm final : public QWidget
{
    Q_OBJECT
public:
    explicit VariableForm(QWidget *parent = nullptr);

    /// Shows `variable`; `originalName` is its name in the document ("" for
    /// one added in the dialog), for the note on renaming.
    void setVariable(const dashboard::Variable &variable, const std::string &originalName);
    dashboard::Variable variable() const;
    void setProblems(const VariableProblems &problems);
    /// The source asked for the preview of a query's values (may be null).
    void setBackend(view::SourceBackend *backend);
    void focusFirstField();
    /// The preview line's text (for tests).
    QString previewText() const;

Q_SIGNALS:
    void edited();

private:
    void onEdited();
    void updateKindRows();
    void updateNote();
    void schedulePreview();
    void requestPreview();
    void onNames(quint64 id, const mw::view::NamesAnswer &answer);

    QFormLayout *m_layout = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameNote = nullptr;
    QLabel *m_nameProblem = nullptr;
    QLineEdit *m_label = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_query = nullptr;
    QLabel *m_queryProblem = nullptr;
    QLabel *m_preview = nullptr;
    QPlainTextEdit *m_options = nullptr;
    QLabel *m_optionsProblem = nullptr;
    QCheckBox *m_multi = nullptr;
    QCheckBox *m_includeAll = nullptr;
    QTimer *m_previewTimer = nullptr;

    std::vector<std::string> m_current; ///< the selection as given
    std::string m_originalName;
    QPointer<view::SourceBackend> m_backend;
    QMetaObject::Connection m_backendConnection;
    QMetaObject::Connection m_dataConnection;
    quint64 m_request = 0;
    bool m_askAgain = false; ///< the last answer had no values: ask when new data arrives
    bool m_filling = false;
};

} // namespace mw::variablesui
