// M4 reduction of a long series to a plot's pixel columns.

#include "plot/M4.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

namespace {

std::vector<mw::Point> randomWalk(std::size_t n, double nanFraction)
{
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<mw::Point> pts;
    pts.reserve(n);
    double v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        v += u(rng) - 0.5;
        pts.push_back({1'700'000'000'000 + static_cast<int64_t>(i) * 1'000,
                       u(rng) < nanFraction ? std::nan("") : v});
    }
    return pts;
}

void BM_M4(benchmark::State &state)
{
    const auto n = static_cast<std::size_t>(state.range(0));
    const int width = static_cast<int>(state.range(1));
    const double nanFraction = static_cast<double>(state.range(2)) / 1000.0;
    const std::vector<mw::Point> pts = randomWalk(n, nanFraction);
    // Visible range: everything but the first and last 1%, so both edge
    // neighbours are looked up too.
    const int64_t t0 = pts[n / 100].t, t1 = pts[n - n / 100].t;
    std::vector<mw::Point> out;
    out.reserve(static_cast<std::size_t>(6 * width + 2));
    for (auto _ : state) {
        mw::m4Reduce(pts, t0, t1, width, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["out_points"] = static_cast<double>(out.size());
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(n));
}
// args: points, columns, NaN per mille
BENCHMARK(BM_M4)
    ->Args({100'000, 1'000, 0})
    ->Args({100'000, 1'000, 10})
    ->Args({1'000'000, 1'920, 0})
    ->Args({1'000, 1'000, 0})
    ->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
