#include "quality/RankingReport.h"

#include <algorithm>

namespace mw::quality {

RankingScores rankingScores(const BinaryCurve &curve, const MetricOptions &options)
{
    RankingScores s;
    s.rocDefined = curve.rocDefined();
    s.averagePrecisionDefined = curve.averagePrecisionDefined();
    s.rocAuc = curve.rocAuc();
    s.averagePrecision = curve.averagePrecision();
    s.positives = curve.positives();
    s.negatives = curve.negatives();
    s.enoughSamples = s.rocDefined && std::min(s.positives, s.negatives) >= options.minSamples;
    return s;
}

RankingReport binaryRanking(std::span<const double> positiveScores, std::span<const double> negativeScores,
                            const MetricOptions &options)
{
    const BinaryCurve curve = BinaryCurve::fromScores(positiveScores, negativeScores);
    RankingReport r;
    r.overall = rankingScores(curve, options);
    r.allClassesDefined = r.overall.rocDefined;
    r.weightedRocAuc = r.overall.rocAuc;
    r.weightedAveragePrecision = r.overall.averagePrecision;
    r.nanScores = curve.nanExcluded();
    return r;
}

RankingReport binaryRanking(std::span<const double> scores, std::span<const uint8_t> labels,
                            const MetricOptions &options)
{
    const std::size_t n = std::min(scores.size(), labels.size());
    std::vector<double> pos, neg;
    pos.reserve(n);
    neg.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        (labels[i] != 0 ? pos : neg).push_back(scores[i]);
    return binaryRanking(pos, neg, options);
}

RankingReport oneVsRestRanking(std::span<const double> scores, std::span<const uint32_t> actual, std::size_t classes,
                               const MetricOptions &options)
{
    RankingReport r;
    if (classes == 0)
        return r;
    const std::size_t n = std::min(actual.size(), scores.size() / classes);
    std::vector<double> pos, neg;
    double macroRoc = 0.0, macroAp = 0.0, wRoc = 0.0, wAp = 0.0, wRocSum = 0.0, wApSum = 0.0;
    std::size_t rocClasses = 0, apClasses = 0;
    r.allClassesDefined = true;
    r.overall.enoughSamples = true;
    r.overall.positives = r.overall.negatives = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < classes; ++k) {
        pos.clear();
        neg.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if (actual[i] >= classes)
                continue;
            (actual[i] == k ? pos : neg).push_back(scores[i * classes + k]);
        }
        const BinaryCurve curve = BinaryCurve::fromScores(pos, neg);
        const RankingScores s = rankingScores(curve, options);
        r.nanScores += curve.nanExcluded();
        r.perClass.push_back(s);
        r.allClassesDefined = r.allClassesDefined && s.rocDefined;
        r.overall.enoughSamples = r.overall.enoughSamples && s.enoughSamples;
        r.overall.positives = std::min(r.overall.positives, s.positives);
        r.overall.negatives = std::min(r.overall.negatives, s.negatives);
        if (s.rocDefined) {
            macroRoc += s.rocAuc;
            wRoc += s.positives * s.rocAuc;
            wRocSum += s.positives;
            ++rocClasses;
        }
        if (s.averagePrecisionDefined) {
            macroAp += s.averagePrecision;
            wAp += s.positives * s.averagePrecision;
            wApSum += s.positives;
            ++apClasses;
        }
    }
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    r.overall.rocDefined = rocClasses > 0;
    r.overall.averagePrecisionDefined = apClasses > 0;
    r.overall.rocAuc = rocClasses > 0 ? macroRoc / static_cast<double>(rocClasses) : kNaN;
    r.overall.averagePrecision = apClasses > 0 ? macroAp / static_cast<double>(apClasses) : kNaN;
    r.weightedRocAuc = wRocSum > 0.0 ? wRoc / wRocSum : kNaN;
    r.weightedAveragePrecision = wApSum > 0.0 ? wAp / wApSum : kNaN;
    return r;
}

} // namespace mw::quality
