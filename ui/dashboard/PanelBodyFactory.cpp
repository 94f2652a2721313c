#include "PanelBodyFactory.h"

#include "QualityBody.h"
#include "StatBody.h"
#include "TimeseriesBody.h"

namespace mw::ui {

PanelBody *makePanelBody(const dashboard::Panel &panel, QWidget *parent)
{
    switch (panel.kind) {
    case dashboard::PanelKind::Timeseries:
        return new TimeseriesBody(parent);
    case dashboard::PanelKind::Stat:
        return new StatBody(parent);
    case dashboard::PanelKind::QualityCurve:
    case dashboard::PanelKind::ConfusionMatrix:
        return new QualityBody(panel.kind, parent);
    }
    return nullptr;
}

} // namespace mw::ui
