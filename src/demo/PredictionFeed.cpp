#include "PredictionFeed.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mw::demo {

PredictionFeed::PredictionFeed(int64_t labelDelayMs, std::size_t capacity)
    : m_delayMs(std::max<int64_t>(0, labelDelayMs))
    , m_capacity(std::max<std::size_t>(1, capacity))
{
}

uint64_t PredictionFeed::addPending(int64_t nowMs, double score, int predicted, int actual)
{
    if (m_pending.size() >= kMaxPending) {
        m_pending.pop_front();
        ++m_droppedPending;
    }
    Pending p;
    p.entry.id = m_nextId++;
    p.entry.timeMs = nowMs;
    p.entry.score = score;
    p.entry.predicted = predicted;
    p.entry.actual = actual;
    // Due times only grow, as long as the delay is not shortened at run time;
    // if it is, releaseDue still stops at the first prediction not yet due,
    // which delays a few labels a little but never reorders the feed.
    p.dueMs = nowMs + m_delayMs;
    m_pending.push_back(p);
    return p.entry.id;
}

std::size_t PredictionFeed::releaseDue(int64_t nowMs)
{
    std::size_t released = 0;
    while (!m_pending.empty() && m_pending.front().dueMs <= nowMs) {
        LabeledPrediction entry = m_pending.front().entry;
        m_pending.pop_front();
        entry.seq = m_nextSeq++;
        entry.labelMs = nowMs;
        if (m_ring.size() >= m_capacity)
            m_ring.pop_front();
        m_ring.push_back(entry);
        if (m_onLabeled)
            m_onLabeled(entry);
        ++released;
    }
    return released;
}

std::vector<LabeledPrediction> PredictionFeed::since(uint64_t sinceSeq, std::size_t limit) const
{
    std::vector<LabeledPrediction> out;
    if (m_ring.empty())
        return out;
    // seq is contiguous in the ring, so the start is found by arithmetic.
    const uint64_t first = m_ring.front().seq;
    const std::size_t start = sinceSeq < first ? 0 : static_cast<std::size_t>(sinceSeq - first + 1);
    for (std::size_t i = start; i < m_ring.size() && out.size() < limit; ++i)
        out.push_back(m_ring[i]);
    return out;
}

std::string PredictionFeed::toJsonLines(const std::vector<LabeledPrediction> &entries)
{
    std::string out;
    for (const LabeledPrediction &e : entries) {
        const nlohmann::json line{{"seq", e.seq},
                                  {"id", e.id},
                                  {"time", static_cast<double>(e.timeMs) / 1000.0},
                                  {"label_time", static_cast<double>(e.labelMs) / 1000.0},
                                  {"score", e.score},
                                  {"predicted", e.predicted},
                                  {"actual", e.actual}};
        out += line.dump();
        out += '\n';
    }
    return out;
}

} // namespace mw::demo
