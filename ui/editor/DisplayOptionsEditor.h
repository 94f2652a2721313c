#pragma once

// The kind-specific options of a panel: legend calculations (last, min,
// max, mean) for a timeseries, reduce / sparkline / colour by threshold for
// a stat. Other kinds have no options here and are left as they are.
// A legend calc toggled off is removed, one toggled on is appended, so
// options nobody touched come back in their original order.

#include "dashboard/Document.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QStackedWidget;

namespace mw::editor {

class DisplayOptionsEditor : public QWidget
{
    Q_OBJECT
public:
    DisplayOptionsEditor(dashboard::TimeseriesOptions timeseries, dashboard::StatOptions stat,
                         QWidget *parent = nullptr);

    const dashboard::TimeseriesOptions &timeseries() const { return m_timeseries; }
    const dashboard::StatOptions &stat() const { return m_stat; }
    /// Shows the options of `kind`.
    void setKind(dashboard::PanelKind kind);

Q_SIGNALS:
    void changed();

private:
    QWidget *makeTimeseriesPage();
    QWidget *makeStatPage();

    dashboard::TimeseriesOptions m_timeseries;
    dashboard::StatOptions m_stat;
    QStackedWidget *m_pages = nullptr;
};

} // namespace mw::editor
