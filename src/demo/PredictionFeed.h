#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace mw::demo {

/// One prediction whose ground-truth label has arrived.
struct LabeledPrediction
{
    uint64_t seq = 0;      ///< feed order (1, 2, ...), assigned when the label arrives
    uint64_t id = 0;       ///< prediction number, assigned when the prediction is made
    int64_t timeMs = 0;    ///< when the prediction was made (clock ms)
    int64_t labelMs = 0;   ///< when its label arrived
    double score = 0.0;    ///< P(class 1)
    int predicted = 0;
    int actual = 0;
};

/// Delayed ground truth: predictions wait `labelDelayMs` for their label, then
/// move into a bounded ring of labeled predictions that clients read with
/// GET /v1/feed?since=SEQ, and are reported through `onLabeled` (the
/// confusion and score counters). Time comes from the caller, so tests step it.
class PredictionFeed
{
public:
    static constexpr std::size_t kDefaultCapacity = 10'000;
    static constexpr std::size_t kMaxPending = 100'000;

    explicit PredictionFeed(int64_t labelDelayMs, std::size_t capacity = kDefaultCapacity);

    void setLabelDelayMs(int64_t delayMs) { m_delayMs = delayMs; }
    int64_t labelDelayMs() const { return m_delayMs; }
    void setOnLabeled(std::function<void(const LabeledPrediction &)> callback) { m_onLabeled = std::move(callback); }

    /// A prediction made at `nowMs` whose true label is `actual`; returns its id.
    /// When kMaxPending predictions already wait, the oldest is dropped.
    uint64_t addPending(int64_t nowMs, double score, int predicted, int actual);
    /// Labels every prediction due at `nowMs`; returns how many.
    std::size_t releaseDue(int64_t nowMs);

    /// Labeled predictions with seq > `since`, oldest first, at most `limit`.
    std::vector<LabeledPrediction> since(uint64_t since, std::size_t limit) const;
    /// The same as JSON lines (one object per line, '\n'-terminated).
    static std::string toJsonLines(const std::vector<LabeledPrediction> &entries);

    std::size_t pending() const { return m_pending.size(); }
    std::size_t size() const { return m_ring.size(); }
    uint64_t lastSeq() const { return m_nextSeq - 1; }
    uint64_t droppedPending() const { return m_droppedPending; }

private:
    struct Pending
    {
        LabeledPrediction entry;
        int64_t dueMs = 0;
    };

    int64_t m_delayMs;
    std::size_t m_capacity;
    std::deque<Pending> m_pending; ///< in due order: the delay is the same for all
    std::deque<LabeledPrediction> m_ring;
    uint64_t m_nextId = 1;
    uint64_t m_nextSeq = 1;
    uint64_t m_droppedPending = 0;
    std::function<void(const LabeledPrediction &)> m_onLabeled;
};

} // namespace mw::demo
