// SeriesStore: scrape ingestion, scrape cache, staleness, counter resets,
// out-of-order and duplicate handling, retention and selection.
#include "store/SeriesStore.h"

#include <QTest>

#include <bit>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace mw;
using expo::MetricType;

namespace {

/// Builds an expo::ParseResult by hand, owning the strings it points into.
class FakeScrape
{
public:
    uint32_t family(std::string_view name, MetricType type)
    {
        expo::MetricFamily f;
        f.name = keep(name);
        f.type = type;
        f.hasType = true;
        f.sampleBegin = static_cast<uint32_t>(r.samples.size());
        r.families.push_back(f);
        return static_cast<uint32_t>(r.families.size() - 1);
    }

    void sample(std::string_view name, std::vector<std::pair<std::string, std::string>> labels, double v,
                std::optional<int64_t> ts = std::nullopt)
    {
        if (r.families.empty())
            family(name, MetricType::Untyped);
        expo::Sample s;
        s.name = keep(name);
        std::string text(name);
        if (!labels.empty()) {
            text += '{';
            for (std::size_t i = 0; i < labels.size(); ++i)
                text += (i ? "," : "") + labels[i].first + "=\"" + labels[i].second + '"';
            text += '}';
        }
        s.seriesText = keep(text);
        s.labelBegin = static_cast<uint32_t>(r.labels.size());
        s.labelCount = static_cast<uint32_t>(labels.size());
        for (const auto &[n, val] : labels)
            r.labels.push_back({keep(n), keep(val)});
        s.family = static_cast<uint32_t>(r.families.size() - 1);
        s.value = v;
        s.hasTimestamp = ts.has_value();
        s.timestampMs = ts.value_or(0);
        r.samples.push_back(s);
        ++r.families.back().sampleCount;
    }

    expo::ParseResult r;

private:
    std::string_view keep(std::string_view s) { return m_strings.emplace_back(s); }
    std::deque<std::string> m_strings;
};

std::vector<Point> points(const Series &s, int64_t mint = INT64_MIN, int64_t maxt = INT64_MAX)
{
    std::vector<Point> out;
    s.collect(mint, maxt, out);
    return out;
}

const Series &only(const SeriesStore &store, const Labels &l)
{
    const Series *s = store.find(l);
    if (!s)
        qFatal("series %s not found", l.toString().c_str());
    return *s;
}

/// Two gauge series a and b, optionally with b left out.
FakeScrape twoGauges(double va, std::optional<double> vb)
{
    FakeScrape f;
    f.family("temp", MetricType::Gauge);
    f.sample("temp", {{"room", "a"}}, va);
    if (vb)
        f.sample("temp", {{"room", "b"}}, *vb);
    return f;
}

} // namespace

class TestSeriesStore : public QObject
{
    Q_OBJECT

private slots:
    void firstScrapeCreatesSeries();
    void repeatScrapeUsesCache();
    void reorderedScrapeMapsEachSampleToItsSeries();
    void vanishedSeriesGetsStaleMarker();
    void targetDownMarksEverySeriesOnce();
    void explicitTimestampsAreNotStaleMarked();
    void counterResets_data();
    void counterResets();
    void outOfOrderAndDuplicates();
    void targetLabelsAndExportedPrefix();
    void repeatedLabelNameIsInvalid();
    void retentionByAge();
    void retentionByTotalBytes();
    void perSeriesCap();
    void emptyStaleSeriesRemovedAndIdNotReused();
    void rangeIsInclusive();
    void selection();
    void bytesTracksContent();
};

