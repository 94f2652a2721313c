#include "quality/ClassificationReport.h"

#include <cmath>

namespace mw::quality {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double substitute(ZeroDivision zd)
{
    switch (zd) {
    case ZeroDivision::Zero:
        return 0.0;
    case ZeroDivision::One:
        return 1.0;
    case ZeroDivision::NaN:
        break;
    }
    return kNaN;
}

Proportion ratio(double num, double den, const MetricOptions &o)
{
    Proportion p = Proportion::of(num, den, o.minSamples, o.z);
    if (!p.defined)
        p.value = substitute(o.zeroDivision);
    return p;
}

/// Mean of values weighted by `weights`, skipping undefined values in NaN
/// mode (their substitute is NaN); Zero/One substitutes are averaged.
struct Mean
{
    double sum = 0.0;
    double weight = 0.0;
    bool anyDefined = false;

    void add(double value, bool defined, double w, ZeroDivision zd)
    {
        anyDefined = anyDefined || defined;
        if (!defined && zd == ZeroDivision::NaN)
            return;
        sum += w * value;
        weight += w;
    }
    double value() const { return weight > 0.0 ? sum / weight : kNaN; }
};

} // namespace

ClassScores ClassificationReport::binary(std::size_t positive) const
{
    return positive < perClass.size() ? perClass[positive] : ClassScores{};
}

ClassificationReport classificationReport(const ConfusionMatrix &m, const MetricOptions &o)
{
    ClassificationReport r;
    const std::size_t k = m.classes();
    r.perClass.resize(k);
    r.samples = m.total();
    r.enoughSamples = r.samples >= o.minSamples && r.samples > 0.0;
    r.accuracy = ratio(m.correct(), m.total(), o);

    Mean macroP, macroR, macroF, wP, wR, wF;
    for (std::size_t c = 0; c < k; ++c) {
        ClassScores &s = r.perClass[c];
        const double tp = m.truePositives(c);
        const double predicted = m.predictedCount(c);
        const double actual = m.actualCount(c);
        s.support = actual;
        s.precision = ratio(tp, predicted, o);
        s.recall = ratio(tp, actual, o);
        const double fDen = predicted + actual; // 2tp + fp + fn
        s.f1Defined = fDen > 0.0;
        s.f1 = s.f1Defined ? 2.0 * tp / fDen : substitute(o.zeroDivision);

        macroP.add(s.precision.value, s.precision.defined, 1.0, o.zeroDivision);
        macroR.add(s.recall.value, s.recall.defined, 1.0, o.zeroDivision);
        macroF.add(s.f1, s.f1Defined, 1.0, o.zeroDivision);
        wP.add(s.precision.value, s.precision.defined, actual, o.zeroDivision);
        wR.add(s.recall.value, s.recall.defined, actual, o.zeroDivision);
        wF.add(s.f1, s.f1Defined, actual, o.zeroDivision);
    }

    auto fill = [](AveragedScores &a, const Mean &p, const Mean &rc, const Mean &f) {
        a.precision = p.value();
        a.recall = rc.value();
        a.f1 = f.value();
        a.precisionDefined = p.anyDefined;
        a.recallDefined = rc.anyDefined;
        a.f1Defined = f.anyDefined;
    };
    fill(r.macro, macroP, macroR, macroF);
    fill(r.weighted, wP, wR, wF);

    const bool any = m.total() > 0.0;
    const double zd = substitute(o.zeroDivision);
    if (!any) {
        // sklearn: an empty matrix gives zero_division for every average.
        r.macro = r.weighted = AveragedScores{zd, zd, zd, false, false, false};
    }
    // Pooled over classes: tp = trace, tp + fp = tp + fn = total.
    r.micro.precision = r.micro.recall = r.micro.f1 = any ? m.correct() / m.total() : zd;
    r.micro.precisionDefined = r.micro.recallDefined = r.micro.f1Defined = any;
    return r;
}

} // namespace mw::quality
