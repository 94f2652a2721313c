#pragma once

// The windowed accumulator behind a quality panel or alert rule: joined
// predictions go in, precision/recall/F1/accuracy (incrementally: each sample
// adds one cell of a confusion matrix and eviction subtracts it) and
// ROC-AUC/average precision (on demand: a radix sort of the window's scores,
// ~10-20 ms for a million) come out, over a time window, a count window or
// both (a sample leaves when either says so).
//
// Definitions:
//  - A sample's time is its label time: the moment the ground truth made the
//    prediction countable, as a `model_predictions_total{predicted,actual}`
//    counter would have been incremented. The window is (now - maxAge, now],
//    now = newest sample time or advanceTo(). Samples leave in arrival order;
//    one that is already outside the window when it arrives is dropped (late).
//  - Classes are fixed up front (WindowOptions::classes) so indices and the
//    macro average are stable while labels trickle in. A label or prediction
//    naming another class is counted (unknownLabels) and skipped.
//  - Binary (two classes): `score` is the positive class's score, or
//    scores[positive] when the record has per-class scores. Without a
//    predicted label the prediction is score >= threshold.
//  - Multi-class: scores must have one value per class (else missingScores);
//    a record with no predicted label has no prediction (noPrediction).
//  - A sample without scores still counts for precision/recall/F1, only not
//    for the AUCs (missingScores). NaN scores are counted by the ranking.

#include "quality/ClassificationReport.h"
#include "quality/ConfusionMatrix.h"
#include "quality/PredictionJoiner.h"
#include "quality/RankingReport.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace mw::quality {

struct WindowOptions
{
    std::vector<std::string> classes{"0", "1"};
    /// Index into classes of the positive class (binary only).
    std::size_t positiveClass = 1;
    double threshold = 0.5;
    /// Time window length; 0 = no time window.
    int64_t maxAgeMs = 0;
    /// Count window: the newest maxCount samples; 0 = no count window.
    std::size_t maxCount = 0;
    /// Hard cap on memory whatever the windows (oldest samples leave first).
    std::size_t maxSamples = 10'000'000;
    MetricOptions metrics;
};

struct WindowStats
{
    uint64_t added = 0;
    uint64_t unknownLabels = 0;
    uint64_t noPrediction = 0;
    uint64_t missingScores = 0;
    uint64_t late = 0;
    uint64_t evictedByAge = 0;
    uint64_t evictedByCount = 0;
};

class QualityWindow
{
public:
    explicit QualityWindow(WindowOptions options = {});

    void add(const LabeledPrediction &sample);
    void add(std::span<const LabeledPrediction> samples);
    /// Moves `now` forward (never back) and evicts what left the time window.
    void advanceTo(int64_t nowMs);

    std::size_t size() const { return m_samples.size(); }
    bool isBinary() const { return m_options.classes.size() == 2; }
    const ConfusionMatrix &confusion() const { return m_confusion; }
    const WindowStats &stats() const { return m_stats; }
    const WindowOptions &options() const { return m_options; }

    ClassificationReport report() const;
    /// Binary: the positive class's curve; multi-class: one-vs-rest.
    RankingReport ranking() const;

private:
    struct Sample
    {
        int64_t timeMs;
        uint32_t actual;
        uint32_t predicted;
        double score; ///< binary score (NaN allowed)
        bool hasScore;
    };

    std::optional<uint32_t> classIndex(std::string_view name) const;
    void evictFront();
    void evict();

    WindowOptions m_options;
    WindowStats m_stats;
    ConfusionMatrix m_confusion;
    std::deque<Sample> m_samples;
    /// Multi-class scores, classes() values per sample with hasScore.
    std::deque<double> m_classScores;
    int64_t m_now = std::numeric_limits<int64_t>::min();
};

} // namespace mw::quality