void TestSeriesStore::firstScrapeCreatesSeries()
{
    SeriesStore store;
    FakeScrape f;
    f.family("http_requests_total", MetricType::Counter);
    f.sample("http_requests_total", {{"code", "200"}, {"method", "get"}}, 10);
    f.sample("http_requests_total", {{"method", "post"}, {"code", "500"}}, 3);
    const AppendReport rep = store.appendScrape(1, 1000, f.r);
    QCOMPARE(rep.samplesAppended, 2u);
    QCOMPARE(rep.seriesCreated, 2u);
    QCOMPARE(rep.staleMarkers, 0u);
    QCOMPARE(store.seriesCount(), std::size_t(2));
    QCOMPARE(store.sampleCount(), std::size_t(2));
    const Series &s = only(store, {{"__name__", "http_requests_total"}, {"code", "500"}, {"method", "post"}});
    QCOMPARE(s.type(), MetricType::Counter);
    QVERIFY(s.isCounter());
    QCOMPARE(points(s), (std::vector<Point>{{1000, 3}}));
    QCOMPARE(QString::fromStdString(s.labels().toString()),
             uR"(http_requests_total{code="500", method="post"})"_qs);
}

void TestSeriesStore::repeatScrapeUsesCache()
{
    SeriesStore store;
    for (int i = 0; i < 5; ++i) {
        FakeScrape f = twoGauges(i, 10 + i);
        const AppendReport rep = store.appendScrape(7, 1000 + i * 15000, f.r);
        QCOMPARE(rep.seriesCreated, i == 0 ? 2u : 0u);
        QCOMPARE(rep.samplesAppended, 2u);
    }
    // Same labels written in another order by a second target: same series.
    FakeScrape other;
    other.family("temp", MetricType::Gauge);
    other.sample("temp", {{"room", "b"}}, 99);
    QCOMPARE(store.appendScrape(8, 200000, other.r).seriesCreated, 0u);
    QCOMPARE(store.seriesCount(), std::size_t(2));
    const auto pb = points(only(store, {{"__name__", "temp"}, {"room", "b"}}));
    QCOMPARE(pb.size(), std::size_t(6));
    QCOMPARE(pb[4], (Point{61000, 14}));
    QCOMPARE(pb[5], (Point{200000, 99}));
}

void TestSeriesStore::reorderedScrapeMapsEachSampleToItsSeries()
{
    // The cache tries the entry at the same payload position first; a payload
    // whose order changes (a series inserted, the rest shuffled) must still put
    // every value on its own series.
    SeriesStore store;
    auto scrape = [&](int64_t t, std::vector<std::string> rooms) {
        FakeScrape f;
        f.family("temp", MetricType::Gauge);
        for (const std::string &room : rooms)
            f.sample("temp", {{"room", room}}, double(t + room[0]));
        return store.appendScrape(3, t, f.r);
    };
    QCOMPARE(scrape(1000, {"a", "b", "c"}).seriesCreated, 3u);
    QCOMPARE(scrape(2000, {"c", "a", "b"}).seriesCreated, 0u);
    QCOMPARE(scrape(3000, {"d", "a", "b", "c"}).seriesCreated, 1u);
    const AppendReport last = scrape(4000, {"b", "d"});
    QCOMPARE(last.samplesAppended, 2u);
    QCOMPARE(last.staleMarkers, 2u);
    for (const char *room : {"a", "b", "c", "d"}) {
        const auto pts = points(only(store, {{"__name__", "temp"}, {"room", room}}));
        for (const Point &p : pts) {
            if (isStaleNaN(p.v))
                continue;
            QCOMPARE(p.v, double(p.t + room[0]));
        }
    }
    QCOMPARE(points(only(store, {{"__name__", "temp"}, {"room", "a"}})).size(), std::size_t(4)); // 3 + stale
    QCOMPARE(points(only(store, {{"__name__", "temp"}, {"room", "b"}})).size(), std::size_t(4));
}

