#include "SeriesStore.h"

#include <algorithm>
#include <limits>
#include <queue>

namespace mw {

namespace {

// Hash node + malloc header of the id map and the label-set index, per series.
constexpr std::size_t kSeriesIndexBytes = (8 + 8 + 8 + 8 + 16) + (8 + 8 + 8 + 16);

/// Counter semantics for reset detection: counters (not their OpenMetrics
/// `_created` sample), histogram `_bucket`/`_count`/`_sum`, summary
/// `_count`/`_sum`.
bool counterLikeSample(const expo::MetricFamily &f, std::string_view sampleName)
{
    std::string_view suffix = sampleName;
    if (sampleName.size() >= f.name.size() && sampleName.substr(0, f.name.size()) == f.name)
        suffix = sampleName.substr(f.name.size());
    switch (f.type) {
    case expo::MetricType::Counter:
        return suffix != "_created";
    case expo::MetricType::Histogram:
        return suffix.ends_with("_bucket") || suffix.ends_with("_count") || suffix.ends_with("_sum");
    case expo::MetricType::Summary:
        return suffix.ends_with("_count") || suffix.ends_with("_sum");
    default:
        return false;
    }
}

bool sortAndCheck(std::vector<LabelView> &labels)
{
    std::sort(labels.begin(), labels.end(), [](const LabelView &a, const LabelView &b) { return a.name < b.name; });
    for (std::size_t i = 1; i < labels.size(); ++i)
        if (labels[i].name == labels[i - 1].name)
            return false;
    return true;
}

const expo::MetricFamily kUntypedFamily{};

/// now - span, saturated at INT64_MIN.
int64_t before(int64_t now, int64_t span)
{
    int64_t out;
    if (__builtin_sub_overflow(now, std::max<int64_t>(span, 0), &out))
        return std::numeric_limits<int64_t>::min();
    return out;
}

} // namespace

bool SeriesStore::SeriesEq::equal(const LabelKey &k, const Series *s) noexcept
{
    const auto &p = s->labels().pairs();
    return k.hash == s->labels().hash() && k.count == p.size() && std::equal(p.begin(), p.end(), k.pairs);
}

SeriesStore::SeriesStore(StoreConfig config)
    : m_config(config)
{
    if (m_config.samplesPerChunk == 0 || m_config.samplesPerChunk > XorChunk::kMaxSamples)
        m_config.samplesPerChunk = 120;
    m_scratchLabels.reserve(32);
    m_scratchPairs.reserve(32);
}

SeriesStore::~SeriesStore() = default;

AppendReport SeriesStore::appendScrape(TargetId target, int64_t scrapeTimeMs, const expo::ParseResult &result)
{
    return ingest(target, scrapeTimeMs, &result);
}

AppendReport SeriesStore::markTargetDown(TargetId target, int64_t timeMs)
{
    return ingest(target, timeMs, nullptr);
}

AppendReport SeriesStore::ingest(TargetId target, int64_t timeMs, const expo::ParseResult *r)
{
    AppendReport report;
    ScrapeCache &cache = m_targets[target];
    cache.beginScrape();
    if (r && cache.size() == 0 && !r->samples.empty()) {
        // A target's first scrape: size the tables once instead of rehashing
        // as they grow (only ever growing: reserve() may rehash otherwise).
        const std::size_t want = m_series.size() + r->samples.size();
        cache.reserve(r->samples.size());
        if (static_cast<float>(want) > static_cast<float>(m_series.bucket_count()) * m_series.max_load_factor())
            m_series.reserve(want);
        if (static_cast<float>(want) > static_cast<float>(m_byLabels.bucket_count()) * m_byLabels.max_load_factor())
            m_byLabels.reserve(want);
    }
    if (r) {
        for (std::size_t i = 0; i < r->samples.size(); ++i) {
            const expo::Sample &s = r->samples[i];
            const expo::MetricFamily &f = s.family < r->families.size() ? r->families[s.family] : kUntypedFamily;
            const bool counterLike = counterLikeSample(f, s.name);
            ScrapeCache::Entry *e = cache.find(s.seriesText, i);
            if (!e) {
                Series *created = seriesForSample(cache, *r, s, f.type, counterLike, report);
                if (!created) {
                    ++report.invalid;
                    continue;
                }
                e = cache.insert(s.seriesText, i, created);
            }
            Series &series = *e->series;
            if (series.type() != f.type || series.isCounter() != counterLike)
                series.setType(f.type, counterLike);
            const int64_t t = s.hasTimestamp ? s.timestampMs : timeMs;
            switch (appendTo(series, t, s.value, false)) {
            case AppendStatus::Appended: ++report.samplesAppended; break;
            case AppendStatus::DuplicateIgnored: ++report.duplicatesIgnored; break;
            case AppendStatus::Duplicate: ++report.duplicates; break;
            case AppendStatus::OutOfOrder: ++report.outOfOrder; break;
            case AppendStatus::NoSuchSeries: break;
            }
            cache.markSeen(*e, !s.hasTimestamp);
        }
    }
    cache.forEachVanished([&](Series &s) {
        if (appendTo(s, timeMs, 0.0, true) == AppendStatus::Appended)
            ++report.staleMarkers;
    });
    cache.endScrape(r != nullptr);
    return report;
}

Series *SeriesStore::seriesForSample(const ScrapeCache &cache, const expo::ParseResult &r, const expo::Sample &s,
                                     expo::MetricType type, bool counterLike, AppendReport &report)
{
    m_scratchLabels.clear();
    m_scratchStrings.clear();
    m_scratchLabels.push_back({kMetricNameLabel, s.name});
    for (const expo::Label *l = r.labelsBegin(s); l != r.labelsEnd(s); ++l)
        if (!l->value.empty())
            m_scratchLabels.push_back({l->name, l->value});
    const auto &targetLabels = cache.targetLabels();
    if (!targetLabels.empty()) {
        // Views into m_scratchStrings must not move: reserve before filling.
        m_scratchStrings.reserve(targetLabels.size());
        const std::size_t sampleLabels = m_scratchLabels.size();
        for (const Labels::Pair &tp : targetLabels) {
            for (std::size_t i = 1; i < sampleLabels; ++i) {
                if (m_scratchLabels[i].name == tp.name) {
                    m_scratchStrings.push_back("exported_" + tp.name);
                    m_scratchLabels[i].name = m_scratchStrings.back();
                }
            }
            m_scratchLabels.push_back({tp.name, tp.value});
        }
    }
    if (!sortAndCheck(m_scratchLabels))
        return nullptr;
    bool created = false;
    Series *series = findOrCreate(m_scratchLabels, type, counterLike, created);
    if (created)
        ++report.seriesCreated;
    return series;
}

Series *SeriesStore::lookup(std::span<const LabelView> sorted) const
{
    LabelSet::Pair pairs[64];
    std::vector<LabelSet::Pair> heapPairs;
    LabelSet::Pair *out = pairs;
    if (sorted.size() > std::size(pairs)) {
        heapPairs.resize(sorted.size());
        out = heapPairs.data();
    }
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const uint32_t n = m_symbols.find(sorted[i].name);
        const uint32_t v = n == SymbolTable::kInvalid ? n : m_symbols.find(sorted[i].value);
        if (v == SymbolTable::kInvalid)
            return nullptr;
        out[i] = {n, v};
    }
    const LabelKey key{out, sorted.size(), LabelSet::hashPairs(out, sorted.size())};
    auto it = m_byLabels.find(key);
    return it == m_byLabels.end() ? nullptr : *it;
}

