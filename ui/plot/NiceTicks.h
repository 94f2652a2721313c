#pragma once

// "Nice" value axis ticks (steps of 1, 2, 2.5 or 5 times a power of ten) and
// the auto range that extends the data to whole ticks. Plain maths, no Qt.

#include <vector>

namespace mw {

struct NiceTicks
{
    double step = 1;            ///< distance between ticks
    int decimals = 0;           ///< decimals that show every tick exactly
    std::vector<double> values; ///< ticks inside [lo, hi], ascending

    /// The nice step not smaller than `rough` (> 0): 1, 2, 2.5 or 5 x 10^k.
    static double niceStep(double rough);
    /// Decimals needed to print multiples of `step` exactly (0 for step >= 1).
    static int decimalsFor(double step);
    /// At most `maxTicks` (>= 2) nice ticks inside [lo, hi].
    static NiceTicks forRange(double lo, double hi, int maxTicks);

    struct Range
    {
        double lo = 0;
        double hi = 1;
    };
    /// [dataMin, dataMax] extended outwards to whole steps of the nice tick
    /// step for `maxTicks`; a flat or empty range is widened around its value
    /// (NaN or infinite input gives [0, 1]).
    static Range autoRange(double dataMin, double dataMax, int maxTicks);
};

} // namespace mw
