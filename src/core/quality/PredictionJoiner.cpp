#include "quality/PredictionJoiner.h"

#include <algorithm>

namespace mw::quality {

namespace {

int64_t saturatingAdd(int64_t a, int64_t b)
{
    if (b > 0 && a > std::numeric_limits<int64_t>::max() - b)
        return std::numeric_limits<int64_t>::max();
    return a + b;
}

} // namespace

PredictionJoiner::PredictionJoiner(JoinOptions options) : m_options(options)
{
    if (m_options.joinWindowMs < 0)
        m_options.joinWindowMs = 0;
    // Slots are uint32_t; the index keeps one value for "none".
    m_options.maxPending = std::clamp<std::size_t>(m_options.maxPending, 1, IdIndex::kNone - 1);
}

void PredictionJoiner::add(const FeedBatch &batch, std::vector<LabeledPrediction> &out)
{
    const std::span<const double> all(batch.scores);
    for (const FeedRecord &r : batch.records) {
        const bool inRange = std::size_t(r.scoreBegin) + r.scoreCount <= all.size();
        add(r, inRange ? all.subspan(r.scoreBegin, r.scoreCount) : std::span<const double>{}, out);
    }
}

void PredictionJoiner::advanceTo(int64_t timeMs)
{
    if (timeMs > m_watermark)
        m_watermark = timeMs;
    expire(false);
}

void PredictionJoiner::expire(bool evictOne)
{
    while (!m_deadlines.empty() && (evictOne || m_deadlines.front().deadlineMs < m_watermark)) {
        const Deadline d = m_deadlines.front();
        m_deadlines.pop_front();
        Entry &e = m_entries[d.slot];
        if (!e.live || e.seq != d.seq)
            continue; // cannot happen today (one deadline per id), kept as a guard
        forget(d, evictOne);
        evictOne = false;
    }
}

void PredictionJoiner::forget(const Deadline &d, bool evicting)
{
    Entry &e = m_entries[d.slot];
    switch (e.state) {
    case State::Prediction:
        --m_pendingPredictions;
        ++(evicting ? m_stats.evictedPredictions : m_stats.expiredPredictions);
        break;
    case State::Label:
        --m_pendingLabels;
        ++(evicting ? m_stats.evictedLabels : m_stats.orphanLabels);
        break;
    case State::Joined:
        break;
    }
    m_index.erase(e.hash, d.slot);
    e.live = false;
    e.id.clear();
    e.predicted.clear();
    e.actual.clear();
    e.scores.clear();
    m_free.push_back(d.slot);
}

PredictionJoiner::Entry *PredictionJoiner::find(const std::string &id, uint64_t hash)
{
    const uint32_t slot =
        m_index.find(id, hash, [this](uint32_t s) { return std::string_view(m_entries[s].id); });
    return slot == IdIndex::kNone ? nullptr : &m_entries[slot];
}

PredictionJoiner::Entry &PredictionJoiner::insert(const std::string &id, uint64_t hash, State state, int64_t timeMs)
{
    if (m_index.size() >= m_options.maxPending)
        expire(true);
    uint32_t slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = static_cast<uint32_t>(m_entries.size());
        m_entries.emplace_back();
    }
    Entry &e = m_entries[slot];
    e.live = true;
    e.state = state;
    e.seq = ++m_seq;
    e.hash = hash;
    e.timeMs = timeMs;
    e.id = id;
    m_index.insert(hash, slot);
    m_deadlines.push_back({saturatingAdd(m_watermark, m_options.joinWindowMs), e.seq, slot});
    return e;
}

void PredictionJoiner::deliver(Entry &p, const FeedRecord &label, std::vector<LabeledPrediction> &out)
{
    LabeledPrediction &j = out.emplace_back();
    j.id = p.id;
    j.predictionTimeMs = p.timeMs;
    j.labelTimeMs = label.timeMs;
    j.score = p.score;
    j.hasScore = p.hasScore;
    j.scores = std::move(p.scores);
    j.predicted = std::move(p.predicted);
    j.hasPredicted = p.hasPredicted;
    j.actual = label.actual;
    p.state = State::Joined;
    p.scores = {};
    --m_pendingPredictions;
    ++m_stats.joined;
}

void PredictionJoiner::deliver(const FeedRecord &p, std::span<const double> scores, Entry &label,
                               std::vector<LabeledPrediction> &out)
{
    LabeledPrediction &j = out.emplace_back();
    j.id = p.id;
    j.predictionTimeMs = p.timeMs;
    j.labelTimeMs = label.timeMs;
    j.score = p.score;
    j.hasScore = p.hasScore;
    j.scores.assign(scores.begin(), scores.end());
    j.predicted = p.predicted;
    j.hasPredicted = p.hasPredicted;
    j.actual = std::move(label.actual);
    label.state = State::Joined;
    --m_pendingLabels;
    ++m_stats.joined;
}

void PredictionJoiner::add(const FeedRecord &r, std::span<const double> scores, std::vector<LabeledPrediction> &out)
{
    if (r.timeMs > m_watermark) {
        m_watermark = r.timeMs;
        expire(false);
    }
    const uint64_t hash = IdIndex::hashOf(r.id);
    if (r.isPrediction()) {
        ++m_stats.predictions;
        Entry *e = find(r.id, hash);
        if (!e) {
            if (r.isLabel()) {
                // Both halves in one record: join now, remember the id for duplicates.
                Entry &n = insert(r.id, hash, State::Label, r.timeMs);
                ++m_pendingLabels;
                ++m_stats.labels;
                n.actual = r.actual;
                deliver(r, scores, n, out);
                return;
            }
            Entry &n = insert(r.id, hash, State::Prediction, r.timeMs);
            ++m_pendingPredictions;
            n.score = r.score;
            n.hasScore = r.hasScore;
            n.scores.assign(scores.begin(), scores.end());
            n.predicted = r.predicted;
            n.hasPredicted = r.hasPredicted;
            return;
        }
        if (e->state == State::Label)
            deliver(r, scores, *e, out);
        else
            ++m_stats.duplicatePredictions;
    }
    if (r.isLabel()) {
        ++m_stats.labels;
        Entry *e = find(r.id, hash);
        if (!e) {
            Entry &n = insert(r.id, hash, State::Label, r.timeMs);
            ++m_pendingLabels;
            n.actual = r.actual;
        } else if (e->state == State::Prediction) {
            deliver(*e, r, out);
        } else {
            ++m_stats.duplicateLabels;
        }
    }
}

} // namespace mw::quality
