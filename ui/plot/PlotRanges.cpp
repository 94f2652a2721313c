#include "PlotRanges.h"

#include <algorithm>
#include <limits>

namespace mw::PlotRanges {

std::optional<TimeRange> dataExtent(const std::vector<PlotSeries> &series)
{
    int64_t lo = std::numeric_limits<int64_t>::max();
    int64_t hi = std::numeric_limits<int64_t>::min();
    for (const PlotSeries &s : series) {
        if (s.points && !s.points->empty()) {
            lo = std::min(lo, s.points->front().t);
            hi = std::max(hi, s.points->back().t);
        }
    }
    if (lo < hi)
        return TimeRange{lo, hi};
    if (lo == hi)
        return TimeRange{lo - 30'000, lo + 30'000};
    return std::nullopt;
}

NiceTicks::Range valueRange(const std::vector<ReducedSeries> &reduced, std::optional<double> fixedMin,
                            std::optional<double> fixedMax, int maxTicks)
{
    std::optional<double> lo, hi;
    for (const ReducedSeries &r : reduced) {
        if (const auto mn = r.visibleMin())
            lo = lo ? std::min(*lo, *mn) : *mn;
        if (const auto mx = r.visibleMax())
            hi = hi ? std::max(*hi, *mx) : *mx;
    }
    const double dataLo = fixedMin.value_or(lo.value_or(fixedMax ? *fixedMax - 1 : 0));
    const double dataHi = fixedMax.value_or(hi.value_or(dataLo + 1));
    NiceTicks::Range yr = NiceTicks::autoRange(std::min(dataLo, dataHi), std::max(dataLo, dataHi), maxTicks);
    if (fixedMin)
        yr.lo = *fixedMin;
    if (fixedMax)
        yr.hi = *fixedMax;
    if (!(yr.hi > yr.lo))
        yr.hi = yr.lo + 1;
    return yr;
}

} // namespace mw::PlotRanges
