#pragma once

// Precision, recall, F1 and accuracy from a confusion matrix, per class and
// averaged (macro, micro, weighted), with scikit-learn's definitions so a
// figure on the dashboard matches what a data scientist computes offline
// (tests/data/quality holds sklearn 1.2.1's own results for comparison).
//
// Undefined values. precision_k is undefined when the model never predicted k
// (tp + fp = 0), recall_k when k never occurred (tp + fn = 0), F1_k when both
// (tp + fp + fn = 0). sklearn's `zero_division` decides what such a value
// becomes; ZeroDivision mirrors it:
//   NaN  (default here; sklearn >= 1.3 `zero_division=np.nan`): the value is NaN,
//        its flag says undefined, and macro/weighted averages skip it (an
//        average over no defined class is NaN). An alert rule sees "unknown",
//        never a fake 0 that fires or a fake 1 that hides a problem.
//   Zero (sklearn's default "warn", and 0): the value is 0 and is averaged.
//   One  (sklearn 1): the value is 1 and is averaged.
// F1 is computed as 2tp / (2tp + fp + fn), which equals sklearn's
// 2PR / (P + R) with its substitutions in every case (0 when tp = 0 and the
// denominator is not 0) and avoids dividing already-rounded ratios.
// Weighted averages weight class k by its support (actual count); with a zero
// total, sklearn returns zero_division for all three averages and so do we.
// Micro averages pool tp, fp and fn over classes; for single-label data micro
// precision = micro recall = micro F1 = accuracy.
//
// Classes are the matrix's: a class with no row and no column counts still
// enters macro averages in Zero/One mode (pass sklearn `labels=` to match).

#include "quality/ConfusionMatrix.h"
#include "quality/Proportion.h"

#include <limits>
#include <vector>

namespace mw::quality {

enum class ZeroDivision { NaN, Zero, One };

struct MetricOptions
{
    ZeroDivision zeroDivision = ZeroDivision::NaN;
    /// Minimum denominator before a proportion may drive an alert (Proportion::enoughSamples).
    double minSamples = 30.0;
    double z = kZ95;
};

struct ClassScores
{
    /// value is the zero_division substitute when !defined; the interval is
    /// NaN then. trials = predicted count (precision), actual count (recall).
    Proportion precision;
    Proportion recall;
    double f1 = std::numeric_limits<double>::quiet_NaN();
    bool f1Defined = false;
    double support = 0.0; ///< actual count of the class
};

struct AveragedScores
{
    double precision = std::numeric_limits<double>::quiet_NaN();
    double recall = std::numeric_limits<double>::quiet_NaN();
    double f1 = std::numeric_limits<double>::quiet_NaN();
    /// Each false when no class has a defined value (the average is then
    /// the zero_division substitute, NaN by default), e.g. an empty matrix.
    bool precisionDefined = false;
    bool recallDefined = false;
    bool f1Defined = false;
};

struct ClassificationReport
{
    std::vector<ClassScores> perClass;
    AveragedScores macro;
    AveragedScores micro;
    AveragedScores weighted;
    Proportion accuracy;
    double samples = 0.0;
    /// samples >= options.minSamples.
    bool enoughSamples = false;

    /// sklearn's average='binary' for `positive`: that class's scores
    /// (a default ClassScores when out of range).
    ClassScores binary(std::size_t positive) const;
};

ClassificationReport classificationReport(const ConfusionMatrix &matrix, const MetricOptions &options = {});

} // namespace mw::quality
