#pragma once

// The panel kinds the editor offers, with their readable names ("ROC and PR
// curves"), and which of the editor's fields each kind reads: a confusion
// matrix has no unit, thresholds, legends or queries; a curve panel reads
// only score-bucket queries A and B, on a counters source; neither draws
// time series, so the preview says so instead of charting. QtCore only.

#include "dashboard/Document.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace mw::editor {

/// What a panel kind does with the editor's fields.
struct KindFields
{
    bool unit = true;       ///< values are formatted in the panel's unit
    bool thresholds = true; ///< thresholds are drawn
    bool queries = true;    ///< the panel runs its queries
    bool legend = true;     ///< the queries' legend formats name series
    QString queriesHint;    ///< under the queries: what the kind does with them
    QString previewNote;    ///< shown instead of the preview chart; empty: the chart
};

class PanelKinds
{
    Q_DECLARE_TR_FUNCTIONS(mw::editor::PanelKinds)

public:
    /// The kinds in the kind box, in its order.
    static std::vector<dashboard::PanelKind> all();
    /// "Time series", "Stat", "ROC and PR curves", "Confusion matrix"; empty
    /// for a kind this editor does not know.
    static QString name(dashboard::PanelKind kind);
    /// A kind this editor does not know reads every field, so all are shown.
    static KindFields fields(dashboard::PanelKind kind);
};

} // namespace mw::editor
