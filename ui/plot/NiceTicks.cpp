#include "NiceTicks.h"

#include <algorithm>
#include <cmath>

namespace mw {

double NiceTicks::niceStep(double rough)
{
    if (!(rough > 0) || !std::isfinite(rough))
        return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(rough)));
    const double f = rough / mag; // in [1, 10)
    // Small tolerance so 2.0000000001 (a rounding artefact) stays 2.
    constexpr double eps = 1e-9;
    double nice = 10;
    if (f <= 1 + eps)
        nice = 1;
    else if (f <= 2 + eps)
        nice = 2;
    else if (f <= 2.5 + eps)
        nice = 2.5;
    else if (f <= 5 + eps)
        nice = 5;
    return nice * mag;
}

int NiceTicks::decimalsFor(double step)
{
    if (!(step > 0) || !std::isfinite(step))
        return 0;
    // Smallest d with step * 10^d an integer (within rounding), at most 15.
    for (int d = 0; d < 15; ++d) {
        const double scaled = step * std::pow(10.0, d);
        if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled))
            return d;
    }
    return 15;
}

NiceTicks NiceTicks::forRange(double lo, double hi, int maxTicks)
{
    NiceTicks out;
    maxTicks = std::max(2, maxTicks);
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo))
        return out;
    out.step = niceStep((hi - lo) / (maxTicks - 1));
    // Guard against too many ticks from the rounding of the step.
    while ((hi - lo) / out.step > maxTicks - 1 + 1e-9)
        out.step = niceStep(out.step * 1.000001);
    out.decimals = decimalsFor(out.step);
    const double first = std::ceil(lo / out.step - 1e-9) * out.step;
    for (int i = 0;; ++i) {
        double v = first + i * out.step;
        if (v > hi + out.step * 1e-9)
            break;
        if (std::fabs(v) < out.step * 1e-9)
            v = 0; // no "-0" and no 1e-17
        out.values.push_back(v);
    }
    return out;
}

NiceTicks::Range NiceTicks::autoRange(double dataMin, double dataMax, int maxTicks)
{
    if (!std::isfinite(dataMin) || !std::isfinite(dataMax) || dataMax < dataMin)
        return {0, 1};
    if (dataMax == dataMin) {
        const double pad = dataMin == 0 ? 1 : std::fabs(dataMin) * 0.1;
        dataMin -= pad;
        dataMax += pad;
    }
    maxTicks = std::max(2, maxTicks);
    double step = niceStep((dataMax - dataMin) / (maxTicks - 1));
    for (int guard = 0; guard < 8; ++guard) {
        const double lo = std::floor(dataMin / step + 1e-9) * step;
        const double hi = std::ceil(dataMax / step - 1e-9) * step;
        if ((hi - lo) / step <= maxTicks - 1 + 1e-9)
            return {lo, hi};
        step = niceStep(step * 1.000001);
    }
    return {dataMin, dataMax};
}

} // namespace mw
