#include "ScrapeCache.h"

#include <algorithm>

namespace mw {

std::size_t ScrapeCache::entryBytes(std::size_t keySize)
{
    // Hash node (next pointer, key, value, cached hash) plus malloc header,
    // plus the key's own heap block when it does not fit the small buffer.
    constexpr std::size_t node = sizeof(void *) + sizeof(std::string) + sizeof(Entry) + sizeof(std::size_t) + 16;
    return node + (keySize > 15 ? keySize + 1 + 16 : 0);
}

void ScrapeCache::beginScrape()
{
    ++m_gen;
    m_seen = 0;
    m_cur.clear();
    m_cur.reserve(m_prev.size());
    m_order.clear();
    m_order.reserve(m_lastOrder.size());
}

ScrapeCache::Entry *ScrapeCache::insert(std::string_view seriesText, std::size_t position, Series *series)
{
    auto [it, inserted] = m_entries.try_emplace(std::string(seriesText));
    if (inserted)
        m_entryBytes += entryBytes(seriesText.size());
    it->second.series = series;
    remember(position, Slot{&it->first, &it->second});
    return &it->second;
}

void ScrapeCache::endScrape(bool sweep)
{
    std::swap(m_prev, m_cur);
    m_cur.clear();
    // Only entries seen in this scrape are in m_order, and the sweep below
    // keeps all of those: the slots stay valid.
    std::swap(m_lastOrder, m_order);
    m_order.clear();
    if (sweep && m_entries.size() > 2 * m_seen + 64) {
        // m_prev only holds entries tracked in this scrape: none is erased.
        std::erase_if(m_entries, [this](const auto &kv) {
            if (kv.second.seenGen == m_gen)
                return false;
            m_entryBytes -= entryBytes(kv.first.size());
            return true;
        });
    }
}

void ScrapeCache::forgetDeadSeries()
{
    m_lastOrder.clear(); // may point at entries erased below
    m_order.clear();
    std::erase_if(m_prev, [](const Entry *e) { return e->series->isDead(); });
    std::erase_if(m_entries, [this](const auto &kv) {
        if (!kv.second.series->isDead())
            return false;
        m_entryBytes -= entryBytes(kv.first.size());
        return true;
    });
}

bool ScrapeCache::setTargetLabels(std::vector<Labels::Pair> labels)
{
    std::sort(labels.begin(), labels.end(), [](const auto &a, const auto &b) { return a.name < b.name; });
    if (labels == m_targetLabels)
        return false;
    m_targetLabels = std::move(labels);
    // Cached series carry the old target labels: start over.
    m_entries.clear();
    m_lastOrder.clear();
    m_order.clear();
    m_prev.clear();
    m_cur.clear();
    m_entryBytes = 0;
    return true;
}

std::size_t ScrapeCache::bytes() const
{
    return m_entryBytes + m_entries.bucket_count() * sizeof(void *)
        + (m_prev.capacity() + m_cur.capacity()) * sizeof(Entry *)
        + (m_lastOrder.capacity() + m_order.capacity()) * sizeof(Slot);
}

} // namespace mw