void TestSeriesStore::vanishedSeriesGetsStaleMarker()
{
    SeriesStore store;
    FakeScrape s1 = twoGauges(1, 2);
    FakeScrape s2 = twoGauges(3, std::nullopt);
    FakeScrape s3 = twoGauges(5, 6);
    FakeScrape s4 = twoGauges(7, std::nullopt);
    QCOMPARE(store.appendScrape(1, 1000, s1.r).staleMarkers, 0u);
    const AppendReport r2 = store.appendScrape(1, 16000, s2.r);
    QCOMPARE(r2.staleMarkers, 1u);
    QCOMPARE(r2.samplesAppended, 1u);
    const Series &b = only(store, {{"__name__", "temp"}, {"room", "b"}});
    QVERIFY(b.isStale());
    QCOMPARE(b.last().t, int64_t(16000)); // exactly the scrape time
    QVERIFY(isStaleNaN(b.last().v));
    QVERIFY(!only(store, {{"__name__", "temp"}, {"room", "a"}}).isStale());
    // Reappears: the same series continues, no second marker meanwhile.
    const AppendReport r3 = store.appendScrape(1, 31000, s3.r);
    QCOMPARE(r3.seriesCreated, 0u);
    QCOMPARE(r3.staleMarkers, 0u);
    QVERIFY(!b.isStale());
    const AppendReport r4 = store.appendScrape(1, 46000, s4.r);
    QCOMPARE(r4.staleMarkers, 1u);
    const auto pts = points(b);
    QCOMPARE(pts.size(), std::size_t(4));
    QCOMPARE(pts[0], (Point{1000, 2}));
    QCOMPARE(pts[1].t, int64_t(16000));
    QCOMPARE(std::bit_cast<uint64_t>(pts[1].v), kStaleNaNBits);
    QCOMPARE(pts[2], (Point{31000, 6}));
    QCOMPARE(pts[3].t, int64_t(46000));
    QVERIFY(isStaleNaN(pts[3].v));
    // Still missing in the next scrape: no further marker.
    QCOMPARE(store.appendScrape(1, 61000, s4.r).staleMarkers, 0u);
    QCOMPARE(points(b).size(), std::size_t(4));
}

void TestSeriesStore::targetDownMarksEverySeriesOnce()
{
    SeriesStore store;
    FakeScrape s1 = twoGauges(1, 2);
    store.appendScrape(3, 1000, s1.r);
    const AppendReport down = store.markTargetDown(3, 16000);
    QCOMPARE(down.staleMarkers, 2u);
    QCOMPARE(down.samplesAppended, 0u);
    QCOMPARE(store.markTargetDown(3, 31000).staleMarkers, 0u);
    store.forEachSeries([](const Series &s) {
        QVERIFY(s.isStale());
        QCOMPARE(s.last().t, int64_t(16000));
    });
    // Another target's series are not touched.
    FakeScrape other;
    other.sample("up", {}, 1);
    store.appendScrape(4, 1000, other.r);
    store.markTargetDown(3, 46000);
    QVERIFY(!only(store, {{"__name__", "up"}}).isStale());
}

void TestSeriesStore::explicitTimestampsAreNotStaleMarked()
{
    SeriesStore store;
    FakeScrape s1;
    s1.family("ext", MetricType::Gauge);
    s1.sample("ext", {{"k", "ts"}}, 1, 500);
    s1.sample("ext", {{"k", "plain"}}, 2);
    store.appendScrape(1, 1000, s1.r);
    const Series &ts = only(store, {{"__name__", "ext"}, {"k", "ts"}});
    QCOMPARE(points(ts), (std::vector<Point>{{500, 1}})); // its own timestamp, not the scrape's
    FakeScrape empty;
    const AppendReport r = store.appendScrape(1, 16000, empty.r);
    QCOMPARE(r.staleMarkers, 1u); // only the plain one
    QVERIFY(!ts.isStale());
    QVERIFY(only(store, {{"__name__", "ext"}, {"k", "plain"}}).isStale());
}

