#include "TimeRange.h"

#include <algorithm>
#include <cmath>

namespace mw {

TimeRange TimeRange::zoomed(int64_t anchor, double factor) const
{
    if (!isValid() || !(factor > 0) || !std::isfinite(factor))
        return *this;
    const double oldSpan = static_cast<double>(span());
    const double newSpan = std::max(static_cast<double>(kMinSpan), oldSpan * factor);
    const double rel = std::clamp(static_cast<double>(anchor - t0) / oldSpan, 0.0, 1.0);
    const auto left = static_cast<int64_t>(std::llround(newSpan * rel));
    const int64_t a = std::clamp(anchor, t0, t1);
    const int64_t n0 = a - left;
    return {n0, n0 + static_cast<int64_t>(std::llround(newSpan))};
}

} // namespace mw
