#pragma once

#include <cstddef>
#include <vector>

namespace mw::demo {

/// Real, resident memory for the `memory` fault: anonymous mappings whose pages
/// are written, so the process RSS grows by what grow() adds; release() unmaps
/// them, so RSS falls again (no allocator caching in between).
class MemoryBallast
{
public:
    MemoryBallast() = default;
    ~MemoryBallast();
    MemoryBallast(const MemoryBallast &) = delete;
    MemoryBallast &operator=(const MemoryBallast &) = delete;

    /// Maps and touches one more chunk of `bytes`. False when mmap failed.
    bool grow(std::size_t bytes);
    void release();
    std::size_t bytes() const { return m_total; }

private:
    struct Chunk
    {
        void *address = nullptr;
        std::size_t size = 0;
    };
    std::vector<Chunk> m_chunks;
    std::size_t m_total = 0;
};

} // namespace mw::demo
