#pragma once

// The panel editor: edits a copy of a dashboard::Panel (title, description,
// kind, unit, source, queries, thresholds, display options) and hands it
// back through panel() with only the fields it shows changed, so fields and
// kinds it does not know stay as they were. Expressions are checked with
// the PromQL parser as they are typed (a failing one disables OK and
// Apply); thresholds are sorted ascending on OK and Apply. A live preview
// runs the queries against the panel's source over the given time range.

#include "NameCache.h"
#include "dashboard/Document.h"

#include <QDialog>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

class DisplayOptionsEditor;
class PanelPreview;
class QueryListEditor;
class ThresholdTableEditor;

class PanelEditorDialog : public QDialog
{
    Q_OBJECT
public:
    /// The backend of a source name, or null when there is none.
    using BackendLookup = std::function<view::SourceBackend *(const QString &name)>;

    /// `sourceNames` are the document's sources; a panel with no source of
    /// its own uses `defaultSource`. The preview shows [fromMs, toMs].
    PanelEditorDialog(dashboard::Panel panel, QStringList sourceNames, QString defaultSource,
                      BackendLookup lookup, int64_t fromMs, int64_t toMs, QWidget *parent = nullptr);
    ~PanelEditorDialog() override;

    /// The edited panel (thresholds in ascending order).
    dashboard::Panel panel() const;
    /// Every expression parses: OK and Apply are enabled.
    bool isValid() const;
    /// The document's variables, substituted before checking and previewing.
    void setVariables(std::vector<dashboard::Variable> variables);
    /// The source the preview and completion use.
    QString sourceName() const;

    PanelPreview *preview() const { return m_preview; }
    QueryListEditor *queryList() const { return m_queries; }
    ThresholdTableEditor *thresholdEditor() const { return m_thresholds; }

    void accept() override;

Q_SIGNALS:
    /// Apply was pressed: `panel` is the edited panel.
    void applied(const mw::dashboard::Panel &panel);
    void validityChanged(bool valid);

private:
    QWidget *makeGeneralGroup();
    void fillKinds();
    void fillSources();
    void useSource();
    void updateValidity();
    void apply();

    dashboard::Panel m_panel; ///< general fields as edited; the rest lives in the editors
    QStringList m_sourceNames;
    QString m_defaultSource;
    BackendLookup m_lookup;
    NameCache m_names;
    bool m_valid = true;

    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_unit = nullptr;
    QComboBox *m_source = nullptr;
    QFormLayout *m_form = nullptr;
    QueryListEditor *m_queries = nullptr;
    ThresholdTableEditor *m_thresholds = nullptr;
    DisplayOptionsEditor *m_display = nullptr;
    PanelPreview *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace mw::editor
