#pragma once

// The operating points of a binary scorer — (threshold, tp, fp) at every
// distinct score, highest first — and the ROC and precision-recall curves and
// areas derived from them, as scikit-learn 1.2 computes them:
//  - _binary_clf_curve: a sample is predicted positive at threshold t when its
//    score >= t; equal scores form one point (ties are never split), so tied
//    positives and negatives enter the curve together (a diagonal segment).
//  - roc_auc_score: trapezoidal area under (fpr, tpr). Here summed exactly in
//    counts, sum Δfp · (tp + tp_prev) / (2 P N), then divided once; sklearn
//    normalises first, so results agree to a few ulps, not bit for bit.
//  - average_precision_score: the step integral sum (R_k - R_{k-1}) · P_k,
//    no interpolation (not the trapezoid, which is optimistic).
//
// Two sources: individual scores (exact), or the cumulative `le` histograms of
// the scores of positives and of negatives that a model server exports — then
// every score in a bucket is treated as tied at the bucket's upper bound, so
// the curve is exactly sklearn's for scores rounded up to their bucket's bound.
// The finer the buckets near the operating region, the closer to the exact AUC.
//
// Undefined cases (NaN plus a flag, never a made-up number):
//  - ROC-AUC needs at least one positive and one negative. sklearn raises
//    "Only one class present in y_true"; rocDefined() is false and rocAuc() NaN.
//  - Average precision needs a positive. sklearn 1.2 warns and returns 0 there;
//    averagePrecisionDefined() is false and averagePrecision() NaN.
//  - NaN scores are excluded and counted (nanExcluded()); sklearn refuses the
//    whole input. ±Inf scores are ordinary (largest/smallest) scores.

#include "query/HistogramQuantile.h"

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace mw::quality {

struct CurvePoint
{
    double threshold = 0.0;
    double tp = 0.0; ///< positives with score >= threshold
    double fp = 0.0; ///< negatives with score >= threshold
};

struct RocPoint
{
    double fpr = 0.0;
    double tpr = 0.0;
    double threshold = 0.0;
};

struct PrPoint
{
    double precision = 0.0;
    double recall = 0.0;
    double threshold = 0.0;
};

struct BucketCurveResult;

class BinaryCurve
{
public:
    BinaryCurve() = default;

    /// From individual scores; NaN scores are skipped and counted.
    static BinaryCurve fromScores(std::span<const double> positiveScores, std::span<const double> negativeScores);

    /// From cumulative histograms (observations <= upperBound) of the scores of
    /// positives and of negatives. Both need the same bounds (after sorting
    /// and merging equal bounds by summing) ending with +Inf, and finite,
    /// non-negative counts (fractional counts from increase() are fine).
    static BucketCurveResult fromBuckets(std::span<const Bucket> positives, std::span<const Bucket> negatives);

    /// Distinct thresholds, highest first; the last point has tp = P, fp = N.
    const std::vector<CurvePoint> &points() const { return m_points; }
    double positives() const { return m_positives; }
    double negatives() const { return m_negatives; }
    std::size_t nanExcluded() const { return m_nan; }

    bool rocDefined() const { return m_positives > 0.0 && m_negatives > 0.0; }
    bool averagePrecisionDefined() const { return m_positives > 0.0; }
    double rocAuc() const;
    double averagePrecision() const;

    /// sklearn's roc_curve: a first point (0, 0) with threshold +Inf (sklearn
    /// 1.2 writes max score + 1 there; 1.3+ writes +Inf), then one point per
    /// threshold; with dropIntermediate, points collinear with both
    /// neighbours in fp or tp steps are dropped as sklearn does. fpr (tpr) is
    /// NaN throughout when there are no negatives (positives).
    std::vector<RocPoint> rocCurve(bool dropIntermediate = true) const;

    /// sklearn's precision_recall_curve order: lowest threshold first (recall
    /// decreasing), then the closing point precision 1, recall 0, threshold
    /// NaN (sklearn returns one threshold fewer than points). Precision at a
    /// threshold with no predicted positives is 0; recall is 1 throughout with
    /// no positives, both as in sklearn.
    std::vector<PrPoint> prCurve() const;

private:
    std::vector<CurvePoint> m_points;
    double m_positives = 0.0;
    double m_negatives = 0.0;
    std::size_t m_nan = 0;
};

struct BucketCurveResult
{
    std::optional<BinaryCurve> curve;
    /// Why there is no curve: bounds differ, no +Inf bucket, bad counts.
    std::string error;
    /// A cumulative count decreased and was raised to its predecessor
    /// (Prometheus' monotonicity fix; scrapes racing increments do this).
    bool forcedMonotonicity = false;
};

} // namespace mw::quality
