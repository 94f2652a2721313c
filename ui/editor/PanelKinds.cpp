#include "PanelKinds.h"

namespace mw::editor {

using dashboard::PanelKind;

std::vector<PanelKind> PanelKinds::all()
{
    return {PanelKind::Timeseries, PanelKind::Stat, PanelKind::QualityCurve, PanelKind::ConfusionMatrix};
}

QString PanelKinds::name(PanelKind kind)
{
    switch (kind) {
    case PanelKind::Timeseries:
        return tr("Time series");
    case PanelKind::Stat:
        return tr("Stat");
    case PanelKind::QualityCurve:
        return tr("ROC and PR curves");
    case PanelKind::ConfusionMatrix:
        return tr("Confusion matrix");
    }
    return {};
}

KindFields PanelKinds::fields(PanelKind kind)
{
    KindFields f;
    if (kind == PanelKind::QualityCurve) {
        // The curves' axes are rates; the queries are histograms by `le`.
        f.unit = false;
        f.thresholds = false;
        f.legend = false;
        f.queriesHint = tr("On a Prometheus or scrape source the curves come from two score-bucket queries: "
                           "A for the positives, B for the negatives (one series per le bucket). "
                           "A feed or score_buckets source needs no queries.");
        f.previewNote = tr("The curves appear on the dashboard once the source has data.");
    } else if (kind == PanelKind::ConfusionMatrix) {
        f.unit = false;
        f.thresholds = false;
        f.legend = false;
        f.queries = false;
        f.queriesHint = tr("A confusion matrix counts its feed source's labeled predictions: it runs no queries.");
        f.previewNote = tr("The confusion matrix appears on the dashboard once the feed has labeled predictions.");
    }
    return f;
}

} // namespace mw::editor
