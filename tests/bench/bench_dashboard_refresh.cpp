// What one refresh of the demo dashboard costs on a scrape source, where the
// local PromQL engine runs on the GUI thread: the shipped tfserving-demo
// dashboard's panel queries on its `demo` source (every panel without a
// source of its own; $model = All), as PanelModel issues them (range aligned
// to the step, $__interval as it computes), over a store filled the way a
// ScrapeBackend fills it: the in-process demo server's own /metrics payload,
// parsed and appended every 5 s for two hours (the scrape store's retention),
// with 20 requests/s of load and delayed labels in between (a manual clock).
// One iteration = every query of one refresh, for the 10 min default range,
// 1 h and 2 h, with 600 points across (a panel about 600 px wide). Each
// query runs as its own event (LocalStoreBackend), so slowest_query_ms is
// the longest the window's event loop waits.

#include "PanelModel.h"
#include "QueryText.h"
#include "TimeSpec.h"

#include "alerting/ManualClock.h"
#include "dashboard/DashboardFile.h"
#include "demo/DemoMetrics.h"
#include "demo/DemoServer.h"
#include "demo/LoadGenerator.h"
#include "exposition/ExpositionParser.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QCoreApplication>
#include <QString>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace mw;

constexpr int64_t kScrapeMs = 5'000;
constexpr int kScrapes = 2 * 3600 * 1000 / kScrapeMs;
constexpr int kRequestsPerScrape = 100; // 20 requests/s
constexpr int kPoints = 600;

struct Fixture
{
    alerting::ManualClock clock{1'764'000'000'000};
    SeriesStore store;
    std::unique_ptr<promql::StoreQueryable> queryable;
    std::unique_ptr<promql::Engine> engine;
    std::vector<std::string> queries; ///< as written ($model, $__interval)
    std::vector<std::string> rules;   ///< the rules on the demo source
    view::VariableValues variables{{"model", view::VariableValue{{"$__all"}, true}}};
    std::size_t series = 0;

    Fixture()
    {
        demo::DemoServer::Options options;
        options.port = 0;
        options.rate = 0.0;
        options.labelDelayMs = 5'000;
        options.labelPollMs = 0;
        options.clockMs = [this] { return clock.nowMs(); };
        demo::DemoServer server(options);
        QString error;
        if (!server.start(&error)) {
            std::fprintf(stderr, "demo server: %s\n", qPrintable(error));
            std::exit(1);
        }
        for (int k = 0; k < kScrapes; ++k) {
            clock.advanceMs(kScrapeMs);
            server.loadGenerator().generate(kRequestsPerScrape);
            server.releaseLabels();
            const std::string payload = server.metrics().serialize();
            const expo::ParseResult parsed = expo::parse(payload, expo::Format::PrometheusText);
            if (!parsed.ok()) {
                std::fprintf(stderr, "payload: %s\n", parsed.error->toString().c_str());
                std::exit(1);
            }
            store.appendScrape(1, clock.nowMs(), parsed);
        }
        series = store.seriesCount();
        queryable = std::make_unique<promql::StoreQueryable>(store);
        engine = std::make_unique<promql::Engine>(*queryable);

        const dashboard::DashboardFile::LoadResult r =
            dashboard::DashboardFile::load(QStringLiteral(MW_SOURCE_DIR "/resources/dashboards/tfserving-demo.json"));
        if (!r.ok()) {
            std::fprintf(stderr, "tfserving-demo.json does not load\n");
            std::exit(1);
        }
        for (const dashboard::Panel &p : r.read.document->panels)
            if (p.source.empty())
                for (const dashboard::Query &q : p.queries)
                    if (!q.hidden && !q.expr.empty())
                        queries.push_back(q.expr);
        for (const dashboard::DocumentRule &rule : r.read.document->rules)
            if (rule.source.empty())
                rules.push_back(rule.rule.expr);
    }
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

/// One refresh of every demo-source panel over the last `range` ms.
void BM_DemoRefresh(benchmark::State &state)
{
    Fixture &f = fixture();
    const int64_t span = state.range(0);
    const int64_t step = view::stepFor(span, kPoints, 1000);
    const std::string interval = view::PanelModel::promqlInterval(step);
    const int64_t end = f.clock.nowMs() / step * step;
    const int64_t start = (f.clock.nowMs() - span) / step * step;
    std::vector<std::string> exprs;
    for (const std::string &q : f.queries)
        exprs.push_back(view::substituteVariables(q, f.variables, interval));
    std::size_t points = 0;
    double slowest = 0.0; // ms: the longest the event loop waits (queries run one per event)
    for (auto _ : state) {
        points = 0;
        for (const std::string &e : exprs) {
            const auto t0 = std::chrono::steady_clock::now();
            const promql::QueryResult r = f.engine->rangeQuery(e, start, end, step);
            slowest = std::max(slowest, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            if (!r.ok()) {
                state.SkipWithError(r.error.c_str());
                return;
            }
            if (const auto *m = std::get_if<promql::Matrix>(&r.value))
                for (const promql::MatrixSeries &s : *m)
                    points += s.points.size();
        }
        benchmark::DoNotOptimize(points);
    }
    state.counters["queries"] = double(exprs.size());
    state.counters["points"] = double(points);
    state.counters["step_s"] = double(step) / 1000.0;
    state.counters["slowest_query_ms"] = slowest;
    state.counters["series_in_store"] = double(f.series);
}

/// The rules on the demo source, as the alert engine asks them every 15 s.
void BM_DemoRules(benchmark::State &state)
{
    Fixture &f = fixture();
    for (auto _ : state) {
        for (const std::string &e : f.rules) {
            const promql::QueryResult r = f.engine->instantQuery(e, f.clock.nowMs());
            benchmark::DoNotOptimize(r.ok());
        }
    }
    state.counters["rules"] = double(f.rules.size());
}

} // namespace

BENCHMARK(BM_DemoRefresh)->Arg(600'000)->Arg(3'600'000)->Arg(7'200'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DemoRules)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
