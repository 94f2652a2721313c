#include "query/HistogramQuantile.h"

#include "exposition/Lexer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

// Reference: prometheus/prometheus promql/quantile.go. Default arithmetic is
// v2.42.0's bucketQuantile + coalesceBuckets + ensureMonotonic; PromCompat::V3
// swaps in 3.x's ensureMonotonicAndIgnoreSmallDeltas (util/almost.Equal).

namespace mw {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kSmallDeltaTolerance = 1e-12;

/// util/almost.Equal.
bool almostEqual(double a, double b, double epsilon)
{
    if (std::isnan(a) && std::isnan(b))
        return true;
    if (a == b)
        return true;
    constexpr double minNormal = std::numeric_limits<double>::min(); // 0x0010000000000000
    const double absSum = std::fabs(a) + std::fabs(b);
    const double diff = std::fabs(a - b);
    if (a == 0 || b == 0 || absSum < minNormal)
        return diff < epsilon * minNormal;
    return diff / std::min(absSum, std::numeric_limits<double>::max()) < epsilon;
}

void sortByBound(std::span<Bucket> b)
{
    const auto less = [](const Bucket &x, const Bucket &y) { return x.upperBound < y.upperBound; };
    if (std::is_sorted(b.begin(), b.end(), less))
        return; // the usual case: exposition order
    if (b.size() <= 64) {
        // Insertion sort: stable, no allocation.
        for (std::size_t i = 1; i < b.size(); ++i) {
            const Bucket x = b[i];
            std::size_t j = i;
            while (j > 0 && x.upperBound < b[j - 1].upperBound) {
                b[j] = b[j - 1];
                --j;
            }
            b[j] = x;
        }
        return;
    }
    std::sort(b.begin(), b.end(), less);
}

/// coalesceBuckets: merges equal bounds (input sorted). Returns the new size.
std::size_t coalesce(std::span<Bucket> b)
{
    Bucket last = b[0];
    std::size_t i = 0;
    for (std::size_t k = 1; k < b.size(); ++k) {
        if (b[k].upperBound == last.upperBound) {
            last.count += b[k].count;
        } else {
            b[i] = last;
            last = b[k];
            ++i;
        }
    }
    b[i] = last;
    return i + 1;
}

/// v2.42 ensureMonotonic: the running maximum starts at -Inf.
bool ensureMonotonic(std::span<Bucket> b)
{
    bool forced = false;
    double max = -kInf;
    for (Bucket &x : b) {
        if (x.count > max) {
            max = x.count;
        } else if (x.count < max) {
            x.count = max;
            forced = true;
        }
    }
    return forced;
}

/// 3.x ensureMonotonicAndIgnoreSmallDeltas.
void ensureMonotonicAndIgnoreSmallDeltas(std::span<Bucket> b, double tolerance, QuantileResult &r)
{
    double prev = b[0].count;
    for (std::size_t i = 1; i < b.size(); ++i) {
        const double curr = b[i].count;
        if (curr == prev)
            continue;
        if (almostEqual(prev, curr, tolerance)) {
            b[i].count = prev; // keep prev: the difference is ignored
            r.fixedPrecision = true;
            continue;
        }
        if (curr < prev) {
            b[i].count = prev;
            r.forcedMonotonicity = true;
            continue;
        }
        prev = curr;
    }
}


} // namespace

