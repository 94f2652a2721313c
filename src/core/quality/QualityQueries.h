#pragma once

// Model quality from what a model server exports, through PromQL: the
// expressions that turn confusion-matrix counters
// (`model_predictions_total{predicted,actual}`) and score histograms
// (`model_score_positive_bucket{le}`, `model_score_negative_bucket{le}`) into
// windowed precision, recall, F1, accuracy and ROC/PR curves, and the
// functions that turn those queries' vector results into a
// ClassificationReport or a BinaryCurve. The same text runs on a Prometheus
// server or on the local engine (promql/Engine.h) over scraped data.
//
// Definitions (per class k, window W, counter C, `increase` over W):
//   tp_k        sum(increase(C{predicted="k",actual="k"}[W]))
//   predicted_k sum(increase(C{predicted="k"}[W]))      (tp + fp)
//   actual_k    sum(increase(C{actual="k"}[W]))         (tp + fn, the support)
//   precision_k tp_k / predicted_k
//   recall_k    tp_k / actual_k
//   f1_k        2 * tp_k / (predicted_k + actual_k)     (= 2tp / (2tp + fp + fn))
//   accuracy    (tp_1 + ... + tp_K) / sum(increase(C[W]))
// A denominator of 0 gives NaN in PromQL (0/0), the same "undefined" the
// ClassificationReport reports; a window with no series gives an empty result.
// The matrix itself comes from one query, sum by (predicted, actual)(...),
// whose cells fromConfusionVector() reads back; classificationReport() then
// gives every average and the Wilson intervals.

#include "promql/EngineValue.h"
#include "quality/BinaryCurve.h"
#include "quality/ClassificationReport.h"
#include "quality/ConfusionMatrix.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mw::quality {

/// A selector matcher added to every query, e.g. {"model_name", "demo"}.
struct QueryMatcher
{
    std::string name;
    std::string value;
};

struct ConfusionQuerySpec
{
    std::string metric = "model_predictions_total";
    std::string predictedLabel = "predicted";
    std::string actualLabel = "actual";
    int64_t windowMs = 10 * 60 * 1000;
    std::vector<QueryMatcher> matchers;
};

struct ClassQueries
{
    std::string truePositives;
    std::string predicted;
    std::string actual;
    std::string precision;
    std::string recall;
    std::string f1;
};

struct ScoreHistogramSpec
{
    /// Histogram base names; the queries read their `_bucket` series.
    std::string positiveMetric = "model_score_positive";
    std::string negativeMetric = "model_score_negative";
    int64_t windowMs = 10 * 60 * 1000;
    std::vector<QueryMatcher> matchers;
};

/// A PromQL duration for `ms` in its largest exact unit ("10m", "90s", "1500ms").
std::string promqlDuration(int64_t ms);
/// `"text"` with PromQL's escapes for \, " and control characters.
std::string promqlQuoted(std::string_view text);
/// Whether `name` is a valid metric name / label name in the classic charset.
bool isMetricName(std::string_view name);
bool isLabelName(std::string_view name);

/// The spec's problem (empty when valid): names, a positive window.
std::string validate(const ConfusionQuerySpec &spec);
std::string validate(const ScoreHistogramSpec &spec);

/// sum by (predicted, actual) (increase(C{matchers}[W])): the whole matrix.
std::string confusionMatrixQuery(const ConfusionQuerySpec &spec);
/// The per-class expressions above for class `k`.
ClassQueries classQueries(const ConfusionQuerySpec &spec, std::string_view k);
/// (tp_1 + ... + tp_K) / sum(increase(C[W])).
std::string accuracyQuery(const ConfusionQuerySpec &spec, std::span<const std::string> classes);
/// sum by (le) (increase(H_bucket{matchers}[W])) for `metric` (a histogram base name).
std::string scoreBucketQuery(const ScoreHistogramSpec &spec, std::string_view metric);

/// The matrix from confusionMatrixQuery()'s vector: one cell per sample, class
/// names the sorted union of label values plus `extraClasses`. nullopt with
/// `error` set when a sample lacks a label or has a negative/NaN value.
std::optional<ConfusionMatrix> fromConfusionVector(std::span<const promql::VectorSample> samples,
                                                   const ConfusionQuerySpec &spec,
                                                   std::span<const std::string> extraClasses, std::string &error);

/// The ROC/PR curve from scoreBucketQuery()'s vectors for the positive and the
/// negative histogram (samples without a parsable `le` are an error).
BucketCurveResult curveFromBucketVectors(std::span<const promql::VectorSample> positives,
                                         std::span<const promql::VectorSample> negatives);

} // namespace mw::quality
