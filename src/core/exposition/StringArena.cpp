#include "StringArena.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace mw::expo {

namespace {
constexpr std::size_t kBlockSize = 64 * 1024;
}

char *StringArena::reserve(std::size_t size)
{
    if (m_blocks.empty() || m_blocks.back().size - m_blocks.back().used < size) {
        const std::size_t blockSize = std::max(kBlockSize, size);
        m_blocks.push_back(Block{std::make_unique<char[]>(blockSize), blockSize, 0});
        m_allocated += blockSize;
    }
    Block &b = m_blocks.back();
    return b.data.get() + b.used;
}

std::string_view StringArena::commit(char *begin, std::size_t used)
{
    Block &b = m_blocks.back();
    b.used += used;
    return {begin, used};
}

std::string_view StringArena::copy(std::string_view text)
{
    if (text.empty())
        return {};
    char *p = reserve(text.size());
    std::memcpy(p, text.data(), text.size());
    return commit(p, text.size());
}

bool StringArena::contains(std::string_view text) const
{
    const auto p = reinterpret_cast<std::uintptr_t>(text.data());
    for (const Block &b : m_blocks) {
        const auto begin = reinterpret_cast<std::uintptr_t>(b.data.get());
        if (p >= begin && p + text.size() <= begin + b.used)
            return true;
    }
    return false;
}

void StringArena::clear()
{
    m_blocks.clear();
    m_allocated = 0;
}

} // namespace mw::expo