QuantileResult bucketQuantile(double q, std::span<Bucket> buckets, PromCompat compat)
{
    if (std::isnan(q))
        return {kNaN};
    if (q < 0)
        return {-kInf};
    if (q > 1)
        return {kInf};
    if (buckets.empty())
        return {kNaN};
    for (const Bucket &b : buckets) {
        if (std::isnan(b.upperBound))
            return {kNaN};
    }
    sortByBound(buckets);
    if (buckets.back().upperBound != kInf)
        return {kNaN};

    const std::size_t n = coalesce(buckets);
    const std::span<Bucket> b = buckets.first(n);
    QuantileResult r;
    if (compat == PromCompat::V2_42)
        r.forcedMonotonicity = ensureMonotonic(b);
    else
        ensureMonotonicAndIgnoreSmallDeltas(b, kSmallDeltaTolerance, r);

    if (n < 2)
        return {kNaN};
    const double observations = b[n - 1].count;
    if (observations == 0)
        return {kNaN};
    double rank = q * observations;

    // sort.Search(n-1, count >= rank), binary search exactly as Go does it
    // (matters only for NaN counts, which break monotonicity).
    std::size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        const std::size_t h = (lo + hi) >> 1;
        if (!(b[h].count >= rank))
            lo = h + 1;
        else
            hi = h;
    }
    const std::size_t idx = lo;

    if (idx == n - 1) {
        r.value = b[n - 2].upperBound;
        return r;
    }
    if (idx == 0 && b[0].upperBound <= 0) {
        r.value = b[0].upperBound;
        return r;
    }
    double bucketStart = 0;
    const double bucketEnd = b[idx].upperBound;
    double count = b[idx].count;
    if (idx > 0) {
        bucketStart = b[idx - 1].upperBound;
        count -= b[idx - 1].count;
        rank -= b[idx - 1].count;
    }
    r.value = bucketStart + (bucketEnd - bucketStart) * (rank / count);
    return r;
}

std::optional<double> parsePromFloat(std::string_view text)
{
    double value = 0;
    if (!expo::lex::parseFloat(text, value))
        return std::nullopt;
    return value;
}

bool histogramRestarted(const HistogramScrape &prev, const HistogramScrape &cur)
{
    if (cur.count < prev.count) // false when either is NaN
        return true;
    if (!std::isnan(prev.startTime) && !std::isnan(cur.startTime) && prev.startTime != cur.startTime)
        return true;
    const auto infCount = [](std::span<const Bucket> bs) {
        double c = kNaN;
        for (const Bucket &b : bs) {
            if (b.upperBound == kInf)
                c = std::isnan(c) ? b.count : c + b.count;
        }
        return c;
    };
    return infCount(cur.buckets) < infCount(prev.buckets);
}

bool bucketIncreases(const HistogramScrape &prev, const HistogramScrape &cur, std::vector<Bucket> &out)
{
    out.assign(cur.buckets.begin(), cur.buckets.end());
    if (out.empty())
        return false;
    for (const Bucket &b : out) {
        if (std::isnan(b.upperBound))
            return true; // unusable layout; bucketQuantile gives NaN anyway
    }
    sortByBound(out);
    out.resize(coalesce(out));
    if (histogramRestarted(prev, cur))
        return true;

    // Previous counts per bound of `out`, merged the same way. Layouts are
    // tiny (tens of buckets), so a linear scan per bucket is cheapest.
    for (Bucket &o : out) {
        double before = kNaN;
        for (const Bucket &p : prev.buckets) {
            if (p.upperBound == o.upperBound)
                before = std::isnan(before) ? p.count : before + p.count;
        }
        if (std::isnan(before)) {
            // The layout changed: treat the whole histogram as new.
            out.assign(cur.buckets.begin(), cur.buckets.end());
            sortByBound(out);
            out.resize(coalesce(out));
            return true;
        }
        o.count = o.count < before ? o.count : o.count - before;
    }
    return false;
}

QuantileResult localQuantile(double q, const HistogramScrape &prev, const HistogramScrape &cur,
                             std::vector<Bucket> &scratch, PromCompat compat)
{
    const bool restarted = bucketIncreases(prev, cur, scratch);
    if (!std::isnan(cur.count)) {
        const double dCount = restarted ? cur.count : cur.count - prev.count;
        if (dCount == 0)
            return {kNaN};
    }
    return bucketQuantile(q, scratch, compat);
}

double localMean(const HistogramScrape &prev, const HistogramScrape &cur)
{
    const bool restarted = histogramRestarted(prev, cur);
    const double dCount = restarted ? cur.count : cur.count - prev.count;
    const double dSum = restarted ? cur.sum : cur.sum - prev.sum;
    if (dCount == 0 || std::isnan(dCount))
        return kNaN;
    return dSum / dCount;
}

} // namespace mw