void TestSeriesStore::counterResets_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("sampleName");
    QTest::addColumn<bool>("counterLike");
    QTest::newRow("counter") << int(MetricType::Counter) << u"jobs_total"_qs << true;
    QTest::newRow("histogram bucket") << int(MetricType::Histogram) << u"lat_bucket"_qs << true;
    QTest::newRow("histogram count") << int(MetricType::Histogram) << u"lat_count"_qs << true;
    QTest::newRow("histogram sum") << int(MetricType::Histogram) << u"lat_sum"_qs << true;
    QTest::newRow("summary count") << int(MetricType::Summary) << u"lat_count"_qs << true;
    QTest::newRow("summary quantile") << int(MetricType::Summary) << u"lat"_qs << false;
    QTest::newRow("gauge") << int(MetricType::Gauge) << u"lat"_qs << false;
    QTest::newRow("untyped") << int(MetricType::Untyped) << u"lat"_qs << false;
}

void TestSeriesStore::counterResets()
{
    QFETCH(int, type);
    QFETCH(QString, sampleName);
    QFETCH(bool, counterLike);
    const std::string famName = sampleName.startsWith(u"lat"_qs) ? "lat" : "jobs_total";
    const std::string name = sampleName.toStdString();
    SeriesStore store;
    const double values[] = {10, 15, 3, 3, 8, 2, 20};
    int64_t t = 0;
    for (double v : values) {
        FakeScrape f;
        f.family(famName, static_cast<MetricType>(type));
        f.sample(name, {{"le", "1"}}, v);
        t += 15000;
        store.appendScrape(1, t, f.r);
        if (v == 3 && t == 45000) // a stale gap must not hide the next reset
            store.markTargetDown(1, t + 1);
    }
    const Series &s = only(store, {{"__name__", name}, {"le", "1"}});
    QCOMPARE(s.isCounter(), counterLike);
    QCOMPARE(s.counterResets(), counterLike ? 2u : 0u);
    if (counterLike)
        QCOMPARE(s.lastResetTime(), int64_t(6 * 15000));
}

void TestSeriesStore::outOfOrderAndDuplicates()
{
    SeriesStore store;
    const SeriesId id = store.getOrCreate({{"__name__", "g"}});
    QCOMPARE(store.append(id, 100, 1.0), AppendStatus::Appended);
    QCOMPARE(store.append(id, 100, 1.0), AppendStatus::DuplicateIgnored);
    QCOMPARE(store.append(id, 100, 2.0), AppendStatus::Duplicate);
    QCOMPARE(store.append(id, 99, 2.0), AppendStatus::OutOfOrder);
    QCOMPARE(store.append(id, 101, 2.0), AppendStatus::Appended);
    QCOMPARE(store.append(id + 1000, 102, 2.0), AppendStatus::NoSuchSeries);
    const Series &s = *store.series(id);
    QCOMPARE(s.duplicateCount(), uint64_t(1));
    QCOMPARE(s.outOfOrderCount(), uint64_t(1));
    QCOMPARE(points(s), (std::vector<Point>{{100, 1.0}, {101, 2.0}}));

    // Through a scrape: explicit timestamps going backwards, and a line twice.
    FakeScrape f1;
    f1.sample("x", {}, 5, 2000);
    store.appendScrape(2, 10000, f1.r);
    FakeScrape f2;
    f2.sample("x", {}, 6, 1000);
    f2.sample("y", {}, 1);
    f2.sample("y", {}, 1);
    f2.sample("y", {}, 2);
    const AppendReport rep = store.appendScrape(2, 20000, f2.r);
    QCOMPARE(rep.outOfOrder, 1u);
    QCOMPARE(rep.duplicatesIgnored, 1u);
    QCOMPARE(rep.duplicates, 1u);
    QCOMPARE(rep.samplesAppended, 1u);
    QCOMPARE(points(only(store, {{"__name__", "y"}})), (std::vector<Point>{{20000, 1}}));
}

