#include "BucketCurveSnapshot.h"

#include "QualitySnapshot.h"

#include "promql/EngineValue.h"
#include "quality/QualityQueries.h"

#include <QCoreApplication>

#include <cmath>

namespace mw::ui {
namespace {

QString tr(const char *s) { return QCoreApplication::translate("mw::ui::BucketCurveSnapshot", s); }

/// The buckets of query `refId`: one sample per `le` series, its newest finite value.
std::vector<promql::VectorSample> bucketsOf(const view::PanelFrame &frame, const std::string &refId, QString *error)
{
    std::vector<promql::VectorSample> out;
    for (const view::PanelSeries &s : frame.series) {
        if (s.refId != refId || !s.labels.get("le") || !s.points)
            continue;
        for (auto it = s.points->rbegin(); it != s.points->rend(); ++it) {
            if (std::isfinite(it->v)) {
                out.push_back({s.labels, it->v, it->t});
                break;
            }
        }
    }
    if (out.empty())
        *error = tr("query %1 gave no score buckets (series with an le label)").arg(QString::fromStdString(refId));
    return out;
}

} // namespace

view::QualitySnapshotPtr bucketCurveSnapshot(const view::PanelFrame &frame, QString *error)
{
    const std::vector<promql::VectorSample> positives = bucketsOf(frame, "A", error);
    if (positives.empty())
        return nullptr;
    const std::vector<promql::VectorSample> negatives = bucketsOf(frame, "B", error);
    if (negatives.empty())
        return nullptr;
    const quality::BucketCurveResult r = quality::curveFromBucketVectors(positives, negatives);
    if (!r.curve) {
        *error = QString::fromStdString(r.error);
        return nullptr;
    }
    return view::binarySnapshot(*r.curve, frame.toMs);
}

} // namespace mw::ui
