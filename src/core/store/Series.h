#pragma once

#include "LabelSet.h"
#include "Point.h"
#include "XorChunk.h"
#include "exposition/ParseResult.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace mw {

/// Store-wide series identity. Assigned from a counter that only grows, so an
/// id is never given to a different series, not even after its removal.
using SeriesId = uint64_t;

/// What happened to one appended sample.
enum class AppendStatus : uint8_t {
    Appended,
    DuplicateIgnored, ///< same timestamp and bit-identical value: dropped silently (as Prometheus)
    Duplicate,        ///< same timestamp, different value: rejected and counted
    OutOfOrder,       ///< older than the newest sample: rejected and counted
    NoSuchSeries,     ///< SeriesStore::append() with an unknown (or removed) id
};

/// One time series: labels, metric type, compressed chunks (oldest first, the
/// last one open for appends), the last point, counter-reset statistics and
/// rejected-sample counters.
///
/// Not thread-safe. Appends invalidate iterators.
class Series
{
public:
    Series(SeriesId id, LabelSet labels, expo::MetricType type, bool counterLike);

    SeriesId id() const { return m_id; }
    const LabelSet &labels() const { return m_labels; }
    expo::MetricType type() const { return m_type; }
    /// Whether decreases count as counter resets (counters, histogram
    /// _bucket/_count/_sum, summary _count/_sum).
    bool isCounter() const { return m_counter; }
    void setType(expo::MetricType type, bool counterLike)
    {
        m_type = type;
        m_counter = counterLike;
    }

    /// Appends a sample, cutting a new chunk after `samplesPerChunk` samples.
    /// Out-of-order and conflicting duplicate timestamps are rejected and
    /// counted; a bit-identical duplicate is ignored.
    AppendStatus append(int64_t t, double v, uint32_t samplesPerChunk);
    /// Appends a staleness marker; rejections are not counted (Prometheus
    /// ignores them for markers too).
    AppendStatus appendStaleMarker(int64_t t, uint32_t samplesPerChunk);

    /// True once any sample was accepted (even if its chunk was dropped since).
    bool hasLast() const { return m_hasLast; }
    /// The newest accepted sample; kept when retention drops every chunk, so
    /// ordering stays enforced.
    Point last() const { return m_last; }
    /// The newest sample is a staleness marker.
    bool isStale() const { return m_hasLast && isStaleNaN(m_last.v); }

    uint32_t counterResets() const { return m_resets; }
    /// Timestamp of the sample that showed the latest reset, or INT64_MIN.
    int64_t lastResetTime() const { return m_lastResetT; }
    uint64_t outOfOrderCount() const { return m_outOfOrder; }
    uint64_t duplicateCount() const { return m_duplicates; }

    const std::vector<XorChunk> &chunks() const { return m_chunks; }
    bool empty() const { return m_samples == 0; }
    std::size_t sampleCount() const { return m_samples; }
    std::size_t chunkBytes() const { return m_chunkBytes; }
    /// Oldest and newest retained timestamps (only meaningful when !empty()).
    int64_t minTime() const { return m_chunks.empty() ? 0 : m_chunks.front().minTime(); }
    int64_t maxTime() const { return m_chunks.empty() ? 0 : m_chunks.back().maxTime(); }

    /// Everything this object costs: itself, its label pairs, chunk table and chunk bytes.
    std::size_t heapBytes() const
    {
        return sizeof(Series) + m_labels.heapBytes() + m_chunks.capacity() * sizeof(XorChunk) + m_chunkBytes;
    }

    /// Drops the oldest chunk; returns the samples dropped.
    std::size_t dropOldestChunk();
    /// Drops chunks whose newest sample is before `cutoff`; returns samples dropped.
    std::size_t dropChunksBefore(int64_t cutoff);

    /// Points with mint <= t <= maxt, oldest first: `while (it.next()) it.at();`
    class Iterator
    {
    public:
        Iterator(const std::vector<XorChunk> &chunks, int64_t mint, int64_t maxt);
        bool next();
        Point at() const { return m_at; }

    private:
        const std::vector<XorChunk> *m_chunks;
        std::size_t m_index = 0;
        bool m_inChunk = false;
        XorChunk::Iterator m_it;
        int64_t m_mint;
        int64_t m_maxt;
        Point m_at;
    };

    Iterator iterate(int64_t mint = std::numeric_limits<int64_t>::min(),
                     int64_t maxt = std::numeric_limits<int64_t>::max()) const
    {
        return Iterator(m_chunks, mint, maxt);
    }
    /// Appends the points in [mint, maxt] to `out`.
    void collect(int64_t mint, int64_t maxt, std::vector<Point> &out) const;

    /// Set by the store while removing the series.
    bool isDead() const { return m_dead; }
    void markDead() { m_dead = true; }

private:
    AppendStatus appendChecked(int64_t t, double v, uint32_t samplesPerChunk, bool countErrors);

    SeriesId m_id;
    LabelSet m_labels;
    std::vector<XorChunk> m_chunks;
    Point m_last;
    double m_lastReal = 0.0; ///< newest value that is not a staleness marker
    int64_t m_lastResetT = std::numeric_limits<int64_t>::min();
    uint64_t m_outOfOrder = 0;
    uint64_t m_duplicates = 0;
    std::size_t m_samples = 0;
    std::size_t m_chunkBytes = 0;
    uint32_t m_resets = 0;
    expo::MetricType m_type;
    bool m_counter;
    bool m_hasLast = false;
    bool m_hasReal = false;
    bool m_dead = false;
};

} // namespace mw
