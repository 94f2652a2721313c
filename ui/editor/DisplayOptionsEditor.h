#pragma once

// The kind-specific options of a panel: legend calculations (last, min,
// max, mean) for a timeseries, reduce / sparkline / colour by threshold for
// a stat, the curves (ROC, precision–recall, both) of a quality_curve panel
// and the normalization of a confusion_matrix (counts, share of each actual
// class, share of each predicted class, as the heatmap titles them). Kinds
// added later have no options here and are left as they are; the options
// of the kinds not shown are kept too.
// A legend calc toggled off is removed, one toggled on is appended, so
// options nobody touched come back in their original order.

#include "dashboard/Document.h"

#include <QWidget>

class QStackedWidget;

namespace mw::editor {

class DisplayOptionsEditor : public QWidget
{
    Q_OBJECT
public:
    /// Edits a copy of `panel`'s options of every kind.
    explicit DisplayOptionsEditor(const dashboard::Panel &panel, QWidget *parent = nullptr);

    const dashboard::TimeseriesOptions &timeseries() const { return m_timeseries; }
    const dashboard::StatOptions &stat() const { return m_stat; }
    const dashboard::QualityCurveOptions &qualityCurve() const { return m_qualityCurve; }
    const dashboard::ConfusionMatrixOptions &confusionMatrix() const { return m_confusionMatrix; }
    /// Writes the options of every kind into `panel`.
    void writeTo(dashboard::Panel &panel) const;
    /// Shows the options of `kind`.
    void setKind(dashboard::PanelKind kind);

Q_SIGNALS:
    void changed();

private:
    QWidget *makeTimeseriesPage();
    QWidget *makeStatPage();
    QWidget *makeQualityCurvePage();
    QWidget *makeConfusionMatrixPage();

    dashboard::TimeseriesOptions m_timeseries;
    dashboard::StatOptions m_stat;
    dashboard::QualityCurveOptions m_qualityCurve;
    dashboard::ConfusionMatrixOptions m_confusionMatrix;
    QStackedWidget *m_pages = nullptr;
};

} // namespace mw::editor
