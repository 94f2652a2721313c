#pragma once

// Time axis ticks at round local-time instants (…, 15 s, 1 min, 5 min, 1 h,
// 6 h, 1 day, 1 month, 1 year, …) with labels whose format follows the step:
// "HH:mm:ss.zzz", "HH:mm:ss", "HH:mm" (a date at midnight), "MMM d", "MMM"
// ("yyyy" in January), "yyyy". QtCore only; the time zone and locale are
// parameters so tests are deterministic.

#include "TimeRange.h"

#include <QLocale>
#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <vector>

namespace mw {

struct TimeTick
{
    int64_t t = 0;
    QString label;
};

struct TimeTicks
{
    static constexpr int64_t kSecond = 1000;
    static constexpr int64_t kMinute = 60 * kSecond;
    static constexpr int64_t kHour = 60 * kMinute;
    static constexpr int64_t kDay = 24 * kHour;
    static constexpr int64_t kMonth = 30 * kDay; ///< nominal, for step choice
    static constexpr int64_t kYear = 365 * kDay; ///< nominal, for step choice

    int64_t step = kSecond; ///< nominal step (kMonth/kYear multiples are calendar steps)
    std::vector<TimeTick> ticks;

    /// The smallest candidate step giving at most `maxTicks` ticks over `span`.
    static int64_t chooseStep(int64_t span, int maxTicks);
    /// Ticks inside r, at most about `maxTicks` of them.
    static TimeTicks forRange(TimeRange r, int maxTicks, const QTimeZone &tz, const QLocale &locale);
    /// The label of the tick at t for `step` ("HH:mm", a date at midnight, …).
    static QString label(int64_t t, int64_t step, const QTimeZone &tz, const QLocale &locale);
    /// The full time of the hover box, precise enough for a range of `span`.
    static QString hoverLabel(int64_t t, int64_t span, const QTimeZone &tz, const QLocale &locale);
};

} // namespace mw