Series *SeriesStore::findOrCreate(std::span<const LabelView> sorted, expo::MetricType type, bool counterLike,
                                  bool &created)
{
    created = false;
    if (Series *s = lookup(sorted))
        return s;
    std::vector<LabelSet::Pair> pairs;
    pairs.reserve(sorted.size());
    for (const LabelView &l : sorted)
        pairs.push_back({m_symbols.intern(l.name), m_symbols.intern(l.value)});
    const SeriesId id = m_nextId++;
    auto owned = std::make_unique<Series>(id, LabelSet(&m_symbols, std::move(pairs)), type, counterLike);
    Series *s = owned.get();
    m_series.emplace(id, std::move(owned));
    m_byLabels.insert(s);
    m_postings.add(s->labels(), id);
    m_seriesBytes += s->heapBytes();
    created = true;
    return s;
}

AppendStatus SeriesStore::appendTo(Series &s, int64_t t, double v, bool staleMarker)
{
    const std::size_t bytesBefore = s.heapBytes();
    const std::size_t chunkBefore = s.chunkBytes();
    const std::size_t samplesBefore = s.sampleCount();
    const AppendStatus st = staleMarker ? s.appendStaleMarker(t, m_config.samplesPerChunk)
                                        : s.append(t, v, m_config.samplesPerChunk);
    if (st == AppendStatus::Appended)
        enforceSeriesCap(s);
    // Modular size_t arithmetic: correct whether the series grew or shrank.
    m_seriesBytes += s.heapBytes() - bytesBefore;
    m_chunkBytes += s.chunkBytes() - chunkBefore;
    m_samples += s.sampleCount() - samplesBefore;
    return st;
}

