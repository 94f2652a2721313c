#pragma once

#include <cstdint>

namespace mw {

/// Which Prometheus release's floating-point arithmetic the query functions
/// reproduce where releases differ. The default everywhere is V2_42, the
/// Prometheus that Debian 12 ships and that our integration tests run against.
///
/// Everything else (irate/idelta, resets, changes, sum/min/max/count/last,
/// stddev/stdvar, quantile_over_time, bucket interpolation) has the same
/// float arithmetic in 2.42 and 3.x for finite inputs (3.x's kahanSumInc
/// differs only once a sum is infinite; we use 2.42's outside avg V3). Differences that are selectable:
///  * extrapolatedRate (rate/increase/delta): 2.42 caps the start
///    extrapolation at the counter's zero point *before* the 1.1x threshold
///    test, so a zero point inside the threshold is extrapolated to in full;
///    3.x first replaces a too-long start gap by half an average interval and
///    then caps that at the zero point (2.x zero-cutoff test: 0.65/0.7; 3.x: 0.6).
///  * avg_over_time: 2.42 uses an incremental (Kahan-compensated) mean for
///    every sample; 3.x sums with Kahan compensation and divides at the end,
///    switching to the incremental mean only when the sum overflows, and its
///    kahanSumInc resets the compensation when the sum becomes infinite
///    (3.x: avg_over_time(1 2 3 4 Inf) = Inf; 2.42 arithmetic gives Inf
///    there too, by its own Inf guards).
///  * histogram_quantile (classic buckets): 2.42 runs a plain monotonic
///    envelope (ensureMonotonic); 3.x runs ensureMonotonicAndIgnoreSmallDeltas,
///    which also snaps counts whose relative difference to the previous
///    bucket is below 1e-12 (util/almost.Equal) to the previous count.
enum class PromCompat : uint8_t {
    V2_42,
    V3,
};

} // namespace mw
