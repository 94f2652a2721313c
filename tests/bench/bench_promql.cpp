// The local PromQL engine end to end (parse, select, evaluate) on the query a
// latency panel runs: histogram_quantile(0.99, sum by (le, model)
// (rate(x_bucket[1m]))) over 1,000 histograms of 12 buckets, scraped every
// 15 s for an hour, as instant queries and as a dashboard's range query.

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>

namespace {

constexpr int kHistograms = 1'000;
constexpr int kModels = 50; // 20 instances per model
constexpr int kScrapes = 240;
constexpr int64_t kIntervalMs = 15'000;
constexpr int64_t kStartMs = 1'700'000'000'000;
constexpr std::array<const char *, 12> kLe{"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                           "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};
constexpr const char *kQuery = "histogram_quantile(0.99, sum by (le, model) (rate(x_bucket[1m])))";

struct Data
{
    mw::SeriesStore store;
    std::unique_ptr<mw::promql::StoreQueryable> queryable;

    Data()
    {
        std::mt19937_64 rng(7);
        std::uniform_real_distribution<double> u(0, 1);
        for (int h = 0; h < kHistograms; ++h) {
            std::array<mw::SeriesId, kLe.size()> ids{};
            for (std::size_t b = 0; b < kLe.size(); ++b) {
                mw::Labels labels;
                labels.set(mw::kMetricNameLabel, "x_bucket");
                labels.set("model", "m" + std::to_string(h % kModels));
                labels.set("instance", "i" + std::to_string(h / kModels));
                labels.set("le", kLe[b]);
                ids[b] = store.getOrCreate(labels, mw::expo::MetricType::Counter);
            }
            std::array<double, kLe.size()> cum{};
            for (int s = 0; s < kScrapes; ++s) {
                double running = 0;
                for (std::size_t b = 0; b < kLe.size(); ++b) {
                    running += std::floor(u(rng) * 20 * (b < 6 ? 1 : 0.3));
                    cum[b] += running;
                    store.append(ids[b], kStartMs + s * kIntervalMs, cum[b]);
                }
            }
        }
        queryable = std::make_unique<mw::promql::StoreQueryable>(store);
    }
};

const Data &data()
{
    static const Data d;
    return d;
}

void BM_InstantHistogramQuantile(benchmark::State &state)
{
    const Data &d = data();
    const mw::promql::Engine engine(*d.queryable);
    const int64_t t = kStartMs + (kScrapes - 1) * kIntervalMs;
    std::size_t series = 0;
    for (auto _ : state) {
        const mw::promql::QueryResult r = engine.instantQuery(kQuery, t);
        if (!r.ok())
            state.SkipWithError(r.error.c_str());
        series = std::get<mw::promql::Vector>(r.value).size();
        benchmark::DoNotOptimize(series);
    }
    state.counters["out_series"] = static_cast<double>(series);
    state.counters["per_histogram"] = benchmark::Counter(static_cast<double>(kHistograms),
                                                         benchmark::Counter::kIsIterationInvariantRate
                                                             | benchmark::Counter::kInvert);
}
BENCHMARK(BM_InstantHistogramQuantile)->Unit(benchmark::kMicrosecond);

// A panel over the last hour at 240 steps (one per scrape).
void BM_RangeHistogramQuantile(benchmark::State &state)
{
    const Data &d = data();
    const mw::promql::Engine engine(*d.queryable);
    const int64_t end = kStartMs + (kScrapes - 1) * kIntervalMs;
    const int64_t start = kStartMs + 60'000;
    const int64_t steps = (end - start) / kIntervalMs + 1;
    for (auto _ : state) {
        const mw::promql::QueryResult r = engine.rangeQuery(kQuery, start, end, kIntervalMs);
        if (!r.ok())
            state.SkipWithError(r.error.c_str());
        benchmark::DoNotOptimize(r);
    }
    state.counters["steps"] = static_cast<double>(steps);
    state.counters["per_histogram_step"] = benchmark::Counter(static_cast<double>(kHistograms * steps),
                                                              benchmark::Counter::kIsIterationInvariantRate
                                                                  | benchmark::Counter::kInvert);
}
BENCHMARK(BM_RangeHistogramQuantile)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
