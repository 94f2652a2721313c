#pragma once

#include "LabelSet.h"
#include "Labels.h"
#include "PostingsIndex.h"
#include "ScrapeCache.h"
#include "Series.h"
#include "SymbolTable.h"
#include "exposition/ParseResult.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mw {

using TargetId = uint64_t;

/// Limits of a SeriesStore. Zero disables a limit.
struct StoreConfig
{
    int64_t retentionMs = 6 * 3600 * 1000; ///< drop chunks entirely older than now - retention
    std::size_t maxBytes = 0;              ///< drop globally oldest chunks until bytes() is under this
    uint32_t samplesPerChunk = 120;        ///< cut a new chunk after this many samples
    std::size_t maxSamplesPerSeries = 0;   ///< per-series cap: drop the oldest chunk when above
    std::size_t maxBytesPerSeries = 0;     ///< per-series cap on chunk bytes, same policy
    int64_t emptySeriesGraceMs = 5 * 60 * 1000; ///< remove a series without chunks once its
                                                ///< newest sample is this much older than now
};

/// Outcome of one appendScrape() / markTargetDown().
struct AppendReport
{
    uint32_t samplesAppended = 0;  ///< samples written (staleness markers not included)
    uint32_t seriesCreated = 0;
    uint32_t outOfOrder = 0;
    uint32_t duplicates = 0;        ///< same timestamp, different value (rejected)
    uint32_t duplicatesIgnored = 0; ///< same timestamp, same value (silently dropped)
    uint32_t staleMarkers = 0;      ///< StaleNaN markers written
    uint32_t invalid = 0;           ///< samples refused (repeated label name)
};

struct RetentionReport
{
    std::size_t chunksDropped = 0;
    std::size_t samplesDropped = 0;
    std::size_t seriesRemoved = 0;
};

/// One label matcher of a selection. Only equality exists today; `=~`, `!=`
/// and `!~` will walk PostingsIndex::values() for their name. As in PromQL,
/// `name=""` matches series that lack the label.
struct LabelMatcher
{
    enum class Type : uint8_t { Equal };
    std::string name;
    std::string value;
    Type type = Type::Equal;
};

/// The in-memory time-series store: interned label sets, Gorilla-compressed
/// chunks, scrape ingestion with Prometheus staleness semantics, retention by
/// age, total bytes and per-series caps, and a postings index for selection.
///
/// Single owner, no locking: every call must come from the thread that owns
/// the store (hand parsed payloads to it as values). No global state.
class SeriesStore
{
public:
    explicit SeriesStore(StoreConfig config = {});
    ~SeriesStore();
    SeriesStore(const SeriesStore &) = delete;
    SeriesStore &operator=(const SeriesStore &) = delete;

    const StoreConfig &config() const { return m_config; }
    void setConfig(const StoreConfig &config) { m_config = config; }

    /// Appends one scrape of `target`. Samples without a timestamp get
    /// `scrapeTimeMs`. Series from the target's previous scrape that are
    /// missing now (and carried no explicit timestamp) get a StaleNaN at
    /// `scrapeTimeMs`. Samples of histogram/summary families count as
    /// counters for reset detection (`_bucket`, `_count`, `_sum`).
    AppendReport appendScrape(TargetId target, int64_t scrapeTimeMs, const expo::ParseResult &result);
    /// A failed scrape: stale-marks every series the previous scrape saw
    /// (explicit-timestamp series excepted, as in Prometheus).
    AppendReport markTargetDown(TargetId target, int64_t timeMs);
    /// Labels added to each series of `target` (e.g. job, instance). A sample
    /// label with the same name is kept as `exported_<name>` (Prometheus'
    /// honor_labels: false). Changing them stale-marks the target's series at
    /// `timeMs` and starts its cache over.
    void setTargetLabels(TargetId target, const Labels &labels, int64_t timeMs);
    /// Forgets a target's cache; its series stay until retention.
    void removeTarget(TargetId target);

    /// Direct access for sources that deliver whole series (range queries).
    SeriesId getOrCreate(const Labels &labels, expo::MetricType type = expo::MetricType::Untyped);
    AppendStatus append(SeriesId id, int64_t t, double v);

    const Series *series(SeriesId id) const;
    const Series *find(const Labels &labels) const;
    /// Ids (ascending) of the series named `metricName` matching all matchers.
    /// An empty name means any name.
    std::vector<SeriesId> select(std::string_view metricName, std::span<const LabelMatcher> matchers = {}) const;

    /// Applies every retention rule as of `nowMs`.
    RetentionReport applyRetention(int64_t nowMs);

    std::size_t seriesCount() const { return m_series.size(); }
    std::size_t sampleCount() const { return m_samples; }
    std::size_t chunkBytes() const { return m_chunkBytes; }
    /// Heap bytes in use: chunks, series objects, label pairs, symbols,
    /// indexes, postings and scrape caches.
    std::size_t bytes() const;
    const SymbolTable &symbols() const { return m_symbols; }

    template<typename F>
    void forEachSeries(F &&f) const
    {
        for (const auto &[id, s] : m_series)
            f(static_cast<const Series &>(*s));
    }

private:
    struct LabelKey
    {
        const LabelSet::Pair *pairs;
        std::size_t count;
        uint64_t hash;
    };
    struct SeriesHash
    {
        using is_transparent = void;
        std::size_t operator()(const Series *s) const noexcept { return s->labels().hash(); }
        std::size_t operator()(const LabelKey &k) const noexcept { return k.hash; }
    };
    struct SeriesEq
    {
        using is_transparent = void;
        bool operator()(const Series *a, const Series *b) const noexcept { return a == b; }
        bool operator()(const LabelKey &k, const Series *s) const noexcept { return equal(k, s); }
        bool operator()(const Series *s, const LabelKey &k) const noexcept { return equal(k, s); }
        static bool equal(const LabelKey &k, const Series *s) noexcept;
    };

    AppendReport ingest(TargetId target, int64_t timeMs, const expo::ParseResult *result);
    Series *seriesForSample(const ScrapeCache &cache, const expo::ParseResult &r, const expo::Sample &s,
                            expo::MetricType type, bool counterLike, AppendReport &report);
    Series *findOrCreate(std::span<const LabelView> sorted, expo::MetricType type, bool counterLike,
                         bool &created);
    Series *lookup(std::span<const LabelView> sorted) const;
    AppendStatus appendTo(Series &s, int64_t t, double v, bool staleMarker);
    void enforceSeriesCap(Series &s);
    void dropChunk(Series &s, RetentionReport &report);
    void removeSeries(std::vector<Series *> &dead);

    StoreConfig m_config;
    SymbolTable m_symbols;
    PostingsIndex m_postings;
    std::unordered_map<SeriesId, std::unique_ptr<Series>> m_series;
    std::unordered_set<Series *, SeriesHash, SeriesEq> m_byLabels;
    std::unordered_map<TargetId, ScrapeCache> m_targets;
    SeriesId m_nextId = 1;
    std::size_t m_samples = 0;
    std::size_t m_chunkBytes = 0;
    std::size_t m_seriesBytes = 0; ///< sum of Series::heapBytes()

    // Scratch buffers reused across calls (no allocation on the hot path).
    std::vector<LabelView> m_scratchLabels;
    std::vector<std::string> m_scratchStrings;
    std::vector<LabelSet::Pair> m_scratchPairs;
};

} // namespace mw
