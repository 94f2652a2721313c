#include "quality/QualityPipeline.h"

#include <cmath>
#include <limits>

namespace mw::quality {

QualityPipeline::QualityPipeline(JoinOptions join, WindowOptions window)
    : m_joinOptions(join), m_joiner(join), m_window(std::move(window))
{
}

void QualityPipeline::ingest(const FeedBatch &batch)
{
    ++m_stats.batches;
    m_stats.records += batch.records.size();
    m_stats.rejectedLines += batch.rejectedLines;
    m_scratch.clear();
    m_joiner.add(batch, m_scratch);
    for (const LabeledPrediction &p : m_scratch)
        if (p.hasScore && std::isnan(p.score))
            ++m_stats.nanScores;
    m_window.add(m_scratch);
}

void QualityPipeline::advanceTo(int64_t timeMs)
{
    m_joiner.advanceTo(timeMs);
    m_window.advanceTo(timeMs);
}

void QualityPipeline::finish()
{
    const int64_t watermark = m_joiner.watermarkMs();
    if (watermark == std::numeric_limits<int64_t>::min())
        return;
    const int64_t window = m_joinOptions.joinWindowMs;
    const int64_t headroom = std::numeric_limits<int64_t>::max() - watermark;
    m_joiner.advanceTo(window < headroom - 1 ? watermark + window + 1 : std::numeric_limits<int64_t>::max());
}

} // namespace mw::quality
