#pragma once

// Quality curves from score-bucket counters (input 2): a quality_curve panel
// on a Prometheus or scrape source has two queries, A the cumulative score
// histogram of positives and B that of negatives (`sum by (le)
// (increase(model_score_positive_bucket[10m]))`, as QualityQueries writes
// them). The newest value of each `le` series makes the buckets; the ROC and
// PR curves and their areas come from quality::BinaryCurve::fromBuckets,
// without individual predictions.

#include "QualitySnapshot.h"
#include "PanelFrame.h"

#include <QString>

namespace mw::ui {

/// The snapshot the curve view draws, or null with `error` saying why
/// ("query A has no le series", the buckets' own error...).
view::QualitySnapshotPtr bucketCurveSnapshot(const view::PanelFrame &frame, QString *error);

} // namespace mw::ui
