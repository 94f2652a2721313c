// Model-quality maths at production scale (src/core/quality):
//  - feed ingestion: parse + join of a labeled-prediction feed, one million
//    ids, each a prediction line and, later, a label line (target: >= 1 M
//    labeled predictions per second); also single-line records (both halves).
//  - ROC-AUC and average precision over a window of one million predictions
//    (target: <= 100 ms), with continuous scores and with ties.
//  - incremental window updates (add + evict) and the report from them.
//  - one step of a score_buckets source: the ROC and PR areas of two `le`
//    vectors as a range answer gives them (labels and all), per step.
// Inputs are generated in memory with a fixed seed; nothing is read from disk.

#include "promql/EngineValue.h"
#include "quality/FeedParser.h"
#include "quality/PredictionJoiner.h"
#include "quality/QualityQueries.h"
#include "quality/QualityWindow.h"
#include "quality/RankingReport.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace mw::quality;

constexpr int64_t kT0 = 1'764'572'400;

/// n ids; label lines follow their prediction `lag` lines later.
std::string makeJsonFeed(std::size_t n, std::size_t lag, bool combined)
{
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> u(0, 1);
    std::string out;
    out.reserve(n * (combined ? 80 : 110));
    char line[160];
    auto prediction = [&](std::size_t i) {
        const double score = u(rng);
        const int n2 = std::snprintf(line, sizeof line, "{\"id\":\"req-%zu\",\"time\":%lld.%03zu,\"score\":%.6f,\"predicted\":\"%d\"",
                                     i, static_cast<long long>(kT0 + static_cast<int64_t>(i / 1000)), i % 1000, score,
                                     score >= 0.5 ? 1 : 0);
        out.append(line, static_cast<std::size_t>(n2));
    };
    auto label = [&](std::size_t i) {
        const int n2 = std::snprintf(line, sizeof line, "{\"id\":\"req-%zu\",\"time\":%lld,\"actual\":\"%d\"}\n", i,
                                     static_cast<long long>(kT0 + static_cast<int64_t>(i / 1000) + 30),
                                     u(rng) < 0.4 ? 1 : 0);
        out.append(line, static_cast<std::size_t>(n2));
    };
    for (std::size_t i = 0; i < n + lag; ++i) {
        if (combined) {
            if (i >= n)
                break;
            prediction(i);
            out += ",\"actual\":\"";
            out += u(rng) < 0.4 ? '1' : '0';
            out += "\"}\n";
            continue;
        }
        if (i < n) {
            prediction(i);
            out += "}\n";
        }
        if (i >= lag)
            label(i - lag);
    }
    return out;
}

std::string makeCsvFeed(std::size_t n, std::size_t lag)
{
    std::mt19937_64 rng(12);
    std::uniform_real_distribution<double> u(0, 1);
    std::string out = "id,time,score,predicted,actual\n";
    out.reserve(n * 70);
    char line[128];
    for (std::size_t i = 0; i < n + lag; ++i) {
        if (i < n) {
            const double score = u(rng);
            const int k = std::snprintf(line, sizeof line, "req-%zu,%lld.%03zu,%.6f,%d,\n", i,
                                        static_cast<long long>(kT0 + static_cast<int64_t>(i / 1000)), i % 1000, score,
                                        score >= 0.5 ? 1 : 0);
            out.append(line, static_cast<std::size_t>(k));
        }
        if (i >= lag) {
            const int k = std::snprintf(line, sizeof line, "req-%zu,%lld,,,%d\n", i - lag,
                                        static_cast<long long>(kT0 + static_cast<int64_t>((i - lag) / 1000) + 30),
                                        u(rng) < 0.4 ? 1 : 0);
            out.append(line, static_cast<std::size_t>(k));
        }
    }
    return out;
}