void TestSeriesStore::targetLabelsAndExportedPrefix()
{
    SeriesStore store;
    store.setTargetLabels(1, {{"job", "triton"}, {"instance", "gpu1:8002"}}, 0);
    FakeScrape f;
    f.sample("up", {{"job", "inner"}}, 1);
    store.appendScrape(1, 1000, f.r);
    const Series &s =
        only(store, {{"__name__", "up"}, {"job", "triton"}, {"instance", "gpu1:8002"}, {"exported_job", "inner"}});
    QCOMPARE(points(s).size(), std::size_t(1));
    // Changing the target labels ends the old series (stale) and starts new ones.
    store.setTargetLabels(1, {{"job", "triton"}, {"instance", "gpu2:8002"}}, 2000);
    QVERIFY(s.isStale());
    QCOMPARE(s.last().t, int64_t(2000));
    QCOMPARE(store.appendScrape(1, 3000, f.r).seriesCreated, 1u);
    QCOMPARE(store.seriesCount(), std::size_t(2));
}

void TestSeriesStore::repeatedLabelNameIsInvalid()
{
    SeriesStore store;
    FakeScrape f;
    f.sample("bad", {{"a", "1"}, {"a", "2"}}, 1);
    f.sample("good", {{"a", "1"}, {"b", ""}}, 1); // an empty value is no label
    const AppendReport rep = store.appendScrape(1, 1000, f.r);
    QCOMPARE(rep.invalid, 1u);
    QCOMPARE(rep.samplesAppended, 1u);
    QVERIFY(store.find({{"__name__", "good"}, {"a", "1"}}) != nullptr);
}

