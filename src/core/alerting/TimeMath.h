#pragma once

// Internal: millisecond arithmetic that saturates instead of overflowing.
// Times come from restored history and durations from people; a corrupt
// record or "snooze for 10^18 ms" must not be undefined behaviour.

#include <cstdint>
#include <limits>

namespace mw::alerting::detail {

inline int64_t addMs(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return r;
}

/// now − since, saturated.
inline int64_t elapsedMs(int64_t now, int64_t since)
{
    int64_t r = 0;
    if (__builtin_sub_overflow(now, since, &r))
        return since < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return r;
}

} // namespace mw::alerting::detail