void ingest(benchmark::State &state, const std::string &feed, std::size_t expectedPairs)
{
    FeedOptions o;
    o.maxBytes = feed.size();
    std::vector<LabeledPrediction> joined;
    joined.reserve(expectedPairs);
    for (auto _ : state) {
        const FeedBatch batch = parseFeed(feed, FeedFormat::Auto, o);
        PredictionJoiner joiner(JoinOptions{600'000, 10'000'000});
        joined.clear();
        joiner.add(batch, joined);
        if (joined.size() != expectedPairs || batch.errorCount() != 0) {
            state.SkipWithError("feed did not join completely");
            break;
        }
        benchmark::DoNotOptimize(joined.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(expectedPairs));
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(feed.size()));
    state.counters["labeled_predictions"] = static_cast<double>(expectedPairs);
}

void BM_IngestJsonLines(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    ingest(state, makeJsonFeed(n, 5000, false), n);
}

void BM_IngestJsonLinesCombined(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    ingest(state, makeJsonFeed(n, 0, true), n);
}

void BM_IngestCsv(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    ingest(state, makeCsvFeed(n, 5000), n);
}

/// A full window of n binary predictions; `grid` > 0 rounds scores to 1/grid.
QualityWindow makeWindow(std::size_t n, int grid)
{
    WindowOptions o;
    o.maxCount = n;
    QualityWindow w(o);
    std::mt19937_64 rng(5);
    std::normal_distribution<double> d(0, 1);
    std::uniform_real_distribution<double> u(0, 1);
    LabeledPrediction s;
    s.hasScore = true;
    for (std::size_t i = 0; i < n; ++i) {
        const bool positive = u(rng) < 0.3;
        double score = 1.0 / (1.0 + std::exp(-(d(rng) + (positive ? 1.2 : 0.0))));
        if (grid > 0)
            score = std::round(score * grid) / grid;
        s.labelTimeMs = static_cast<int64_t>(i);
        s.score = score;
        s.actual = positive ? "1" : "0";
        s.hasPredicted = false;
        w.add(s);
    }
    return w;
}

void BM_WindowRocAuc(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    const QualityWindow w = makeWindow(n, static_cast<int>(state.range(1)));
    for (auto _ : state) {
        const RankingReport r = w.ranking();
        benchmark::DoNotOptimize(r.overall.rocAuc);
        benchmark::DoNotOptimize(r.overall.averagePrecision);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}

void BM_CurveFromScores(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    std::mt19937_64 rng(6);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> pos, neg;
    for (std::size_t i = 0; i < n; ++i)
        (u(rng) < 0.3 ? pos : neg).push_back(u(rng));
    for (auto _ : state) {
        const BinaryCurve c = BinaryCurve::fromScores(pos, neg);
        benchmark::DoNotOptimize(c.rocAuc());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}

void BM_WindowAddAndReport(benchmark::State &state)
{
    QualityWindow w = makeWindow(100'000, 0);
    LabeledPrediction s;
    s.hasScore = true;
    s.hasPredicted = true;
    int64_t t = 100'000;
    for (auto _ : state) {
        s.labelTimeMs = ++t;
        s.score = static_cast<double>(t % 997) / 997.0;
        s.predicted = (t & 1) ? "1" : "0";
        s.actual = (t % 3) ? "0" : "1";
        w.add(s); // evicts the oldest (count window)
        const ClassificationReport r = w.report();
        benchmark::DoNotOptimize(r.macro.f1);
    }
    state.SetItemsProcessed(state.iterations());
}

/// Two cumulative score histograms of `buckets` bounds (+Inf last) as
/// instant vectors with their le labels, like one step of a range answer.
void BM_BucketAreasPerStep(benchmark::State &state)
{
    const auto buckets = static_cast<std::size_t>(state.range(0));
    std::vector<mw::promql::VectorSample> pos, neg;
    double cp = 0, cn = 0;
    for (std::size_t i = 1; i <= buckets; ++i) {
        const bool last = i == buckets;
        const std::string le = last ? "+Inf" : std::to_string(double(i) / double(buckets));
        const double x = double(i) / double(buckets);
        cp += 400.0 * x * x;       // positives score high
        cn += 600.0 * (1.0 - x);   // negatives score low
        pos.push_back({mw::Labels{{"le", le}}, cp, 0});
        neg.push_back({mw::Labels{{"le", le}}, cn, 0});
    }
    for (auto _ : state) {
        const BucketCurveResult r = curveFromBucketVectors(pos, neg);
        benchmark::DoNotOptimize(r.curve->rocAuc());
        benchmark::DoNotOptimize(r.curve->averagePrecision());
    }
    state.SetItemsProcessed(state.iterations());
}

} // namespace

BENCHMARK(BM_IngestJsonLines)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_IngestJsonLinesCombined)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_IngestCsv)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_WindowRocAuc)->Args({1'000'000, 0})->Args({1'000'000, 1000})->Args({1'000'000, 20})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CurveFromScores)->Arg(1'000'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WindowAddAndReport);
BENCHMARK(BM_BucketAreasPerStep)->Arg(11)->Arg(100)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