void SeriesStore::enforceSeriesCap(Series &s)
{
    const std::size_t maxSamples = m_config.maxSamplesPerSeries;
    const std::size_t maxBytes = m_config.maxBytesPerSeries;
    while (s.chunks().size() > 1
           && ((maxSamples != 0 && s.sampleCount() > maxSamples) || (maxBytes != 0 && s.chunkBytes() > maxBytes)))
        s.dropOldestChunk();
}

void SeriesStore::setTargetLabels(TargetId target, const Labels &labels, int64_t timeMs)
{
    std::vector<Labels::Pair> pairs;
    for (const Labels::Pair &p : labels.pairs())
        if (p.name != kMetricNameLabel)
            pairs.push_back(p);
    ScrapeCache &cache = m_targets[target];
    if (pairs == cache.targetLabels())
        return;
    ingest(target, timeMs, nullptr); // the old series end here
    m_targets[target].setTargetLabels(std::move(pairs));
}

void SeriesStore::removeTarget(TargetId target)
{
    m_targets.erase(target);
}

SeriesId SeriesStore::getOrCreate(const Labels &labels, expo::MetricType type)
{
    const std::vector<LabelView> views = labels.views();
    bool created = false;
    return findOrCreate(views, type, type == expo::MetricType::Counter, created)->id();
}

AppendStatus SeriesStore::append(SeriesId id, int64_t t, double v)
{
    auto it = m_series.find(id);
    if (it == m_series.end())
        return AppendStatus::NoSuchSeries;
    return appendTo(*it->second, t, v, false);
}

const Series *SeriesStore::series(SeriesId id) const
{
    auto it = m_series.find(id);
    return it == m_series.end() ? nullptr : it->second.get();
}

const Series *SeriesStore::find(const Labels &labels) const
{
    const std::vector<LabelView> views = labels.views();
    return lookup(views);
}

std::vector<SeriesId> SeriesStore::select(std::string_view metricName, std::span<const LabelMatcher> matchers) const
{
    std::vector<const std::vector<SeriesId> *> lists;
    std::vector<uint32_t> mustLack; // name ids of `name=""` matchers
    auto addEqual = [&](std::string_view name, std::string_view value) {
        const uint32_t nameId = m_symbols.find(name);
        if (value.empty()) {
            if (nameId != SymbolTable::kInvalid)
                mustLack.push_back(nameId);
            return true; // no series has the label: nothing to exclude
        }
        const uint32_t valueId = m_symbols.find(value);
        if (nameId == SymbolTable::kInvalid || valueId == SymbolTable::kInvalid)
            return false;
        const auto *list = m_postings.postings(nameId, valueId);
        if (!list)
            return false;
        lists.push_back(list);
        return true;
    };
    if (!metricName.empty() && !addEqual(kMetricNameLabel, metricName))
        return {};
    for (const LabelMatcher &m : matchers)
        if (!addEqual(m.name, m.value))
            return {};

    std::vector<SeriesId> out;
    if (lists.empty()) {
        out.reserve(m_series.size());
        for (const auto &kv : m_series)
            out.push_back(kv.first);
        std::sort(out.begin(), out.end());
    } else {
        out = intersectPostings(std::move(lists));
    }
    if (!mustLack.empty()) {
        std::erase_if(out, [&](SeriesId id) {
            const Series &s = *m_series.at(id);
            return std::any_of(mustLack.begin(), mustLack.end(),
                               [&](uint32_t n) { return s.labels().valueId(n) != SymbolTable::kInvalid; });
        });
    }
    return out;
}

