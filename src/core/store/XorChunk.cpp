#include "XorChunk.h"

#include <bit>

namespace mw {

namespace {

constexpr std::size_t kInitialBytes = 32;

void writeUvarint(detail::BitWriter &w, uint64_t x)
{
    while (x >= 0x80) {
        w.writeByte(static_cast<uint8_t>(x | 0x80));
        x >>= 7;
    }
    w.writeByte(static_cast<uint8_t>(x));
}

uint64_t readUvarint(detail::BitReader &r)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        const auto b = r.readBits(8);
        if (r.overrun())
            return 0;
        x |= (b & 0x7f) << shift;
        if (b < 0x80)
            return x;
    }
    return x;
}

// Prometheus' bitRange: does x fit the nbits bucket (one value of the
// two's-complement range is given up so that decoding is unambiguous)?
constexpr bool bitRange(int64_t x, int nbits)
{
    return -((int64_t{1} << (nbits - 1)) - 1) <= x && x <= (int64_t{1} << (nbits - 1));
}

} // namespace

bool XorChunk::append(int64_t t, double v)
{
    if (m_count >= kMaxSamples)
        return false;
    if (m_count > 0 && t <= m_maxT)
        return false;

    const uint64_t vBits = std::bit_cast<uint64_t>(v);
    if (m_bytes.capacity() == 0)
        m_bytes.reserve(kInitialBytes);
    detail::BitWriter w(m_bytes, m_freeBits);

    if (m_count == 0) {
        const uint64_t zigzag = (static_cast<uint64_t>(t) << 1) ^ static_cast<uint64_t>(t >> 63);
        writeUvarint(w, zigzag);
        w.writeBits(vBits, 64);
        m_minT = t;
    } else if (m_count == 1) {
        m_tDelta = static_cast<uint64_t>(t) - static_cast<uint64_t>(m_maxT);
        writeUvarint(w, m_tDelta);
        m_freeBits = w.freeBits();
        writeValue(vBits);
    } else {
        const uint64_t tDelta = static_cast<uint64_t>(t) - static_cast<uint64_t>(m_maxT);
        const auto dod = static_cast<int64_t>(tDelta - m_tDelta);
        if (dod == 0) {
            w.writeBit(false);
        } else if (bitRange(dod, 14)) {
            w.writeBits(0b10, 2);
            w.writeBits(static_cast<uint64_t>(dod), 14);
        } else if (bitRange(dod, 17)) {
            w.writeBits(0b110, 3);
            w.writeBits(static_cast<uint64_t>(dod), 17);
        } else if (bitRange(dod, 20)) {
            w.writeBits(0b1110, 4);
            w.writeBits(static_cast<uint64_t>(dod), 20);
        } else {
            w.writeBits(0b1111, 4);
            w.writeBits(static_cast<uint64_t>(dod), 64);
        }
        m_tDelta = tDelta;
        m_freeBits = w.freeBits();
        writeValue(vBits);
    }
    if (m_count == 0)
        m_freeBits = w.freeBits();
    m_maxT = t;
    m_lastVBits = vBits;
    ++m_count;
    return true;
}

void XorChunk::writeValue(uint64_t vBits)
{
    detail::BitWriter w(m_bytes, m_freeBits);
    const uint64_t delta = vBits ^ m_lastVBits;
    if (delta == 0) {
        w.writeBit(false);
        m_freeBits = w.freeBits();
        return;
    }
    w.writeBit(true);
    auto leading = static_cast<uint8_t>(std::countl_zero(delta));
    const auto trailing = static_cast<uint8_t>(std::countr_zero(delta));
    if (leading >= 32)
        leading = 31; // five bits to store it
    if (m_leading != 0xff && leading >= m_leading && trailing >= m_trailing) {
        w.writeBit(false);
        w.writeBits(delta >> m_trailing, 64 - m_leading - m_trailing);
    } else {
        m_leading = leading;
        m_trailing = trailing;
        w.writeBit(true);
        w.writeBits(leading, 5);
        const int sigbits = 64 - leading - trailing; // 1..64; 64 is written as 0
        w.writeBits(static_cast<uint64_t>(sigbits), 6);
        w.writeBits(delta >> trailing, sigbits);
    }
    m_freeBits = w.freeBits();
}

Point XorChunk::last() const
{
    return {m_maxT, std::bit_cast<double>(m_lastVBits)};
}

XorChunk::Iterator::Iterator(const XorChunk &chunk)
    : m_reader(chunk.m_bytes.data(), chunk.m_bytes.size())
    , m_total(chunk.m_count)
{
}

bool XorChunk::Iterator::next()
{
    if (m_read >= m_total)
        return false;
    if (m_read == 0) {
        const uint64_t zigzag = readUvarint(m_reader);
        m_t = static_cast<int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
        m_vBits = m_reader.readBits(64);
    } else if (m_read == 1) {
        m_tDelta = readUvarint(m_reader);
        m_t = static_cast<int64_t>(static_cast<uint64_t>(m_t) + m_tDelta);
        if (!readValue())
            return false;
    } else {
        int prefix = 0;
        for (; prefix < 4; ++prefix)
            if (!m_reader.readBit())
                break;
        int64_t dod = 0;
        if (prefix > 0) {
            int size = 64;
            switch (prefix) {
            case 1: size = 14; break;
            case 2: size = 17; break;
            case 3: size = 20; break;
            default: size = 64; break;
            }
            uint64_t bits = m_reader.readBits(size);
            if (size != 64 && bits > (uint64_t{1} << (size - 1)))
                bits -= uint64_t{1} << size; // back to negative, modulo 2^64
            dod = static_cast<int64_t>(bits);
        }
        m_tDelta += static_cast<uint64_t>(dod);
        m_t = static_cast<int64_t>(static_cast<uint64_t>(m_t) + m_tDelta);
        if (!readValue())
            return false;
    }
    if (m_reader.overrun()) {
        m_read = m_total;
        return false;
    }
    ++m_read;
    return true;
}

bool XorChunk::Iterator::readValue()
{
    if (!m_reader.readBit())
        return true; // same value
    if (m_reader.readBit()) {
        m_leading = static_cast<uint8_t>(m_reader.readBits(5));
        int sigbits = static_cast<int>(m_reader.readBits(6));
        if (sigbits == 0)
            sigbits = 64;
        m_trailing = static_cast<uint8_t>(64 - m_leading - sigbits);
    }
    const int sigbits = 64 - m_leading - m_trailing;
    const uint64_t bits = m_reader.readBits(sigbits);
    m_vBits ^= bits << m_trailing;
    return !m_reader.overrun();
}

bool XorChunk::Iterator::seek(int64_t t)
{
    if (m_read > 0 && m_t >= t)
        return true;
    while (next())
        if (m_t >= t)
            return true;
    return false;
}

} // namespace mw
