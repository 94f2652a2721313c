#include "Series.h"

#include <bit>

namespace mw {

Series::Series(SeriesId id, LabelSet labels, expo::MetricType type, bool counterLike)
    : m_id(id)
    , m_labels(std::move(labels))
    , m_type(type)
    , m_counter(counterLike)
{
}

AppendStatus Series::append(int64_t t, double v, uint32_t samplesPerChunk)
{
    return appendChecked(t, v, samplesPerChunk, true);
}

AppendStatus Series::appendStaleMarker(int64_t t, uint32_t samplesPerChunk)
{
    return appendChecked(t, staleNaN(), samplesPerChunk, false);
}

AppendStatus Series::appendChecked(int64_t t, double v, uint32_t samplesPerChunk, bool countErrors)
{
    if (m_hasLast) {
        if (t == m_last.t) {
            if (std::bit_cast<uint64_t>(v) == std::bit_cast<uint64_t>(m_last.v))
                return AppendStatus::DuplicateIgnored;
            if (countErrors)
                ++m_duplicates;
            return AppendStatus::Duplicate;
        }
        if (t < m_last.t) {
            if (countErrors)
                ++m_outOfOrder;
            return AppendStatus::OutOfOrder;
        }
    }

    if (m_chunks.empty() || m_chunks.back().count() >= samplesPerChunk
        || m_chunks.back().count() >= XorChunk::kMaxSamples) {
        if (!m_chunks.empty()) {
            XorChunk &full = m_chunks.back();
            const std::size_t before = full.heapBytes();
            full.compact();
            m_chunkBytes = m_chunkBytes - before + full.heapBytes();
        }
        m_chunks.emplace_back();
    }
    XorChunk &head = m_chunks.back();
    const std::size_t before = head.heapBytes();
    head.append(t, v); // cannot fail: ordering checked above, room ensured
    m_chunkBytes = m_chunkBytes - before + head.heapBytes();
    ++m_samples;

    if (!isStaleNaN(v)) {
        if (m_counter && m_hasReal && v < m_lastReal) {
            ++m_resets;
            m_lastResetT = t;
        }
        m_lastReal = v;
        m_hasReal = true;
    }
    m_last = {t, v};
    m_hasLast = true;
    return AppendStatus::Appended;
}

std::size_t Series::dropOldestChunk()
{
    if (m_chunks.empty())
        return 0;
    const std::size_t n = m_chunks.front().count();
    m_chunkBytes -= m_chunks.front().heapBytes();
    m_samples -= n;
    m_chunks.erase(m_chunks.begin());
    if (m_chunks.empty())
        m_chunks.shrink_to_fit();
    return n;
}

std::size_t Series::dropChunksBefore(int64_t cutoff)
{
    std::size_t k = 0;
    std::size_t dropped = 0;
    while (k < m_chunks.size() && m_chunks[k].maxTime() < cutoff) {
        dropped += m_chunks[k].count();
        m_chunkBytes -= m_chunks[k].heapBytes();
        ++k;
    }
    if (k == 0)
        return 0;
    m_chunks.erase(m_chunks.begin(), m_chunks.begin() + static_cast<std::ptrdiff_t>(k));
    if (m_chunks.empty())
        m_chunks.shrink_to_fit();
    m_samples -= dropped;
    return dropped;
}

Series::Iterator::Iterator(const std::vector<XorChunk> &chunks, int64_t mint, int64_t maxt)
    : m_chunks(&chunks)
    , m_mint(mint)
    , m_maxt(maxt)
{
}

bool Series::Iterator::next()
{
    if (m_mint > m_maxt)
        return false;
    for (;;) {
        if (!m_inChunk) {
            while (m_index < m_chunks->size() && (*m_chunks)[m_index].maxTime() < m_mint)
                ++m_index;
            if (m_index >= m_chunks->size() || (*m_chunks)[m_index].minTime() > m_maxt)
                return false;
            m_it = (*m_chunks)[m_index].iterator();
            m_inChunk = true;
        }
        if (!m_it.next()) {
            m_inChunk = false;
            ++m_index;
            continue;
        }
        const Point p = m_it.at();
        if (p.t < m_mint)
            continue;
        if (p.t > m_maxt) {
            m_index = m_chunks->size();
            m_inChunk = false;
            return false;
        }
        m_at = p;
        return true;
    }
}

void Series::collect(int64_t mint, int64_t maxt, std::vector<Point> &out) const
{
    Iterator it = iterate(mint, maxt);
    while (it.next())
        out.push_back(it.at());
}

} // namespace mw
