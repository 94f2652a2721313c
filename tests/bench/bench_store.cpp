// Series store benchmarks: first-scrape ingest (series creation), repeat-scrape
// ingest (cache lookup + append, with and without parsing), and memory per
// sample after many scrapes of realistically changing values.
//
// Payloads come from gen_payload.py (path from the MW_GEN_PAYLOAD compile
// definition, or the MW_GEN_PAYLOAD environment variable).
#include "exposition/ExpositionParser.h"
#include "store/SeriesStore.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

namespace {

std::string generatePayload(int series)
{
    const char *env = std::getenv("MW_GEN_PAYLOAD");
    const std::string script = env ? env : MW_GEN_PAYLOAD;
    const std::string cmd = "python3 '" + script + "' --series " + std::to_string(series) + " 2>/dev/null";
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        throw std::runtime_error("cannot run " + cmd);
    std::string out;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        out.append(buf, n);
    if (pclose(p) != 0 || out.empty())
        throw std::runtime_error("payload generator failed: " + cmd);
    return out;
}

struct Input
{
    std::string payload;
    mw::expo::ParseResult parsed;
};

/// Payloads are generated and parsed once per size and kept for the run.
const Input &input(int series)
{
    static std::map<int, std::unique_ptr<Input>> cache;
    auto &slot = cache[series];
    if (!slot) {
        slot = std::make_unique<Input>();
        slot->payload = generatePayload(series);
        slot->parsed = mw::expo::parse(slot->payload, mw::expo::Format::PrometheusText);
    }
    return *slot;
}

bool usable(benchmark::State &state, const Input &in)
{
    if (!in.parsed.ok()) {
        state.SkipWithError(("parser failed: " + in.parsed.error->toString()).c_str());
        return false;
    }
    return true;
}

constexpr int64_t kT0 = 1'718'000'000'000;
constexpr int64_t kInterval = 15'000;

void BM_FirstScrape(benchmark::State &state)
{
    const Input &in = input(static_cast<int>(state.range(0)));
    if (!usable(state, in))
        return;
    std::size_t created = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto store = std::make_unique<mw::SeriesStore>();
        state.ResumeTiming();
        const auto rep = store->appendScrape(1, kT0, in.parsed);
        created = rep.seriesCreated;
        benchmark::DoNotOptimize(rep);
        state.PauseTiming();
        store.reset(); // teardown not timed
        state.ResumeTiming();
    }
    state.counters["series"] = static_cast<double>(created);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.parsed.samples.size()));
}

void BM_RepeatScrapeStoreOnly(benchmark::State &state)
{
    const Input &in = input(static_cast<int>(state.range(0)));
    if (!usable(state, in))
        return;
    mw::SeriesStore store;
    int64_t t = kT0;
    store.appendScrape(1, t, in.parsed);
    uint32_t appended = 0;
    for (auto _ : state) {
        t += kInterval;
        const auto rep = store.appendScrape(1, t, in.parsed);
        appended = rep.samplesAppended;
        benchmark::DoNotOptimize(rep);
    }
    state.counters["appended"] = appended;
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.parsed.samples.size()));
}

void BM_RepeatScrapeWithParse(benchmark::State &state)
{
    const Input &in = input(static_cast<int>(state.range(0)));
    if (!usable(state, in))
        return;
    mw::SeriesStore store;
    int64_t t = kT0;
    store.appendScrape(1, t, in.parsed);
    for (auto _ : state) {
        t += kInterval;
        const auto parsed = mw::expo::parse(in.payload, mw::expo::Format::PrometheusText);
        const auto rep = store.appendScrape(1, t, parsed);
        benchmark::DoNotOptimize(rep);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.parsed.samples.size()));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(in.payload.size()));
}

/// Rounds to the 6 significant digits the generator prints (`%.6g`).
double sixDigits(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return std::strtod(buf, nullptr);
}

void BM_BytesPerSample(benchmark::State &state)
{
    const Input &in = input(static_cast<int>(state.range(0)));
    if (!usable(state, in))
        return;
    const int scrapes = static_cast<int>(state.range(1));
    for (auto _ : state) {
        mw::expo::ParseResult r; // a mutable copy whose values change every scrape
        r.families = in.parsed.families;
        r.samples = in.parsed.samples;
        r.labels = in.parsed.labels;
        std::mt19937_64 rng(42);
        std::normal_distribution<double> jitter(0.0, 0.02);
        mw::StoreConfig cfg;
        cfg.retentionMs = 0;
        mw::SeriesStore store(cfg);
        for (int k = 0; k < scrapes; ++k) {
            for (auto &s : r.samples) {
                switch (r.families[s.family].type) {
                case mw::expo::MetricType::Counter:
                case mw::expo::MetricType::Histogram:
                case mw::expo::MetricType::Summary:
                    if (s.name.ends_with("_sum"))
                        s.value = sixDigits(s.value + static_cast<double>(rng() % 100000) * 0.37);
                    else
                        s.value += static_cast<double>(rng() % 200);
                    break;
                default:
                    s.value = sixDigits(std::abs(s.value * (1.0 + jitter(rng))));
                    break;
                }
            }
            store.appendScrape(1, kT0 + k * kInterval + static_cast<int64_t>(rng() % 7), r);
        }
        const double samples = static_cast<double>(store.sampleCount());
        state.counters["bytes_per_sample"] = static_cast<double>(store.bytes()) / samples;
        state.counters["chunk_bytes_per_sample"] = static_cast<double>(store.chunkBytes()) / samples;
        state.counters["MiB_total"] = static_cast<double>(store.bytes()) / (1 << 20);
        state.counters["samples"] = samples;
    }
}

} // namespace

BENCHMARK(BM_FirstScrape)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RepeatScrapeStoreOnly)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RepeatScrapeWithParse)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BytesPerSample)->Args({20000, 720})->Args({200000, 120})->Iterations(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