void TestSeriesStore::retentionByAge()
{
    StoreConfig cfg;
    cfg.samplesPerChunk = 10;
    cfg.retentionMs = 100'000;
    SeriesStore store(cfg);
    const SeriesId id = store.getOrCreate({{"__name__", "g"}});
    for (int i = 0; i < 35; ++i) // chunks: [0..9] [10..19] [20..29] [30..34], t = i * 5000
        QCOMPARE(store.append(id, i * 5000, i), AppendStatus::Appended);
    // now = 200000, cutoff 100000: chunk 1 ends at 95000 (dropped), chunk 2 ends at 145000 (kept whole).
    const RetentionReport rep = store.applyRetention(200'000);
    QCOMPARE(rep.chunksDropped, std::size_t(2));
    QCOMPARE(rep.samplesDropped, std::size_t(20));
    const Series &s = *store.series(id);
    QCOMPARE(s.sampleCount(), std::size_t(15));
    QCOMPARE(store.sampleCount(), std::size_t(15));
    QCOMPARE(s.minTime(), int64_t(100'000));
    QCOMPARE(points(s).front(), (Point{100'000, 20}));
    // The last point survives for ordering checks even when all chunks go.
    store.applyRetention(10'000'000 - 1);
    QVERIFY(store.series(id) == nullptr); // empty and older than the grace period: removed
}

void TestSeriesStore::retentionByTotalBytes()
{
    StoreConfig cfg;
    cfg.samplesPerChunk = 20;
    cfg.retentionMs = 0;
    cfg.emptySeriesGraceMs = int64_t(1) << 62; // keep emptied series: we inspect them
    SeriesStore store(cfg);
    std::vector<SeriesId> ids;
    for (int k = 0; k < 4; ++k)
        ids.push_back(store.getOrCreate({{"__name__", "g"}, {"k", std::to_string(k)}}));
    // Series k is written with an offset so its chunks are older the larger k is.
    for (int i = 0; i < 100; ++i)
        for (int k = 0; k < 4; ++k)
            store.append(ids[k], i * 1000 - k * 500'000, static_cast<double>(i * 7919 % 1000) + 0.5);
    const std::size_t before = store.bytes();
    const std::size_t chunksBefore = store.chunkBytes();
    StoreConfig capped = cfg;
    capped.maxBytes = before - chunksBefore / 2;
    store.setConfig(capped);
    const RetentionReport rep = store.applyRetention(0);
    QVERIFY(store.bytes() <= capped.maxBytes);
    QVERIFY(rep.chunksDropped > 0);
    // The globally oldest chunks went first: series 3 (oldest) lost the most,
    // and series 0 (newest) lost nothing unless everything older was gone.
    const Series &s0 = *store.series(ids[0]);
    const Series &s3 = *store.series(ids[3]);
    QVERIFY(s3.sampleCount() < s0.sampleCount());
    QCOMPARE(s0.sampleCount(), std::size_t(100));
    // Every remaining chunk is newer than every dropped chunk.
    QCOMPARE(store.sampleCount(), std::size_t(400) - rep.samplesDropped);
}

void TestSeriesStore::perSeriesCap()
{
    StoreConfig cfg;
    cfg.samplesPerChunk = 10;
    cfg.maxSamplesPerSeries = 25;
    SeriesStore store(cfg);
    const SeriesId id = store.getOrCreate({{"__name__", "g"}});
    for (int i = 0; i < 1000; ++i)
        store.append(id, i, i);
    const Series &s = *store.series(id);
    QVERIFY(s.sampleCount() <= 25);
    QVERIFY(s.sampleCount() > 25 - 10);
    QCOMPARE(s.last(), (Point{999, 999}));
    const auto pts = points(s);
    QCOMPARE(pts.size(), s.sampleCount());
    QCOMPARE(pts.back(), (Point{999, 999}));
    QCOMPARE(pts.front().t, int64_t(1000 - static_cast<int64_t>(pts.size())));

    StoreConfig byBytes;
    byBytes.samplesPerChunk = 10;
    byBytes.maxBytesPerSeries = 200;
    SeriesStore b(byBytes);
    const SeriesId id2 = b.getOrCreate({{"__name__", "g"}});
    for (int i = 0; i < 1000; ++i)
        b.append(id2, i, std::bit_cast<double>(0x3ff0'0000'0000'0000ULL ^ (uint64_t(i) * 0x9e3779b97f4a7c15ULL >> 12)));
    QVERIFY(b.series(id2)->chunkBytes() <= 200);
    QCOMPARE(b.series(id2)->last().t, int64_t(999));
}

void TestSeriesStore::emptyStaleSeriesRemovedAndIdNotReused()
{
    StoreConfig cfg;
    cfg.retentionMs = 60'000;
    cfg.emptySeriesGraceMs = 60'000;
    SeriesStore store(cfg);
    FakeScrape s1 = twoGauges(1, 2);
    FakeScrape s2 = twoGauges(3, std::nullopt);
    store.appendScrape(1, 1000, s1.r);
    store.appendScrape(1, 16000, s2.r); // b stale at 16000
    const SeriesId oldB = only(store, {{"__name__", "temp"}, {"room", "b"}}).id();
    const std::size_t symbolsBefore = store.symbols().size();
    // a keeps being scraped; b's data ages out.
    for (int64_t t = 31000; t <= 200000; t += 15000) {
        FakeScrape s = twoGauges(static_cast<double>(t), std::nullopt);
        store.appendScrape(1, t, s.r);
    }
    const RetentionReport rep = store.applyRetention(200000);
    QCOMPARE(rep.seriesRemoved, std::size_t(1));
    QVERIFY(store.series(oldB) == nullptr);
    QCOMPARE(store.seriesCount(), std::size_t(1));
    QCOMPARE(store.symbols().size(), symbolsBefore - 1); // "b" released
    QVERIFY(store.select("temp", std::vector<LabelMatcher>{{"room", "b"}}).empty());
    // b comes back: a new series with a new, larger id.
    FakeScrape s3 = twoGauges(9, 10);
    QCOMPARE(store.appendScrape(1, 215000, s3.r).seriesCreated, 1u);
    const Series &newB = only(store, {{"__name__", "temp"}, {"room", "b"}});
    QVERIFY(newB.id() > oldB);
    QCOMPARE(points(newB), (std::vector<Point>{{215000, 10}}));
}

void TestSeriesStore::rangeIsInclusive()
{
    StoreConfig cfg;
    cfg.samplesPerChunk = 4;
    SeriesStore store(cfg);
    const SeriesId id = store.getOrCreate({{"__name__", "g"}});
    for (int i = 0; i < 20; ++i)
        store.append(id, i * 10, i);
    const Series &s = *store.series(id);
    const auto pts = points(s, 30, 120);
    QCOMPARE(pts.size(), std::size_t(10));
    QCOMPARE(pts.front(), (Point{30, 3}));
    QCOMPARE(pts.back(), (Point{120, 12}));
    QCOMPARE(points(s, 31, 39).size(), std::size_t(0));
    QCOMPARE(points(s, 40, 40), (std::vector<Point>{{40, 4}}));
    QCOMPARE(points(s, 100, 50).size(), std::size_t(0));
    QCOMPARE(points(s).size(), std::size_t(20));
}

void TestSeriesStore::selection()
{
    SeriesStore store;
    FakeScrape f;
    f.family("lat", MetricType::Gauge);
    f.sample("lat", {{"model", "bert"}, {"gpu", "0"}}, 1);
    f.sample("lat", {{"model", "bert"}, {"gpu", "1"}}, 2);
    f.sample("lat", {{"model", "llama"}, {"gpu", "0"}}, 3);
    f.sample("lat", {{"model", "llama"}}, 4);
    f.sample("mem", {{"model", "bert"}, {"gpu", "0"}}, 5);
    store.appendScrape(1, 1000, f.r);
    auto values = [&](const std::vector<SeriesId> &ids) {
        std::vector<double> out;
        for (SeriesId id : ids)
            out.push_back(store.series(id)->last().v);
        return out;
    };
    QCOMPARE(values(store.select("lat")), (std::vector<double>{1, 2, 3, 4}));
    QCOMPARE(values(store.select("lat", std::vector<LabelMatcher>{{"model", "bert"}})), (std::vector<double>{1, 2}));
    QCOMPARE(values(store.select("lat", std::vector<LabelMatcher>{{"model", "llama"}, {"gpu", "0"}})),
             (std::vector<double>{3}));
    QCOMPARE(values(store.select("lat", std::vector<LabelMatcher>{{"gpu", ""}})), (std::vector<double>{4}));
    QCOMPARE(values(store.select("", std::vector<LabelMatcher>{{"gpu", "0"}})), (std::vector<double>{1, 3, 5}));
    QVERIFY(store.select("lat", std::vector<LabelMatcher>{{"model", "nope"}}).empty());
    QVERIFY(store.select("absent").empty());
    QCOMPARE(store.select("").size(), std::size_t(5));
}

void TestSeriesStore::bytesTracksContent()
{
    StoreConfig cfg;
    cfg.retentionMs = 0;
    SeriesStore store(cfg);
    const std::size_t empty = store.bytes();
    FakeScrape f;
    for (int i = 0; i < 100; ++i)
        f.sample("m", {{"i", std::to_string(i)}}, i);
    store.appendScrape(1, 1000, f.r);
    const std::size_t withSeries = store.bytes();
    // Every series costs at least its object, its labels and a cache entry.
    QVERIFY(withSeries - empty > 100 * (sizeof(Series) + 64));
    std::size_t chunkSum = 0;
    store.forEachSeries([&](const Series &s) { chunkSum += s.chunkBytes(); });
    QCOMPARE(store.chunkBytes(), chunkSum);
    for (int k = 1; k < 200; ++k)
        store.appendScrape(1, 1000 + k * 15000, f.r);
    QVERIFY(store.bytes() > withSeries);
    chunkSum = 0;
    store.forEachSeries([&](const Series &s) { chunkSum += s.chunkBytes(); });
    QCOMPARE(store.chunkBytes(), chunkSum);
    QCOMPARE(store.sampleCount(), std::size_t(100 * 200));
}

QTEST_GUILESS_MAIN(TestSeriesStore)
#include "tst_seriesstore.moc"
