#pragma once

// Pairs predictions with the labels (ground truth) that arrive later, by id,
// within a join window of feed time. Ground truth comes from another pipeline
// (a human review, a chargeback, a click) minutes to days after the model
// answered; the quality metrics need the two halves side by side.
//
// Rules, all counted in JoinStats so the dashboard can show how much of the
// traffic the quality figures actually cover:
//  - Either half may come first; it waits for the other at most `joinWindow`.
//  - Feed time (the watermark) is the newest record time seen, or a later
//    time given to advanceTo() (the wall clock, when the feed goes quiet).
//    An id waits until the watermark passes (watermark when it arrived) +
//    joinWindow; a partner arriving exactly then still joins.
//  - A prediction whose label never arrives expires: expiredPredictions.
//    A label whose prediction never arrives: orphanLabels.
//  - Duplicate ids: the first prediction and the first label of an id win;
//    a later prediction (label) for the same id, while the id is remembered,
//    counts in duplicatePredictions (duplicateLabels) and is ignored. After a
//    join the id stays remembered for the rest of its window, so a label sent
//    twice is not counted twice. Once forgotten, an id may be used again.
//  - A record carrying both a prediction and a label is the prediction
//    followed by its label.
//  - maxPending bounds memory: beyond it the oldest ids are forgotten early
//    (a pending half forgotten so counts in evictedPredictions/evictedLabels).
// Records without a prediction or a label are not records (FeedParser
// rejects them).

#include "quality/FeedRecord.h"
#include "quality/IdIndex.h"

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace mw::quality {

struct LabeledPrediction
{
    std::string id;
    int64_t predictionTimeMs = 0;
    int64_t labelTimeMs = 0;
    double score = std::numeric_limits<double>::quiet_NaN();
    bool hasScore = false;
    std::vector<double> scores;
    std::string predicted;
    bool hasPredicted = false;
    std::string actual;
};

struct JoinOptions
{
    int64_t joinWindowMs = 24 * 3600 * 1000;
    std::size_t maxPending = 5'000'000;
};

struct JoinStats
{
    uint64_t predictions = 0; ///< prediction halves received (duplicates included)
    uint64_t labels = 0;      ///< label halves received (duplicates included)
    uint64_t joined = 0;
    uint64_t expiredPredictions = 0;
    uint64_t orphanLabels = 0;
    uint64_t duplicatePredictions = 0;
    uint64_t duplicateLabels = 0;
    /// Forgotten early because of maxPending, while still waiting.
    uint64_t evictedPredictions = 0;
    uint64_t evictedLabels = 0;
    // The books balance: predictions == joined + expiredPredictions +
    // duplicatePredictions + evictedPredictions + pendingPredictions(), and
    // labels likewise with orphanLabels, duplicateLabels, evictedLabels.
};

class PredictionJoiner
{
public:
    explicit PredictionJoiner(JoinOptions options = {});

    /// One record; `scores` is its slice of FeedBatch::scores. Pairs that
    /// complete are appended to `out`.
    void add(const FeedRecord &record, std::span<const double> scores, std::vector<LabeledPrediction> &out);
    /// Every record of a parsed batch, in order.
    void add(const FeedBatch &batch, std::vector<LabeledPrediction> &out);
    /// Moves the watermark forward (never back) and expires what waited too long.
    void advanceTo(int64_t timeMs);

    const JoinStats &stats() const { return m_stats; }
    int64_t watermarkMs() const { return m_watermark; }
    std::size_t pendingPredictions() const { return m_pendingPredictions; }
    std::size_t pendingLabels() const { return m_pendingLabels; }
    /// Ids remembered (pending or joined within their window).
    std::size_t rememberedIds() const { return m_index.size(); }

private:
    enum class State : uint8_t { Prediction, Label, Joined };
    struct Entry
    {
        State state = State::Prediction;
        bool live = false;
        bool hasScore = false;
        bool hasPredicted = false;
        uint64_t seq = 0;
        uint64_t hash = 0;
        int64_t timeMs = 0;
        std::string id;
        double score = 0.0;
        std::string predicted;
        std::string actual;
        std::vector<double> scores;
    };
    /// When an id is forgotten; `seq` tells whether the slot still holds that id.
    struct Deadline
    {
        int64_t deadlineMs;
        uint64_t seq;
        uint32_t slot;
    };

    void expire(bool evictOne);
    void forget(const Deadline &d, bool evicting);
    Entry *find(const std::string &id, uint64_t hash);
    Entry &insert(const std::string &id, uint64_t hash, State state, int64_t timeMs);
    void deliver(Entry &prediction, const FeedRecord &label, std::vector<LabeledPrediction> &out);
    void deliver(const FeedRecord &prediction, std::span<const double> scores, Entry &label,
                 std::vector<LabeledPrediction> &out);

    JoinOptions m_options;
    JoinStats m_stats;
    std::vector<Entry> m_entries; ///< slots; free ones listed in m_free
    std::vector<uint32_t> m_free;
    IdIndex m_index;
    std::deque<Deadline> m_deadlines;
    int64_t m_watermark = std::numeric_limits<int64_t>::min();
    uint64_t m_seq = 0;
    std::size_t m_pendingPredictions = 0;
    std::size_t m_pendingLabels = 0;
};

} // namespace mw::quality