void SeriesStore::dropChunk(Series &s, RetentionReport &report)
{
    const std::size_t bytesBefore = s.heapBytes();
    const std::size_t chunkBefore = s.chunkBytes();
    const std::size_t n = s.dropOldestChunk();
    m_seriesBytes -= bytesBefore - s.heapBytes();
    m_chunkBytes -= chunkBefore - s.chunkBytes();
    m_samples -= n;
    report.samplesDropped += n;
    ++report.chunksDropped;
}

RetentionReport SeriesStore::applyRetention(int64_t nowMs)
{
    RetentionReport report;
    if (m_config.retentionMs > 0) {
        const int64_t cutoff = before(nowMs, m_config.retentionMs);
        for (auto &[id, s] : m_series)
            while (!s->chunks().empty() && s->chunks().front().maxTime() < cutoff)
                dropChunk(*s, report);
    }
    if (m_config.maxBytes > 0 && bytes() > m_config.maxBytes) {
        const std::size_t other = bytes() - m_seriesBytes; // unaffected by dropping chunks
        using Item = std::pair<int64_t, Series *>;
        auto later = [](const Item &a, const Item &b) { return a.first > b.first; };
        std::vector<Item> items;
        items.reserve(m_series.size());
        for (auto &[id, s] : m_series)
            if (!s->chunks().empty())
                items.emplace_back(s->chunks().front().maxTime(), s.get());
        std::priority_queue<Item, std::vector<Item>, decltype(later)> heap(later, std::move(items));
        while (!heap.empty() && m_seriesBytes + other > m_config.maxBytes) {
            Series *s = heap.top().second;
            heap.pop();
            dropChunk(*s, report);
            if (!s->chunks().empty())
                heap.emplace(s->chunks().front().maxTime(), s);
        }
    }
    std::vector<Series *> dead;
    const int64_t graceCutoff = before(nowMs, m_config.emptySeriesGraceMs);
    for (auto &[id, s] : m_series)
        if (s->empty() && s->hasLast() && s->last().t < graceCutoff)
            dead.push_back(s.get());
    report.seriesRemoved = dead.size();
    if (!dead.empty())
        removeSeries(dead);
    return report;
}

void SeriesStore::removeSeries(std::vector<Series *> &dead)
{
    for (Series *s : dead)
        s->markDead();
    for (auto &[target, cache] : m_targets)
        cache.forgetDeadSeries();
    std::sort(dead.begin(), dead.end(), [](const Series *a, const Series *b) { return a->id() < b->id(); });
    std::vector<SeriesId> ids;
    std::vector<const LabelSet *> labelSets;
    ids.reserve(dead.size());
    labelSets.reserve(dead.size());
    for (const Series *s : dead) {
        ids.push_back(s->id());
        labelSets.push_back(&s->labels());
    }
    m_postings.remove(labelSets, ids);
    for (Series *s : dead) {
        m_byLabels.erase(s);
        m_seriesBytes -= s->heapBytes();
        m_chunkBytes -= s->chunkBytes();
        m_samples -= s->sampleCount();
        for (const LabelSet::Pair &p : s->labels().pairs()) {
            m_symbols.release(p.name);
            m_symbols.release(p.value);
        }
        m_series.erase(s->id()); // frees s
    }
}

std::size_t SeriesStore::bytes() const
{
    std::size_t caches = 0;
    for (const auto &[target, cache] : m_targets)
        caches += cache.bytes() + 64;
    return sizeof(SeriesStore) + m_seriesBytes + m_series.size() * kSeriesIndexBytes
        + (m_series.bucket_count() + m_byLabels.bucket_count()) * sizeof(void *) + m_symbols.bytes()
        + m_postings.bytes() + caches;
}

} // namespace mw
