#pragma once

// histogram_quantile() for classic (le-bucket) histograms, with Prometheus'
// exact arithmetic (promql/quantile.go, bucketQuantile / BucketQuantile), plus
// the client-side helpers of model-servers.md Part C: `le` parsing and
// "local" quantiles and means from two consecutive scrapes.

#include "query/PromCompat.h"

#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace mw {

/// One cumulative bucket: observations <= upperBound.
struct Bucket
{
    double upperBound = 0.0;
    double count = 0.0;

    friend bool operator==(const Bucket &, const Bucket &) = default;
};

struct QuantileResult
{
    double value = 0.0;
    /// Bucket counts decreased somewhere and were clamped. Prometheus (2.49+)
    /// adds the info annotation "input to histogram_quantile needed to be
    /// fixed for monotonicity"; the UI should show the same hint.
    bool forcedMonotonicity = false;
    /// (PromCompat::V3 only) counts within a relative 1e-12 of their
    /// predecessor were snapped to it. Prometheus does this silently.
    bool fixedPrecision = false;
};

/// Prometheus' bucketQuantile:
///  1. q NaN -> NaN, q < 0 -> -Inf, q > 1 -> +Inf;
///  2. sort by upper bound; highest bound not +Inf -> NaN;
///  3. merge equal bounds by summing their counts;
///  4. fix monotonicity (see PromCompat);
///  5. fewer than 2 buckets or a zero total -> NaN;
///  6. rank = q * total; the first bucket (all but +Inf) with count >= rank:
///     none -> the largest finite bound; the first bucket with bound <= 0 ->
///     that bound; else linear interpolation, from 0 for the first bucket.
/// `buckets` is scratch: it is reordered and its counts are modified. No heap
/// allocation. Empty input or a NaN upper bound gives NaN (in Go a NaN bound
/// gives an unspecified sort order).
QuantileResult bucketQuantile(double q, std::span<Bucket> buckets, PromCompat compat = PromCompat::V2_42);

/// Parses a label value holding a float (`le`, `quantile`) with Prometheus'
/// float syntax (Go's strconv.ParseFloat, decimal only): optional sign,
/// digits with optional fraction and exponent, or `Inf`/`Infinity`/`NaN` in
/// any case (`NaN` unsigned). Rejects empty strings, surrounding spaces,
/// trailing garbage, hex and underscores, and finite literals that overflow
/// a double (Go returns ErrRange there and Prometheus skips the bucket).
std::optional<double> parsePromFloat(std::string_view text);

// --- Local quantiles from two scrapes (model-servers.md Part C) ------------

/// One scrape of one histogram series. Buckets need not be sorted; equal
/// bounds are merged. NaN sum/count/startTime mean "not exposed".
struct HistogramScrape
{
    std::span<const Bucket> buckets;
    double sum = std::numeric_limits<double>::quiet_NaN();
    double count = std::numeric_limits<double>::quiet_NaN();
    /// `_created` or `process_start_time_seconds`: a change means a restart.
    double startTime = std::numeric_limits<double>::quiet_NaN();
};

/// The whole histogram restarted between the scrapes: `_count` (or the +Inf
/// bucket) dropped, or the start time changed.
bool histogramRestarted(const HistogramScrape &prev, const HistogramScrape &cur);

/// Per-bucket increases between two scrapes into `out` (sorted by bound,
/// equal bounds merged). A bucket that dropped counts from zero (Δ = current
/// value, as irate's reset rule); after a restart, or when the bucket layouts
/// differ, every bucket's Δ is its current value. Returns whether the current
/// values were used for the whole histogram.
bool bucketIncreases(const HistogramScrape &prev, const HistogramScrape &cur, std::vector<Bucket> &out);

/// bucketQuantile over the per-bucket increases. Δcount = 0 (no observation
/// between the scrapes) gives NaN, meaning "no data" (never show 0).
/// The extrapolation factor of rate() cancels out of a quantile, so this is
/// histogram_quantile(q, rate(x_bucket[..])) for a window holding exactly
/// the two scrapes, apart from rate()'s per-bucket zero-point clamp.
QuantileResult localQuantile(double q, const HistogramScrape &prev, const HistogramScrape &cur,
                             std::vector<Bucket> &scratch, PromCompat compat = PromCompat::V2_42);

/// Δsum / Δcount between two scrapes (current values after a restart).
/// Δcount = 0 gives NaN ("no data").
double localMean(const HistogramScrape &prev, const HistogramScrape &cur);

} // namespace mw
