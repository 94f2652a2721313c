#include "SymbolTable.h"

#include <cassert>
#include <cstring>

namespace mw {

namespace {
// Rough cost of one heap allocation's header and rounding in glibc malloc.
constexpr std::size_t kMallocOverhead = 16;
// libstdc++ hash node for pair<string_view, uint32_t> with cached hash.
constexpr std::size_t kIndexNodeBytes = sizeof(void *) + sizeof(std::string_view) + sizeof(uint32_t) + 4 + sizeof(std::size_t);
} // namespace

uint32_t SymbolTable::intern(std::string_view s)
{
    if (auto it = m_index.find(s); it != m_index.end()) {
        ++m_entries[it->second].refs;
        return it->second;
    }
    uint32_t id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<uint32_t>(m_entries.size());
        m_entries.emplace_back();
    }
    Entry &e = m_entries[id];
    e.data = std::make_unique<char[]>(s.size() == 0 ? 1 : s.size());
    if (!s.empty())
        std::memcpy(e.data.get(), s.data(), s.size());
    e.size = static_cast<uint32_t>(s.size());
    e.refs = 1;
    m_stringBytes += (s.size() == 0 ? 1 : s.size()) + kMallocOverhead;
    m_index.emplace(std::string_view(e.data.get(), e.size), id);
    return id;
}

void SymbolTable::retain(uint32_t id)
{
    assert(id < m_entries.size() && m_entries[id].refs > 0);
    ++m_entries[id].refs;
}

void SymbolTable::release(uint32_t id)
{
    assert(id < m_entries.size() && m_entries[id].refs > 0);
    Entry &e = m_entries[id];
    if (--e.refs != 0)
        return;
    m_index.erase(std::string_view(e.data.get(), e.size));
    m_stringBytes -= (e.size == 0 ? 1 : e.size) + kMallocOverhead;
    e.data.reset();
    e.size = 0;
    m_free.push_back(id);
}

uint32_t SymbolTable::find(std::string_view s) const
{
    auto it = m_index.find(s);
    return it == m_index.end() ? kInvalid : it->second;
}

std::size_t SymbolTable::bytes() const
{
    return m_stringBytes + m_entries.capacity() * sizeof(Entry) + m_free.capacity() * sizeof(uint32_t)
        + m_index.size() * (kIndexNodeBytes + kMallocOverhead) + m_index.bucket_count() * sizeof(void *);
}

} // namespace mw
