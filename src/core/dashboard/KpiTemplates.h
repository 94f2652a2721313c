#pragma once

#include "Document.h"

#include <string>
#include <string_view>

/// The four KPI panels as templates: each returns a ready panel (id 0 and
/// the default grid: the caller places it) whose queries use the real
/// metric names given. Rate windows are presets' fixed [1m]; quality ratios
/// use [5m] (labels arrive late and sparsely).
namespace mw::dashboard::kpi {

/// `sum by (BY) (rate(COUNTER[1m]))`, requests (or tokens) per second.
Panel throughput(std::string title, std::string_view counterSelector, std::string_view by,
                 Unit unit = Unit::RequestsPerSecond);
/// p50/p95/p99 of a classic histogram (`BUCKET` is the `_bucket` selector),
/// legend calcs last and max.
Panel latency(std::string title, std::string_view bucketSelector, Unit unit, std::string_view by = {});
/// A memory gauge, bytes (IEC), with a stat-style last/max legend.
Panel memory(std::string title, std::string_view gaugeSelector, std::string legend);
/// Precision and recall of the positive class from a confusion counter
/// with `predicted` and `actual` labels (the demo's model_predictions_total),
/// as a ratio: a warning band from 0 up to `warningLine`, normal above it.
Panel precisionRecall(std::string title, std::string_view counter, std::string_view positiveClass = "1",
                      double warningLine = 0.8);

} // namespace mw::dashboard::kpi
