#pragma once

// What the quality panels draw (the ROC and PR curves, the confusion heatmap):
// a value made by a feed source's evaluation or from score buckets.

#include "quality/BinaryCurve.h"
#include "quality/ClassificationReport.h"
#include "quality/ConfusionMatrix.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace mw::view {

/// One class's curve (binary: the positive class; multi-class: one-vs-rest),
/// with at most kMaxPoints points kept for drawing (the areas are computed
/// on every point).
struct QualityCurve
{
    static constexpr std::size_t kMaxPoints = 1000;
    /// `curve`'s areas, counts and (thinned) ROC and PR points.
    static QualityCurve from(const quality::BinaryCurve &curve, QString className);

    QString className;
    std::vector<quality::RocPoint> roc; ///< sklearn's roc_curve order, (0, 0) first
    std::vector<quality::PrPoint> pr;   ///< sklearn's precision_recall_curve order, recall decreasing
    double rocAuc = std::numeric_limits<double>::quiet_NaN();
    double averagePrecision = std::numeric_limits<double>::quiet_NaN();
    bool rocDefined = false;
    bool averagePrecisionDefined = false;
    double positives = 0.0;
    double negatives = 0.0;
    /// positives / (positives + negatives): the PR curve of a chance scorer.
    double baseRate() const;
};

/// The current window of a feed source (or the newest score buckets of a
/// score_buckets source), as the quality panels draw it: a value.
struct QualitySnapshot
{
    QString source;
    int64_t timeMs = 0;     ///< the evaluation that made it
    QStringList classes;    ///< index order of the matrix and the report
    int positiveClass = -1; ///< binary: index of the positive class; -1 multi-class
    /// predicted × actual counts (ConfusionMatrix's layout).
    quality::ConfusionMatrix confusion;
    /// Per-class precision and recall with Wilson intervals, the averages, accuracy.
    quality::ClassificationReport report;
    std::vector<QualityCurve> curves; ///< empty when no sample has a score
    double labeled = 0.0;             ///< labeled predictions in the window
    int64_t minSamples = 0;           ///< the guard
    uint64_t pendingLabels = 0;
    uint64_t joined = 0;              ///< since start
    uint64_t expiredPredictions = 0;  ///< never got a label

    /// Enough labeled predictions for the figures to mean something.
    bool enoughSamples() const { return labeled > 0.0 && labeled >= double(minSamples); }
};

using QualitySnapshotPtr = std::shared_ptr<const QualitySnapshot>;

/// A binary snapshot (classes negative, positive) of one bucket curve at `timeMs`.
std::shared_ptr<QualitySnapshot> binarySnapshot(const quality::BinaryCurve &curve, int64_t timeMs, int64_t minSamples = 0);

} // namespace mw::view

Q_DECLARE_METATYPE(mw::view::QualitySnapshotPtr)
