// Parse throughput of both exposition parsers on gen_payload.py payloads
// (20k and 200k sample lines), with full validation. Reports bytes/s and
// samples/s. Every iteration builds a fresh ParseResult, as a scrape does.

#include "PayloadGenerator.h"

#include "exposition/ExpositionParser.h"

#include <benchmark/benchmark.h>

#include <map>

namespace {

using namespace mw::expo;

std::string toOpenMetrics(const std::string &text)
{
    // The generated text payload is valid OpenMetrics once counters are
    // declared under their base name and the payload ends with # EOF.
    // Counter samples get the _total suffix OpenMetrics requires.
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    std::string counter; // the current counter family's sample name, without _total
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        if (line.starts_with("# TYPE ")) {
            counter.clear();
            if (line.ends_with(" counter")) {
                std::string_view name = line.substr(7, line.size() - 7 - 8);
                if (name.ends_with("_total"))
                    name.remove_suffix(6);
                counter = name;
                out += "# TYPE ";
                out += name;
                out += " counter\n";
            } else {
                out += line;
                out += '\n';
            }
        } else if (line.starts_with("# HELP ")) {
            // HELP names must match the (renamed) family; drop them.
        } else if (!counter.empty() && line.starts_with(counter) && line.size() > counter.size()
                   && (line[counter.size()] == '{' || line[counter.size()] == ' ')) {
            out += counter;
            out += "_total";
            out += line.substr(counter.size());
            out += '\n';
        } else {
            out += line;
            out += '\n';
        }
        pos = end + 1;
    }
    out += "# EOF\n";
    return out;
}

const std::string &omPayload(int series)
{
    static std::map<int, std::string> cache;
    auto &slot = cache[series];
    if (slot.empty())
        slot = toOpenMetrics(mw::bench::generatedPayload(series));
    return slot;
}

void run(benchmark::State &state, const std::string &payload, Format format)
{
    size_t samples = 0;
    {
        const ParseResult check = parse(payload, format);
        if (!check.ok()) {
            state.SkipWithError(("payload does not parse: " + check.error->toString()).c_str());
            return;
        }
        samples = check.samples.size();
    }
    for (auto _ : state) {
        ParseResult r = parse(payload, format);
        benchmark::DoNotOptimize(r.samples.data());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(payload.size()));
    state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(samples));
    state.counters["payload_MB"] = double(payload.size()) / 1e6;
    state.counters["samples"] = double(samples);
}

void BM_ParsePrometheusText(benchmark::State &state)
{
    run(state, mw::bench::generatedPayload(int(state.range(0))), Format::PrometheusText);
}

void BM_ParseOpenMetrics(benchmark::State &state)
{
    run(state, omPayload(int(state.range(0))), Format::OpenMetrics);
}

} // namespace

BENCHMARK(BM_ParsePrometheusText)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseOpenMetrics)->Arg(20000)->Arg(200000)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
