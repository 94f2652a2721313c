#pragma once

// PromQL's range-vector functions over float samples, with Prometheus' exact
// floating-point arithmetic (promql/functions.go). The operation order of the
// Go code is kept on purpose: reordering a sum changes its rounding, and users
// compare our numbers with Grafana's.
//
// Every function takes the samples the query engine already selected for one
// window (sorted by time; the engine decides whether the window is closed, as
// in 2.x, or left-open, as in 3.x). Stale markers (mw::staleNaN()) are never
// samples in Prometheus (the engine drops them when it builds a range vector);
// these functions skip them too, so callers may pass raw storage slices.
// Ordinary NaN values are samples and take part in the arithmetic as in Go.
//
// An empty std::optional means "no output sample", as when Prometheus drops
// the series from the result vector.

#include "query/PromCompat.h"
#include "store/Point.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace mw {

/// Prometheus' extrapolatedRate, used by rate() (isCounter, isRate),
/// increase() (isCounter) and delta() (neither).
///  * sum of deltas; for counters every drop adds the pre-drop value back;
///  * gaps to the window edges shorter than 1.1x the average sample interval
///    are extrapolated in full, longer ones by half an average interval;
///  * a counter is not extrapolated below zero at the start (durationToZero);
///  * rate divides by the window length (rangeEndMs - rangeStartMs) in seconds.
/// Fewer than 2 (non-stale) samples: no result.
std::optional<double> extrapolatedRate(std::span<const Point> samples, int64_t rangeStartMs,
                                       int64_t rangeEndMs, bool isCounter, bool isRate,
                                       PromCompat compat = PromCompat::V2_42);

inline std::optional<double> rate(std::span<const Point> samples, int64_t rangeStartMs,
                                  int64_t rangeEndMs, PromCompat compat = PromCompat::V2_42)
{
    return extrapolatedRate(samples, rangeStartMs, rangeEndMs, true, true, compat);
}
inline std::optional<double> increase(std::span<const Point> samples, int64_t rangeStartMs,
                                      int64_t rangeEndMs, PromCompat compat = PromCompat::V2_42)
{
    return extrapolatedRate(samples, rangeStartMs, rangeEndMs, true, false, compat);
}
inline std::optional<double> delta(std::span<const Point> samples, int64_t rangeStartMs,
                                   int64_t rangeEndMs, PromCompat compat = PromCompat::V2_42)
{
    return extrapolatedRate(samples, rangeStartMs, rangeEndMs, false, false, compat);
}

/// Prometheus' instantValue: the last two samples. irate (isRate): a drop is a
/// counter reset and the result is the last value; per second. idelta: plain
/// difference. Fewer than 2 samples or equal timestamps: no result.
std::optional<double> instantValue(std::span<const Point> samples, bool isRate);
inline std::optional<double> irate(std::span<const Point> samples) { return instantValue(samples, true); }
inline std::optional<double> idelta(std::span<const Point> samples) { return instantValue(samples, false); }

/// resets(): number of drops between consecutive samples. changes(): number of
/// value changes (NaN to NaN is no change). No samples: no result.
std::optional<double> resets(std::span<const Point> samples);
std::optional<double> changes(std::span<const Point> samples);

// *_over_time. No samples: no result.
std::optional<double> avgOverTime(std::span<const Point> samples, PromCompat compat = PromCompat::V2_42);
std::optional<double> sumOverTime(std::span<const Point> samples);
std::optional<double> minOverTime(std::span<const Point> samples);
std::optional<double> maxOverTime(std::span<const Point> samples);
std::optional<double> countOverTime(std::span<const Point> samples);
std::optional<double> lastOverTime(std::span<const Point> samples);
std::optional<double> stddevOverTime(std::span<const Point> samples);
std::optional<double> stdvarOverTime(std::span<const Point> samples);
/// quantile_over_time: NaN q gives NaN, q<0 -Inf, q>1 +Inf; otherwise linear
/// interpolation between the closest ranks (NaN values sort first, as in Go).
/// `scratch` is reused to avoid allocating per call.
std::optional<double> quantileOverTime(double q, std::span<const Point> samples, std::vector<double> &scratch);

/// Prometheus 2.42's kahanSumInc (Neumaier's variant): adds inc to sum, carrying
/// the lost low-order bits in c.
inline void kahanSumInc(double inc, double &sum, double &c) noexcept
{
    const double t = sum + inc;
    if (std::fabs(sum) >= std::fabs(inc))
        c += (sum - t) + inc;
    else
        c += (inc - t) + sum;
    sum = t;
}

/// The 3.x kahanSumInc: as above, but the compensation is reset to 0 when
/// the sum becomes infinite (so Inf + c never turns into NaN).
inline void kahanSumIncV3(double inc, double &sum, double &c) noexcept
{
    const double t = sum + inc;
    if (std::isinf(t))
        c = 0;
    else if (std::fabs(sum) >= std::fabs(inc))
        c += (sum - t) + inc;
    else
        c += (inc - t) + sum;
    sum = t;
}

} // namespace mw
