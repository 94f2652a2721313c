#pragma once

#include "BitStream.h"
#include "Point.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mw {

/// A Gorilla-style compressed run of float samples, bit-compatible in its
/// sample encoding with Prometheus' tsdb/chunkenc XOR chunk (without the
/// two-byte sample-count header, which is kept as a member instead):
///
/// - sample 0: timestamp as a zig-zag varint, value as 64 raw bits;
/// - sample 1: timestamp delta as an unsigned varint, value XOR-encoded;
/// - later: delta-of-delta timestamps in 1/16/20/24/68-bit buckets, values
///   XOR-ed with the previous value (control bit, reuse of the previous
///   leading/trailing-zero window, or 5 bits leading + 6 bits length).
///
/// Every double round-trips bit-exactly (NaN payloads such as StaleNaN, ±Inf,
/// -0.0, subnormals). Timestamps may be any int64 but must strictly increase:
/// append() rejects anything at or before the last timestamp. All timestamp
/// arithmetic is modular on uint64, so gaps of any size round-trip.
class XorChunk
{
public:
    static constexpr uint32_t kMaxSamples = 0xffff;

    /// Appends a sample; false (and nothing written) when `t` is not after the
    /// last timestamp or the chunk holds kMaxSamples.
    bool append(int64_t t, double v);

    uint32_t count() const { return m_count; }
    bool empty() const { return m_count == 0; }
    int64_t minTime() const { return m_minT; }
    int64_t maxTime() const { return m_maxT; }
    Point last() const;

    const std::vector<uint8_t> &bytes() const { return m_bytes; }
    /// Heap bytes held (capacity, not size: what the process really pays).
    std::size_t heapBytes() const { return m_bytes.capacity(); }
    /// Releases spare capacity; call when the chunk will not grow any more.
    void compact() { m_bytes.shrink_to_fit(); }

    /// Forward iterator over the samples: `while (it.next()) use(it.at());`
    class Iterator
    {
    public:
        Iterator() = default;
        explicit Iterator(const XorChunk &chunk);
        bool next();
        Point at() const { return {m_t, std::bit_cast<double>(m_vBits)}; }
        /// Advances to the first sample with t >= `t`; false if there is none.
        bool seek(int64_t t);

    private:
        bool readValue();

        detail::BitReader m_reader;
        uint32_t m_total = 0;
        uint32_t m_read = 0;
        int64_t m_t = 0;
        uint64_t m_tDelta = 0;
        uint64_t m_vBits = 0;
        uint8_t m_leading = 0;
        uint8_t m_trailing = 0;
    };

    Iterator iterator() const { return Iterator(*this); }

private:
    void writeValue(uint64_t vBits);

    std::vector<uint8_t> m_bytes;
    int64_t m_minT = 0;
    int64_t m_maxT = 0;
    uint64_t m_tDelta = 0;
    uint64_t m_lastVBits = 0;
    uint16_t m_count = 0;
    uint8_t m_leading = 0xff;
    uint8_t m_trailing = 0;
    uint8_t m_freeBits = 0;
};

} // namespace mw
