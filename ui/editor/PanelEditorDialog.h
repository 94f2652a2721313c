#pragma once

// The panel editor: edits a copy of a dashboard::Panel (title, description,
// kind, unit, source, queries, thresholds, kind options) and hands it back
// through panel() with only the fields it shows changed, so fields and
// kinds it does not know stay as they were. Each kind shows the fields it
// reads (PanelKinds): a quality panel has no unit or thresholds, a curve
// panel's queries are score-bucket queries A and B, a confusion matrix runs
// none. Expressions are checked with the PromQL parser as they are typed,
// and what a quality panel reads as the document checks it
// (dashboard::checkPanelSources); either failing disables OK and Apply.
// Thresholds are sorted ascending on OK and Apply. A live preview runs the
// queries against the panel's source over the given time range (a quality
// panel gets a note instead).

#include "NameCache.h"
#include "PanelSourceCheck.h"
#include "dashboard/Document.h"

#include <QDialog>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QVBoxLayout;

namespace mw::view {
class SourceBackend;
}

namespace mw::editor {

class DisplayOptionsEditor;
class PanelFieldsEditor;
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
    /// Every expression the kind runs parses and the panel reads a source
    /// its kind can draw: OK and Apply are enabled.
    bool isValid() const;
    /// The document's variables, substituted before checking and previewing.
    void setVariables(std::vector<dashboard::Variable> variables);
    /// The document's sources (in its order: the first is the default): the
    /// source check reads their kinds. Until this is called the kinds come
    /// from the backends `lookup` gives (none: that source is not checked).
    void setSources(const std::vector<dashboard::Source> &sources);
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
    QWidget *makeQueriesGroup();
    void showKind(dashboard::PanelKind kind);
    std::vector<SourceKindOf> sourceKinds() const;
    void useSource();
    void updateValidity();
    void apply();

    QStringList m_sourceNames;
    QString m_defaultSource;
    BackendLookup m_lookup;
    std::optional<std::vector<SourceKindOf>> m_sources; ///< from setSources()
    NameCache m_names;
    bool m_valid = true;

    PanelFieldsEditor *m_fields = nullptr; ///< holds the general fields as edited
    QueryListEditor *m_queries = nullptr;
    QGroupBox *m_queriesGroup = nullptr;
    QLabel *m_queryHint = nullptr;
    ThresholdTableEditor *m_thresholds = nullptr;
    QGroupBox *m_thresholdsGroup = nullptr;
    QVBoxLayout *m_optionsLayout = nullptr; ///< Panel, Display, Thresholds, a stretch
    DisplayOptionsEditor *m_display = nullptr;
    PanelPreview *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace mw::editor
