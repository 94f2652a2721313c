#pragma once

// The part of a panel below its header: a chart, a big number, a curve...
// Each kind of panel has one; the PanelWidget around it shows the header and
// the loading, no-data and error states.

#include "PanelFrame.h"
#include "dashboard/Document.h"

#include <QWidget>

#include <vector>

namespace mw::ui {

class PanelBody : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    /// Shows `frame` for `panel`; `ruleThresholds` are the lines of the alert
    /// rules tied to the panel (drawn beside the panel's own thresholds).
    virtual void showFrame(const view::PanelFrame &frame, const dashboard::Panel &panel,
                           const std::vector<dashboard::Threshold> &ruleThresholds) = 0;
    /// The panel's source (bodies that read more than range queries use it).
    virtual void setBackend(view::SourceBackend *backend) { (void)backend; }
    /// True when the body shows its own empty and waiting states (the panel
    /// then always shows the body).
    virtual bool ownsStates() const { return false; }
};

} // namespace mw::ui
