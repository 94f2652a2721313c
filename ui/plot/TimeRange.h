#pragma once

// A half-open-free time span [t0, t1] in ms since the epoch, with the zoom
// and pan arithmetic the plot's interaction uses. Plain value, no Qt.

#include <cstdint>

namespace mw {

struct TimeRange
{
    int64_t t0 = 0;
    int64_t t1 = 0;

    /// The smallest span zooming may reach.
    static constexpr int64_t kMinSpan = 10;

    int64_t span() const { return t1 - t0; }
    bool isValid() const { return t1 > t0; }

    /// Scales the span by `factor` (< 1 zooms in) keeping `anchor` at the same
    /// relative position; the span never drops below kMinSpan.
    TimeRange zoomed(int64_t anchor, double factor) const;
    /// Shifts the range by dt milliseconds.
    TimeRange panned(int64_t dt) const { return {t0 + dt, t1 + dt}; }

    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

} // namespace mw
