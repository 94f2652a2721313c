#pragma once

// One query of a panel: its refId, expression (an ExpressionEdit with the
// parser's message under it), legend format and a hide toggle, with
// move-up/move-down/remove buttons. Holds the Query it edits; widgets write
// into it as they change, nothing is read back from them later.

#include "ExpressionCheck.h"
#include "dashboard/Document.h"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

class ExpressionEdit;
class NameCache;

class QueryRowEditor : public QWidget
{
    Q_OBJECT
public:
    explicit QueryRowEditor(dashboard::Query query, QWidget *parent = nullptr);

    const dashboard::Query &query() const { return m_query; }
    /// The parse error of the expression (with the variables substituted), if any.
    const std::optional<ExpressionError> &error() const { return m_error; }
    void setVariables(std::vector<dashboard::Variable> variables);
    void setNameSource(NameCache *cache, view::SourceBackend *backend);
    /// Enables the move buttons for the row's place in the list.
    void setPlace(bool first, bool last);
    /// Shows or hides the legend format (kinds that name no series by it).
    void setLegendVisible(bool visible);
    ExpressionEdit *expressionEdit() const { return m_expr; }

Q_SIGNALS:
    void changed(); ///< the query or its validity changed
    void moveUpRequested();
    void moveDownRequested();
    void removeRequested();

private:
    void validate();

    dashboard::Query m_query;
    std::vector<dashboard::Variable> m_variables;
    std::optional<ExpressionError> m_error;
    ExpressionEdit *m_expr = nullptr;
    QLineEdit *m_legend = nullptr;
    QCheckBox *m_hidden = nullptr;
    QLabel *m_errorLabel = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
};

} // namespace mw::editor
