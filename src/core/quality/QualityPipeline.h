#pragma once

// Feed records in, quality figures out: the PredictionJoiner and the
// QualityWindow behind one quality panel, fed whole parsed batches (values,
// on the owning thread) by whichever source reads the feed (a file tailer,
// an HTTP poller, the CLI reading a file once).

#include "quality/FeedRecord.h"
#include "quality/PredictionJoiner.h"
#include "quality/QualityWindow.h"

#include <cstdint>
#include <vector>

namespace mw::quality {

struct PipelineStats
{
    uint64_t batches = 0;
    uint64_t records = 0;
    uint64_t rejectedLines = 0;
    /// Joined predictions whose binary score was NaN (they still count for
    /// precision/recall; the ranking leaves them out).
    uint64_t nanScores = 0;
};

class QualityPipeline
{
public:
    QualityPipeline(JoinOptions join, WindowOptions window);

    /// Joins the batch's records and adds the completed pairs to the window.
    void ingest(const FeedBatch &batch);
    /// Feed time moves on without records (the wall clock): both the joiner's
    /// watermark and the window's `now`.
    void advanceTo(int64_t timeMs);
    /// End of a finite feed: every half still waiting expires (the window is
    /// left alone).
    void finish();

    const PredictionJoiner &joiner() const { return m_joiner; }
    const QualityWindow &window() const { return m_window; }
    const PipelineStats &stats() const { return m_stats; }

private:
    JoinOptions m_joinOptions;
    PredictionJoiner m_joiner;
    QualityWindow m_window;
    PipelineStats m_stats;
    std::vector<LabeledPrediction> m_scratch;
};

} // namespace mw::quality
