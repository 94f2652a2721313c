#include "MemoryBallast.h"

#include <cstring>
#include <sys/mman.h>

namespace mw::demo {

MemoryBallast::~MemoryBallast()
{
    release();
}

bool MemoryBallast::grow(std::size_t bytes)
{
    if (bytes == 0)
        return true;
    void *address = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (address == MAP_FAILED)
        return false;
    // Non-zero bytes on every page: the pages become resident (and are not
    // the shared zero page).
    std::memset(address, 0x5a, bytes);
    m_chunks.push_back({address, bytes});
    m_total += bytes;
    return true;
}

void MemoryBallast::release()
{
    for (const Chunk &chunk : m_chunks)
        ::munmap(chunk.address, chunk.size);
    m_chunks.clear();
    m_total = 0;
}

} // namespace mw::demo
