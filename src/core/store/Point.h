#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace mw {

/// One float sample of a time series: a timestamp in milliseconds since the
/// Unix epoch and a value. The unit every layer shares (store, query, plot).
struct Point
{
    int64_t t = 0;
    double v = 0.0;

    friend bool operator==(const Point &, const Point &) = default;
};

/// Prometheus' staleness marker: a signalling-free NaN with a fixed bit
/// pattern (value.StaleNaN = 0x7ff0000000000002). A series that disappears
/// from a scrape gets one of these; queries treat it as "no value from here on".
inline constexpr uint64_t kStaleNaNBits = 0x7ff0000000000002ULL;

inline double staleNaN() noexcept { return std::bit_cast<double>(kStaleNaNBits); }
inline bool isStaleNaN(double v) noexcept { return std::bit_cast<uint64_t>(v) == kStaleNaNBits; }

} // namespace mw
