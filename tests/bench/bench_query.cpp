// histogram_quantile(q, rate(x_bucket[w])) at dashboard scale, and the
// functions it is made of. Rate inputs are already selected (as the query
// engine hands them over); no allocation in the measured loop.

#include "query/HistogramQuantile.h"
#include "query/RateFunctions.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace {

constexpr int kBuckets = 12;
constexpr int kSamples = 60;
constexpr int64_t kStepMs = 15'000;
constexpr std::array<double, kBuckets> kBounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                               0.5,   1,    2.5,   5,    10,  std::numeric_limits<double>::infinity()};

/// `histograms` x 12 cumulative bucket counters x 60 samples each, with an
/// occasional counter reset, laid out series after series.
std::vector<mw::Point> makeBucketSeries(int histograms)
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<mw::Point> pts;
    pts.reserve(static_cast<std::size_t>(histograms) * kBuckets * kSamples);
    for (int h = 0; h < histograms; ++h) {
        std::array<double, kBuckets> cum{};
        std::array<std::array<double, kSamples>, kBuckets> series{};
        const int resetAt = u(rng) < 0.05 ? static_cast<int>(u(rng) * kSamples) : -1;
        for (int s = 0; s < kSamples; ++s) {
            if (s == resetAt)
                cum.fill(0);
            double running = 0;
            for (int b = 0; b < kBuckets; ++b) {
                running += std::floor(u(rng) * 20 * (b < 6 ? 1 : 0.3));
                cum[b] += running;
                series[b][s] = cum[b];
            }
        }
        for (int b = 0; b < kBuckets; ++b)
            for (int s = 0; s < kSamples; ++s)
                pts.push_back({s * kStepMs + 1'000, series[b][s]});
    }
    return pts;
}

void BM_HistogramQuantileOverRate(benchmark::State &state)
{
    const int histograms = static_cast<int>(state.range(0));
    const std::vector<mw::Point> pts = makeBucketSeries(histograms);
    const int64_t end = kSamples * kStepMs;
    const int64_t start = end - kSamples * kStepMs;
    std::array<mw::Bucket, kBuckets> buckets{};
    double sink = 0;
    for (auto _ : state) {
        const mw::Point *p = pts.data();
        for (int h = 0; h < histograms; ++h) {
            for (int b = 0; b < kBuckets; ++b, p += kSamples) {
                const auto r = mw::rate(std::span<const mw::Point>(p, kSamples), start, end);
                buckets[b] = {kBounds[b], r ? *r : 0.0};
            }
            sink += mw::bucketQuantile(0.99, buckets).value;
        }
        benchmark::DoNotOptimize(sink);
    }
    state.counters["per_histogram"] =
        benchmark::Counter(static_cast<double>(histograms), benchmark::Counter::kIsIterationInvariantRate
                                                                | benchmark::Counter::kInvert);
}
BENCHMARK(BM_HistogramQuantileOverRate)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_Rate60(benchmark::State &state)
{
    const std::vector<mw::Point> pts = makeBucketSeries(1);
    const std::span<const mw::Point> s(pts.data() + 5 * kSamples, kSamples);
    for (auto _ : state)
        benchmark::DoNotOptimize(mw::rate(s, 0, kSamples * kStepMs));
}
BENCHMARK(BM_Rate60);

void BM_BucketQuantile12(benchmark::State &state)
{
    std::array<mw::Bucket, kBuckets> src{};
    for (int b = 0; b < kBuckets; ++b)
        src[b] = {kBounds[b], 10.0 * (b + 1) * (b + 1)};
    std::array<mw::Bucket, kBuckets> scratch{};
    for (auto _ : state) {
        scratch = src;
        benchmark::DoNotOptimize(mw::bucketQuantile(0.95, scratch).value);
    }
}
BENCHMARK(BM_BucketQuantile12);

void BM_AvgOverTime60(benchmark::State &state)
{
    const std::vector<mw::Point> pts = makeBucketSeries(1);
    const std::span<const mw::Point> s(pts.data(), kSamples);
    for (auto _ : state)
        benchmark::DoNotOptimize(mw::avgOverTime(s));
}
BENCHMARK(BM_AvgOverTime60);

} // namespace

BENCHMARK_MAIN();
