#include "BucketCurveSnapshot.h"

#include "quality/BinaryCurve.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>
#include <string>

namespace mw::ui {
namespace {

QString tr(const char *s) { return QCoreApplication::translate("mw::ui::BucketCurveSnapshot", s); }

double lastFinite(const view::PointsPtr &points)
{
    if (points) {
        for (auto it = points->rbegin(); it != points->rend(); ++it) {
            if (std::isfinite(it->v))
                return it->v;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

/// The buckets of query `refId`: one per `le` series, its newest finite value.
std::vector<Bucket> bucketsOf(const view::PanelFrame &frame, const std::string &refId, QString *error)
{
    std::vector<Bucket> out;
    for (const view::PanelSeries &s : frame.series) {
        if (s.refId != refId)
            continue;
        const std::optional<std::string_view> le = s.labels.get("le");
        const double count = lastFinite(s.points);
        if (!le || !std::isfinite(count))
            continue;
        const std::string bound(*le);
        double upper = 0;
        if (bound == "+Inf" || bound == "Inf")
            upper = std::numeric_limits<double>::infinity();
        else {
            try {
                upper = std::stod(bound);
            } catch (...) {
                *error = tr("query %1: le=\"%2\" is not a number").arg(QString::fromStdString(refId), QString::fromStdString(bound));
                return {};
            }
        }
        out.push_back({upper, count});
    }
    if (out.empty())
        *error = tr("query %1 gave no score buckets (series with an le label)").arg(QString::fromStdString(refId));
    return out;
}

} // namespace

view::QualitySnapshotPtr bucketCurveSnapshot(const view::PanelFrame &frame, QString *error)
{
    const std::vector<Bucket> positives = bucketsOf(frame, "A", error);
    if (positives.empty())
        return nullptr;
    const std::vector<Bucket> negatives = bucketsOf(frame, "B", error);
    if (negatives.empty())
        return nullptr;
    const quality::BucketCurveResult r = quality::BinaryCurve::fromBuckets(positives, negatives);
    if (!r.curve) {
        *error = QString::fromStdString(r.error);
        return nullptr;
    }
    auto snap = std::make_shared<view::QualitySnapshot>();
    snap->timeMs = frame.toMs;
    snap->classes = {tr("negative"), tr("positive")};
    snap->positiveClass = 1;
    view::QualityCurve c;
    c.className = tr("positive");
    c.roc = r.curve->rocCurve();
    c.pr = r.curve->prCurve();
    c.rocDefined = r.curve->rocDefined();
    c.averagePrecisionDefined = r.curve->averagePrecisionDefined();
    c.rocAuc = r.curve->rocAuc();
    c.averagePrecision = r.curve->averagePrecision();
    c.positives = r.curve->positives();
    c.negatives = r.curve->negatives();
    snap->curves.push_back(std::move(c));
    snap->labeled = r.curve->positives() + r.curve->negatives();
    return snap;
}

} // namespace mw::ui
