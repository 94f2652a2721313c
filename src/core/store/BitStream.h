#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mw::detail {

/// Appends bits most-significant first to a byte vector (Prometheus' bstream).
class BitWriter
{
public:
    explicit BitWriter(std::vector<uint8_t> &bytes, uint8_t freeBits)
        : m_bytes(bytes), m_free(freeBits) {}

    void writeBit(bool bit)
    {
        if (m_free == 0) {
            m_bytes.push_back(0);
            m_free = 8;
        }
        --m_free;
        if (bit)
            m_bytes.back() = static_cast<uint8_t>(m_bytes.back() | (1U << m_free));
    }

    void writeByte(uint8_t byte)
    {
        if (m_free == 0) {
            m_bytes.push_back(byte);
            return;
        }
        m_bytes.back() = static_cast<uint8_t>(m_bytes.back() | (byte >> (8 - m_free)));
        m_bytes.push_back(static_cast<uint8_t>(byte << m_free));
    }

    /// The low `n` bits of `u` (1 <= n <= 64), most significant first.
    void writeBits(uint64_t u, int n)
    {
        u <<= (64 - n);
        while (n >= 8) {
            writeByte(static_cast<uint8_t>(u >> 56));
            u <<= 8;
            n -= 8;
        }
        while (n > 0) {
            writeBit((u >> 63) != 0);
            u <<= 1;
            --n;
        }
    }

    /// Free bits left in the last byte (0..7; 0 also when there is no byte).
    uint8_t freeBits() const { return m_free; }

private:
    std::vector<uint8_t> &m_bytes;
    uint8_t m_free;
};

/// Reads bits most-significant first. Reading past the end yields zeros and
/// sets the overrun flag (the chunk never does this for its own data).
class BitReader
{
public:
    BitReader() = default;
    BitReader(const uint8_t *data, std::size_t size) : m_data(data), m_bitsTotal(size * 8) {}

    bool readBit()
    {
        if (m_pos >= m_bitsTotal) {
            m_overrun = true;
            return false;
        }
        const bool bit = ((m_data[m_pos >> 3] >> (7 - (m_pos & 7))) & 1U) != 0;
        ++m_pos;
        return bit;
    }

    uint64_t readBits(int n)
    {
        if (m_pos + static_cast<std::size_t>(n) > m_bitsTotal) {
            m_overrun = true;
            m_pos = m_bitsTotal;
            return 0;
        }
        uint64_t result = 0;
        while (n > 0) {
            const std::size_t byteIndex = m_pos >> 3;
            const int offset = static_cast<int>(m_pos & 7);
            const int avail = 8 - offset;
            const int take = avail < n ? avail : n;
            const unsigned b = m_data[byteIndex];
            const uint64_t bits = (b >> (avail - take)) & ((1U << take) - 1U);
            result = (take == 64 ? 0 : (result << take)) | bits;
            m_pos += static_cast<std::size_t>(take);
            n -= take;
        }
        return result;
    }

    bool overrun() const { return m_overrun; }

private:
    const uint8_t *m_data = nullptr;
    std::size_t m_bitsTotal = 0;
    std::size_t m_pos = 0;
    bool m_overrun = false;
};

} // namespace mw::detail
