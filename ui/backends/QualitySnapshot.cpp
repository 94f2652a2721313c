#include "QualitySnapshot.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace mw::view {

namespace {

/// At most `max` points, evenly spread, first and last kept.
template<typename P>
std::vector<P> thinned(std::vector<P> points, std::size_t max)
{
    if (points.size() <= max || max < 2)
        return points;
    std::vector<P> out;
    out.reserve(max);
    const double step = double(points.size() - 1) / double(max - 1);
    for (std::size_t i = 0; i < max; ++i)
        out.push_back(points[std::min(points.size() - 1, std::size_t(std::llround(double(i) * step)))]);
    return out;
}

} // namespace

double QualityCurve::baseRate() const
{
    const double n = positives + negatives;
    return n > 0.0 ? positives / n : std::numeric_limits<double>::quiet_NaN();
}

QualityCurve QualityCurve::from(const quality::BinaryCurve &curve, QString className)
{
    QualityCurve c;
    c.className = std::move(className);
    c.positives = curve.positives();
    c.negatives = curve.negatives();
    c.rocDefined = curve.rocDefined();
    c.averagePrecisionDefined = curve.averagePrecisionDefined();
    c.rocAuc = curve.rocAuc();
    c.averagePrecision = curve.averagePrecision();
    c.roc = thinned(curve.rocCurve(true), kMaxPoints);
    c.pr = thinned(curve.prCurve(), kMaxPoints);
    return c;
}

std::shared_ptr<QualitySnapshot> binarySnapshot(const quality::BinaryCurve &curve, int64_t timeMs, int64_t minSamples)
{
    const auto tr = [](const char *s) { return QCoreApplication::translate("mw::view::QualitySnapshot", s); };
    auto snap = std::make_shared<QualitySnapshot>();
    snap->timeMs = timeMs;
    snap->classes = {tr("negative"), tr("positive")};
    snap->positiveClass = 1;
    snap->curves.push_back(QualityCurve::from(curve, tr("positive")));
    snap->labeled = curve.positives() + curve.negatives();
    snap->minSamples = minSamples;
    return snap;
}

} // namespace mw::view
