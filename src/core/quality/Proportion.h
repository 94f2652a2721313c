#pragma once

// A proportion (precision, recall, accuracy) with its Wilson score interval
// and a minimum-sample guard. Quality alerts run on few labels (ground truth
// arrives slowly), so a bare ratio is not enough: "precision 0.4" from five
// labels must not page anyone. Every proportion therefore knows its
// denominator, its 95 % interval and whether it has enough samples to act on.

#include <limits>

namespace mw::quality {

/// z for a two-sided 95 % interval (the normal quantile at 0.975).
inline constexpr double kZ95 = 1.959963984540054;

struct Interval
{
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();
};

/// Wilson score interval for `successes` out of `trials`:
///   centre = (p + z²/2n) / (1 + z²/n),
///   half   = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²).
/// Chosen over the normal ("Wald") interval because it stays inside [0, 1]
/// and does not collapse to zero width at p = 0 or p = 1, which is exactly
/// where quality alerts sit (no false positives yet, all wrong so far).
/// Counts may be fractional (increase() of counters extrapolates). trials <= 0,
/// NaN inputs, successes < 0 or successes > trials give {NaN, NaN}.
Interval wilsonInterval(double successes, double trials, double z = kZ95);

struct Proportion
{
    double successes = 0.0;
    double trials = 0.0;
    /// successes / trials; NaN when trials == 0 (see `defined`).
    double value = std::numeric_limits<double>::quiet_NaN();
    Interval interval;
    /// trials > 0. An undefined proportion is NaN, never silently 0 or 1.
    bool defined = false;
    /// trials >= the guard's minimum: an alert rule may act on `value`.
    bool enoughSamples = false;

    /// Builds value, interval and flags. `minSamples` is the guard (0 turns it
    /// off: then any defined proportion has enough samples).
    static Proportion of(double successes, double trials, double minSamples, double z = kZ95);
};

} // namespace mw::quality
