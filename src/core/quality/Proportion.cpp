#include "quality/Proportion.h"

#include <cmath>

namespace mw::quality {

Interval wilsonInterval(double successes, double trials, double z)
{
    if (!(trials > 0.0) || !(successes >= 0.0) || successes > trials || !std::isfinite(trials) || !std::isfinite(z))
        return {};
    const double p = successes / trials;
    const double z2 = z * z;
    const double denom = 1.0 + z2 / trials;
    const double centre = (p + z2 / (2.0 * trials)) / denom;
    const double half = z / denom * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials));
    // Rounding can push the bounds a few ulps outside [0, 1] at p = 0 or 1.
    return {std::fmax(0.0, centre - half), std::fmin(1.0, centre + half)};
}

Proportion Proportion::of(double successes, double trials, double minSamples, double z)
{
    Proportion p;
    p.successes = successes;
    p.trials = trials;
    p.defined = trials > 0.0;
    if (p.defined) {
        p.value = successes / trials;
        p.interval = wilsonInterval(successes, trials, z);
    }
    p.enoughSamples = p.defined && trials >= minSamples;
    return p;
}

} // namespace mw::quality
