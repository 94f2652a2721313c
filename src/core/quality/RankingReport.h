#pragma once

// ROC-AUC and average precision (PR-AUC) from individual scores, binary and
// one-vs-rest multi-class, as scikit-learn computes them (BinaryCurve.h has
// the per-curve rules: ties, NaN scores, undefined cases).
//
// Multi-class (sklearn roc_auc_score(multi_class="ovr") and
// average_precision_score on label_binarize(y)): class k's curve ranks every
// sample by its score for k, the samples of class k being the positives.
// macro = unweighted mean over classes, weighted = mean weighted by class
// prevalence. sklearn raises when some class's curve is undefined (a class
// absent from the window); here that class is NaN, left out of both means,
// and allClassesDefined is false so a caller can decide.
//
// Minimum-sample guard: enoughSamples needs at least `minSamples` positives
// and as many negatives (for each class in one-vs-rest): an AUC from three
// positives swings by 0.3 with one label.

#include "quality/BinaryCurve.h"
#include "quality/ClassificationReport.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace mw::quality {

struct RankingScores
{
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    double averagePrecision = std::numeric_limits<double>::quiet_NaN();
    bool rocDefined = false;
    bool averagePrecisionDefined = false;
    double positives = 0.0;
    double negatives = 0.0;
    bool enoughSamples = false;
};

struct RankingReport
{
    /// Binary: the one curve. One-vs-rest: the macro averages (flags: at
    /// least one class defined), positives/negatives the smallest over classes.
    RankingScores overall;
    std::vector<RankingScores> perClass; ///< one-vs-rest only
    double weightedRocAuc = std::numeric_limits<double>::quiet_NaN();
    double weightedAveragePrecision = std::numeric_limits<double>::quiet_NaN();
    bool allClassesDefined = false;
    /// NaN scores left out (one-vs-rest: counted per class score).
    std::size_t nanScores = 0;
};

RankingScores rankingScores(const BinaryCurve &curve, const MetricOptions &options = {});

/// Binary, from the scores of positives and of negatives.
RankingReport binaryRanking(std::span<const double> positiveScores, std::span<const double> negativeScores,
                            const MetricOptions &options = {});

/// Binary, sklearn-style arrays: labels[i] != 0 is a positive. Sizes must
/// match (the shorter length is used otherwise).
RankingReport binaryRanking(std::span<const double> scores, std::span<const uint8_t> labels,
                            const MetricOptions &options = {});

/// One-vs-rest over `classes` classes: `scores` row-major (sample × class),
/// `actual[i]` < classes the true class of sample i (others are skipped).
RankingReport oneVsRestRanking(std::span<const double> scores, std::span<const uint32_t> actual, std::size_t classes,
                               const MetricOptions &options = {});

} // namespace mw::quality
