// libFuzzer target for both exposition parsers. Beyond "no crash, no UB, no
// out-of-bounds read" (ASan/UBSan), it checks the result's invariants: a
// valid result's families cover every sample exactly once, indices are in
// range, every view points into the input or the result's arena, and an
// invalid result carries a position inside the input and nothing else.

#include "exposition/ExpositionParser.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace mw::expo;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkView(std::string_view view, std::string_view input, const ParseResult &r)
{
    if (view.empty())
        return;
    const bool inInput = view.data() >= input.data() && view.data() + view.size() <= input.data() + input.size();
    check(inInput || r.arena.contains(view));
}

void checkResult(std::string_view input, Format format)
{
    ParseOptions options;
    options.maxSamples = 100000;
    const ParseResult r = parse(input, format, options);
    if (!r.ok()) {
        check(r.samples.empty() && r.families.empty() && r.labels.empty());
        check(r.error->line >= 1 && r.error->column >= 1);
        check(!r.error->reason.empty());
        uint32_t lines = 1;
        for (char c : input)
            lines += c == '\n';
        check(r.error->line <= lines + 1);
        return;
    }
    size_t covered = 0;
    for (uint32_t fi = 0; fi < r.families.size(); ++fi) {
        const MetricFamily &f = r.families[fi];
        checkView(f.name, input, r);
        checkView(f.help, input, r);
        check(!f.name.empty());
        check(size_t(f.sampleBegin) + f.sampleCount <= r.samples.size());
        for (uint32_t i = f.sampleBegin; i < f.sampleBegin + f.sampleCount; ++i)
            check(r.samples[i].family == fi);
        covered += f.sampleCount;
    }
    check(covered == r.samples.size());
    for (const Sample &s : r.samples) {
        check(!s.name.empty());
        check(size_t(s.labelBegin) + s.labelCount <= r.labels.size());
        checkView(s.name, input, r);
        check(s.seriesText.data() >= input.data()
              && s.seriesText.data() + s.seriesText.size() <= input.data() + input.size());
        for (const Label *l = r.labelsBegin(s); l != r.labelsEnd(s); ++l) {
            checkView(l->name, input, r);
            checkView(l->value, input, r);
        }
        if (s.exemplar >= 0) {
            check(size_t(s.exemplar) < r.exemplars.size());
            const Exemplar &e = r.exemplars[size_t(s.exemplar)];
            check(size_t(e.labelBegin) + e.labelCount <= r.labels.size());
        }
        check(s.line >= 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    checkResult(input, Format::PrometheusText);
    checkResult(input, Format::OpenMetrics);
    (void)guessFormat(input);
    return 0;
}
