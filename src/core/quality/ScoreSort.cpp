#include "quality/ScoreSort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace mw::quality {

namespace {

constexpr uint64_t kSign = uint64_t{1} << 63;
constexpr std::size_t kDigitBits = 16;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::size_t kPasses = 64 / kDigitBits;
/// Below this, std::sort beats the radix sort's histogram set-up.
constexpr std::size_t kRadixThreshold = 4096;

void radixSort(std::vector<uint64_t> &keys, std::vector<uint64_t> &scratch)
{
    std::vector<uint32_t> counts(kBuckets * kPasses, 0);
    for (uint64_t k : keys)
        for (std::size_t p = 0; p < kPasses; ++p)
            ++counts[p * kBuckets + ((k >> (p * kDigitBits)) & (kBuckets - 1))];
    scratch.resize(keys.size());
    for (std::size_t p = 0; p < kPasses; ++p) {
        uint32_t *c = counts.data() + p * kBuckets;
        const uint64_t digitOfFirst = (keys.front() >> (p * kDigitBits)) & (kBuckets - 1);
        if (c[digitOfFirst] == keys.size())
            continue; // every key has this digit: the pass would not move anything
        uint32_t sum = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            const uint32_t n = c[b];
            c[b] = sum;
            sum += n;
        }
        for (uint64_t k : keys)
            scratch[c[(k >> (p * kDigitBits)) & (kBuckets - 1)]++] = k;
        keys.swap(scratch);
    }
}

} // namespace

uint64_t descendingKey(double score)
{
    const uint64_t bits = std::bit_cast<uint64_t>(score + 0.0); // -0.0 + 0.0 == +0.0
    const uint64_t ascending = (bits & kSign) ? ~bits : (bits | kSign);
    return ~ascending;
}

double scoreOfKey(uint64_t key)
{
    const uint64_t ascending = ~key;
    const uint64_t bits = (ascending & kSign) ? (ascending & ~kSign) : ~ascending;
    return std::bit_cast<double>(bits);
}

std::size_t sortedDescendingKeys(std::span<const double> scores, std::vector<uint64_t> &out,
                                 std::vector<uint64_t> &scratch)
{
    out.clear();
    out.reserve(scores.size());
    for (double s : scores)
        if (!std::isnan(s))
            out.push_back(descendingKey(s));
    const std::size_t nan = scores.size() - out.size();
    // uint32_t bucket counters: larger windows fall back to std::sort.
    if (out.size() < kRadixThreshold || out.size() > UINT32_MAX)
        std::sort(out.begin(), out.end());
    else
        radixSort(out, scratch);
    return nan;
}

} // namespace mw::quality
