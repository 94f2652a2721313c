#pragma once

#include "Labels.h"
#include "Series.h"
#include "SymbolTable.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mw {

/// Per-target scrape state, like Prometheus' scrapeCache: the raw series text
/// of a sample (`name{labels}` exactly as in the payload) -> its series, and
/// which series the previous scrape saw so vanished ones can be stale-marked.
///
/// Lookups take a string_view (heterogeneous lookup): a repeat scrape does no
/// allocation. Series seen with an explicit timestamp are not tracked for
/// staleness (as in Prometheus).
class ScrapeCache
{
public:
    struct Entry
    {
        Series *series = nullptr;
        uint64_t seenGen = 0;    ///< last scrape that held the sample
        uint64_t trackedGen = 0; ///< last scrape that held it without a timestamp
    };

    /// Starts a scrape: entries seen from now on belong to it.
    void beginScrape();
    /// The entry for the sample at `position` in the payload. Exporters write
    /// their series in the same order every scrape, so the entry that sat at
    /// this position last time is tried first: a length check and a memcmp
    /// instead of hashing the text.
    Entry *find(std::string_view seriesText, std::size_t position)
    {
        if (position < m_lastOrder.size()) {
            const Slot &slot = m_lastOrder[position];
            if (slot.key && *slot.key == seriesText) {
                remember(position, slot);
                return slot.entry;
            }
        }
        auto it = m_entries.find(seriesText);
        if (it == m_entries.end())
            return nullptr;
        remember(position, Slot{&it->first, &it->second});
        return &it->second;
    }
    Entry *insert(std::string_view seriesText, std::size_t position, Series *series);
    void markSeen(Entry &e, bool trackStaleness)
    {
        if (e.seenGen != m_gen) {
            e.seenGen = m_gen;
            ++m_seen;
        }
        if (trackStaleness && e.trackedGen != m_gen) {
            e.trackedGen = m_gen;
            m_cur.push_back(&e);
        }
    }
    /// Calls `f(series)` for every series tracked in the previous scrape and
    /// not in this one.
    template<typename F>
    void forEachVanished(F &&f) const
    {
        for (const Entry *e : m_prev)
            if (e->trackedGen != m_gen)
                f(*e->series);
    }
    /// Ends the scrape. With `sweep`, entries unseen in this scrape are
    /// dropped when they outnumber the seen ones (series churn).
    void endScrape(bool sweep);

    /// Forgets entries whose series is marked dead (before it is freed).
    void forgetDeadSeries();

    std::size_t size() const { return m_entries.size(); }
    void reserve(std::size_t n) { m_entries.reserve(n); }
    std::size_t bytes() const;

    /// Labels added to every series of this target (job, instance...).
    const std::vector<Labels::Pair> &targetLabels() const { return m_targetLabels; }
    /// Returns false when unchanged; a change clears the cache and tracking.
    bool setTargetLabels(std::vector<Labels::Pair> labels);

private:
    struct Slot
    {
        const std::string *key = nullptr; ///< the map's key (node-based: its address is stable)
        Entry *entry = nullptr;
    };
    void remember(std::size_t position, Slot slot)
    {
        if (m_order.size() <= position)
            m_order.resize(position + 1);
        m_order[position] = slot;
    }
    static std::size_t entryBytes(std::size_t keySize);

    std::unordered_map<std::string, Entry, StringViewHash, std::equal_to<>> m_entries;
    std::vector<Slot> m_lastOrder; ///< entries by payload position in the previous scrape
    std::vector<Slot> m_order;     ///< the same, being filled by this scrape
    std::vector<Entry *> m_prev;
    std::vector<Entry *> m_cur;
    std::vector<Labels::Pair> m_targetLabels;
    uint64_t m_gen = 0;
    std::size_t m_seen = 0; ///< distinct entries seen in the current scrape
    std::size_t m_entryBytes = 0;
};

} // namespace mw
