// libFuzzer target for the labeled-prediction feed parser (quality/FeedParser.h)
// and the joiner behind it. Beyond "no crash, no UB, no out-of-bounds read"
// (ASan/UBSan), it checks the result's invariants: every error has a position
// inside the input and a reason, counts add up, every record has an id and a
// prediction or a label within the caps, score slices are in range; and the
// joiner's books balance (every prediction half is joined, pending, expired,
// evicted or a duplicate).
// Seed corpus: tests/data/quality/fuzz/ (small JSON-lines and CSV feeds,
// valid and broken; e2e_head.* are written by make_fixtures.py).

#include "quality/FeedParser.h"
#include "quality/PredictionJoiner.h"

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

using namespace mw::quality;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkBatch(std::string_view input, const FeedBatch &b, const FeedOptions &o)
{
    uint32_t lines = 1;
    for (char c : input)
        lines += c == '\n';
    check(b.errors.size() <= o.maxErrors);
    check(b.errors.size() + b.droppedErrors == b.rejectedLines);
    for (const FeedError &e : b.errors) {
        check(e.line >= 1 && e.line <= lines);
        check(e.column >= 1 && e.column <= input.size() + 1);
        check(!e.reason.empty());
    }
    check(b.records.size() <= o.maxRecords);
    for (const FeedRecord &r : b.records) {
        check(!r.id.empty() && r.id.size() <= o.maxFieldBytes);
        check(r.predicted.size() <= o.maxFieldBytes && r.actual.size() <= o.maxFieldBytes);
        check(r.isPrediction() || r.isLabel());
        check(r.scoreCount <= o.maxScores);
        check(std::size_t(r.scoreBegin) + r.scoreCount <= b.scores.size());
        check(r.line >= 1 && r.line <= lines);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    FeedOptions o;
    o.maxRecords = 10000;
    o.maxErrors = 50;
    o.maxLineBytes = 4096;
    o.maxScores = 64;
    for (FeedFormat f : {FeedFormat::Auto, FeedFormat::JsonLines, FeedFormat::Csv}) {
        const FeedBatch b = parseFeed(input, f, o);
        checkBatch(input, b, o);
        if (f != FeedFormat::Auto)
            continue;
        PredictionJoiner joiner(JoinOptions{5000, 64});
        std::vector<LabeledPrediction> out;
        joiner.add(b, out);
        const JoinStats &s = joiner.stats();
        check(out.size() == s.joined);
        auto balanced = [&] {
            return s.predictions == s.joined + s.expiredPredictions + s.duplicatePredictions + s.evictedPredictions
                                        + joiner.pendingPredictions()
                   && s.labels == s.joined + s.orphanLabels + s.duplicateLabels + s.evictedLabels + joiner.pendingLabels();
        };
        check(balanced());
        joiner.advanceTo(std::numeric_limits<int64_t>::max());
        check(joiner.pendingPredictions() == 0 && joiner.pendingLabels() == 0 && joiner.rememberedIds() == 0);
        check(balanced());
    }
    return 0;
}
