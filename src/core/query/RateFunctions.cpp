#include "query/RateFunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>

// Reference: prometheus/prometheus promql/functions.go at v2.42.0
// (extrapolatedRate, instantValue, funcResets, funcChanges, funcAvgOverTime,
// funcSumOverTime, funcMin/MaxOverTime, funcStddev/StdvarOverTime,
// funcQuantileOverTime + quantile() from promql/quantile.go). The 3.x
// variants selectable through PromCompat::V3 follow the 3.x functions.go
// (see PromCompat.h for what differs).

namespace mw {
namespace {

/// Go's time.Duration(ms * 1e6).Seconds(): whole seconds plus the
/// nanosecond remainder divided by 1e9, in that order (this can differ from
/// ms / 1000.0 in the last bit).
double goDurationSeconds(int64_t ms)
{
    const int64_t ns = ms * 1'000'000;
    const int64_t sec = ns / 1'000'000'000;
    const int64_t nsec = ns % 1'000'000'000;
    return static_cast<double>(sec) + static_cast<double>(nsec) / 1e9;
}

/// [lo, hi) of samples with stale markers trimmed from both ends.
struct Trimmed
{
    std::size_t lo = 0;
    std::size_t hi = 0;
};

Trimmed trimStale(std::span<const Point> s)
{
    Trimmed r{0, s.size()};
    while (r.lo < r.hi && isStaleNaN(s[r.lo].v))
        ++r.lo;
    while (r.hi > r.lo && isStaleNaN(s[r.hi - 1].v))
        --r.hi;
    return r;
}

/// Calls fn(value) for every non-stale sample, in order.
template<typename Fn>
void forEachValue(std::span<const Point> s, Fn &&fn)
{
    for (const Point &p : s) {
        if (!isStaleNaN(p.v))
            fn(p.v);
    }
}

std::size_t countValues(std::span<const Point> s)
{
    std::size_t n = 0;
    forEachValue(s, [&n](double) { ++n; });
    return n;
}

} // namespace

std::optional<double> extrapolatedRate(std::span<const Point> samples, int64_t rangeStartMs,
                                       int64_t rangeEndMs, bool isCounter, bool isRate,
                                       PromCompat compat)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi - tr.lo < 2)
        return std::nullopt;

    const Point first = samples[tr.lo];
    const Point last = samples[tr.hi - 1];

    // resultValue := last - first; at each drop (counters only) add the value
    // before the drop, in sample order.
    double resultValue = last.v - first.v;
    std::size_t count = tr.hi - tr.lo;
    double prev = first.v;
    for (std::size_t i = tr.lo + 1; i + 1 < tr.hi; ++i) {
        const double cur = samples[i].v;
        if (cur >= prev) [[likely]] {
            prev = cur;
            continue;
        }
        // A drop, a NaN, or a stale marker (all rare).
        if (isStaleNaN(cur)) {
            --count;
            continue;
        }
        if (isCounter && cur < prev)
            resultValue += prev;
        prev = cur;
    }
    // The last sample is compared with its predecessor too.
    if (isCounter && last.v < prev)
        resultValue += prev;

    double durationToStart = static_cast<double>(first.t - rangeStartMs) / 1000;
    double durationToEnd = static_cast<double>(rangeEndMs - last.t) / 1000;
    const double sampledInterval = static_cast<double>(last.t - first.t) / 1000;
    const double averageDurationBetweenSamples = sampledInterval / static_cast<double>(count - 1);
    const double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    double extrapolateToInterval = sampledInterval;

    if (compat == PromCompat::V2_42) {
        if (isCounter && resultValue > 0 && first.v >= 0) {
            // Counters cannot be negative: do not extrapolate past the point
            // where the counter would have been zero.
            const double durationToZero = sampledInterval * (first.v / resultValue);
            if (durationToZero < durationToStart)
                durationToStart = durationToZero;
        }
        if (durationToStart < extrapolationThreshold)
            extrapolateToInterval += durationToStart;
        else
            extrapolateToInterval += averageDurationBetweenSamples / 2;
        if (durationToEnd < extrapolationThreshold)
            extrapolateToInterval += durationToEnd;
        else
            extrapolateToInterval += averageDurationBetweenSamples / 2;
    } else {
        if (durationToStart >= extrapolationThreshold)
            durationToStart = averageDurationBetweenSamples / 2;
        if (isCounter && resultValue > 0 && first.v >= 0) {
            const double durationToZero = sampledInterval * (first.v / resultValue);
            if (durationToZero < durationToStart)
                durationToStart = durationToZero;
        }
        extrapolateToInterval += durationToStart;
        if (durationToEnd >= extrapolationThreshold)
            durationToEnd = averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd;
    }

    double factor = extrapolateToInterval / sampledInterval;
    if (isRate)
        factor /= goDurationSeconds(rangeEndMs - rangeStartMs);
    resultValue *= factor;
    return resultValue;
}

std::optional<double> instantValue(std::span<const Point> samples, bool isRate)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi - tr.lo < 2)
        return std::nullopt;
    const Point lastSample = samples[tr.hi - 1];
    std::size_t j = tr.hi - 2;
    while (isStaleNaN(samples[j].v)) // terminates at tr.lo, which is not stale
        --j;
    const Point previousSample = samples[j];

    double resultValue;
    if (isRate && lastSample.v < previousSample.v)
        resultValue = lastSample.v; // counter reset
    else
        resultValue = lastSample.v - previousSample.v;

    const int64_t sampledInterval = lastSample.t - previousSample.t;
    if (sampledInterval == 0)
        return std::nullopt;
    if (isRate)
        resultValue /= static_cast<double>(sampledInterval) / 1000;
    return resultValue;
}

