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
    Entry *find(std::string_view seriesText)
    {
        auto it = m_entries.find(seriesText);
        return it == m_entries.end() ? nullptr : &it->second;
    }
    Entry *insert(std::string_view seriesText, Series *series);
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
    static std::size_t entryBytes(std::size_t keySize);

    std::unordered_map<std::string, Entry, StringViewHash, std::equal_to<>> m_entries;
    std::vector<Entry *> m_prev;
    std::vector<Entry *> m_cur;
    std::vector<Labels::Pair> m_targetLabels;
    uint64_t m_gen = 0;
    std::size_t m_seen = 0; ///< distinct entries seen in the current scrape
    std::size_t m_entryBytes = 0;
};

} // namespace mw