std::optional<double> resets(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    int64_t n = 0;
    double prev = samples[tr.lo].v;
    forEachValue(samples.subspan(tr.lo + 1, tr.hi - tr.lo - 1), [&](double cur) {
        if (cur < prev)
            ++n;
        prev = cur;
    });
    return static_cast<double>(n);
}

std::optional<double> changes(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    int64_t n = 0;
    double prev = samples[tr.lo].v;
    forEachValue(samples.subspan(tr.lo + 1, tr.hi - tr.lo - 1), [&](double cur) {
        if (cur != prev && !(std::isnan(cur) && std::isnan(prev)))
            ++n;
        prev = cur;
    });
    return static_cast<double>(n);
}

std::optional<double> avgOverTime(std::span<const Point> samples, PromCompat compat)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    const auto values = samples.subspan(tr.lo, tr.hi - tr.lo);

    if (compat == PromCompat::V2_42) {
        // Incremental mean, Kahan-compensated, with the Inf guards of 2.42.
        double mean = 0, count = 0, c = 0;
        forEachValue(values, [&](double v) {
            count++;
            if (std::isinf(mean)) {
                if (std::isinf(v) && (mean > 0) == (v > 0))
                    return; // same-sign infinities: mean is already right
                if (!std::isinf(v) && !std::isnan(v))
                    return; // an infinite mean absorbs finite values
            }
            kahanSumInc(v / count - mean / count, mean, c);
        });
        if (std::isinf(mean))
            return mean;
        return mean + c;
    }

    // 3.x: Kahan sum divided at the end; incremental mean only after the sum
    // overflowed.
    double sum = values[0].v, count = 1, mean = 0, kahanC = 0;
    bool incrementalMean = false;
    forEachValue(values.subspan(1), [&](double v) {
        count++;
        if (!incrementalMean) {
            double newSum = sum, newC = kahanC;
            kahanSumIncV3(v, newSum, newC);
            if (!std::isinf(newSum)) {
                sum = newSum;
                kahanC = newC;
                return;
            }
            incrementalMean = true;
            mean = sum / (count - 1);
            kahanC /= count - 1;
        }
        const double q = (count - 1) / count;
        double m = q * mean, cc = q * kahanC;
        kahanSumIncV3(v / count, m, cc);
        mean = m;
        kahanC = cc;
    });
    if (incrementalMean)
        return mean + kahanC;
    return sum / count + kahanC / count;
}

std::optional<double> sumOverTime(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    double sum = 0, c = 0;
    forEachValue(samples.subspan(tr.lo, tr.hi - tr.lo), [&](double v) { kahanSumInc(v, sum, c); });
    if (std::isinf(sum))
        return sum;
    return sum + c;
}

std::optional<double> minOverTime(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    double m = samples[tr.lo].v;
    forEachValue(samples.subspan(tr.lo, tr.hi - tr.lo), [&](double v) {
        if (v < m || std::isnan(m))
            m = v;
    });
    return m;
}

std::optional<double> maxOverTime(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    double m = samples[tr.lo].v;
    forEachValue(samples.subspan(tr.lo, tr.hi - tr.lo), [&](double v) {
        if (v > m || std::isnan(m))
            m = v;
    });
    return m;
}

std::optional<double> countOverTime(std::span<const Point> samples)
{
    const std::size_t n = countValues(samples);
    if (n == 0)
        return std::nullopt;
    return static_cast<double>(n);
}

std::optional<double> lastOverTime(std::span<const Point> samples)
{
    const Trimmed tr = trimStale(samples);
    if (tr.hi == tr.lo)
        return std::nullopt;
    return samples[tr.hi - 1].v;
}

namespace {
/// Welford's algorithm with Kahan-compensated mean and sum of squares, as in
/// Prometheus' funcStddevOverTime/funcStdvarOverTime. Returns the variance.
std::optional<double> stdvar(std::span<const Point> samples)
{
    double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
    forEachValue(samples, [&](double v) {
        count++;
        const double d = v - (mean + cMean);
        kahanSumInc(d / count, mean, cMean);
        kahanSumInc(d * (v - (mean + cMean)), aux, cAux);
    });
    if (count == 0)
        return std::nullopt;
    return (aux + cAux) / count;
}
} // namespace

std::optional<double> stddevOverTime(std::span<const Point> samples)
{
    const auto var = stdvar(samples);
    if (!var)
        return std::nullopt;
    return std::sqrt(*var);
}

std::optional<double> stdvarOverTime(std::span<const Point> samples)
{
    return stdvar(samples);
}

std::optional<double> quantileOverTime(double q, std::span<const Point> samples, std::vector<double> &scratch)
{
    scratch.clear();
    forEachValue(samples, [&](double v) { scratch.push_back(v); });
    if (scratch.empty())
        return std::nullopt;
    if (std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    // Go's vectorByValueHeap orders NaN before every number.
    std::sort(scratch.begin(), scratch.end(), [](double a, double b) {
        if (std::isnan(a))
            return !std::isnan(b);
        if (std::isnan(b))
            return false;
        return a < b;
    });
    const double n = static_cast<double>(scratch.size());
    const double rank = q * (n - 1);
    const double lowerIndex = std::max(0.0, std::floor(rank));
    const double upperIndex = std::min(n - 1, lowerIndex + 1);
    const double weight = rank - std::floor(rank);
    return scratch[static_cast<std::size_t>(lowerIndex)] * (1 - weight)
        + scratch[static_cast<std::size_t>(upperIndex)] * weight;
}

} // namespace mw
