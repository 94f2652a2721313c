#include "TimeTicks.h"

#include <QCoreApplication>
#include <QDateTime>

#include <array>

namespace mw {
namespace {

constexpr std::array<int64_t, 35> kSteps = {
    1, 2, 5, 10, 20, 50, 100, 200, 500,
    TimeTicks::kSecond, 2 * TimeTicks::kSecond, 5 * TimeTicks::kSecond, 10 * TimeTicks::kSecond,
    15 * TimeTicks::kSecond, 30 * TimeTicks::kSecond,
    TimeTicks::kMinute, 2 * TimeTicks::kMinute, 5 * TimeTicks::kMinute, 10 * TimeTicks::kMinute,
    15 * TimeTicks::kMinute, 30 * TimeTicks::kMinute,
    TimeTicks::kHour, 2 * TimeTicks::kHour, 3 * TimeTicks::kHour, 6 * TimeTicks::kHour,
    12 * TimeTicks::kHour,
    TimeTicks::kDay, 2 * TimeTicks::kDay, 7 * TimeTicks::kDay,
    TimeTicks::kMonth, 3 * TimeTicks::kMonth, 6 * TimeTicks::kMonth,
    TimeTicks::kYear, 2 * TimeTicks::kYear, 5 * TimeTicks::kYear,
};

QString fmt(const char *format)
{
    // Formats go through the translator so a locale can reorder them.
    return QCoreApplication::translate("mw::TimeTicks", format);
}

int64_t floorDiv(int64_t a, int64_t b)
{
    const int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t offsetMs(int64_t t, const QTimeZone &tz)
{
    return static_cast<int64_t>(tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(t, QTimeZone::utc()))) * 1000;
}

/// Sub-day steps: multiples of the step in local wall-clock time.
void subDayTicks(TimeRange r, int64_t step, const QTimeZone &tz, std::vector<int64_t> &out)
{
    int64_t off = offsetMs(r.t0, tz);
    int64_t local = (floorDiv(r.t0 + off, step) + 1) * step;
    if (local - step - off >= r.t0)
        local -= step;
    for (int guard = 0; guard < 1000; ++guard, local += step) {
        off = offsetMs(local - off, tz);
        const int64_t t = local - off;
        if (t > r.t1)
            break;
        if (t >= r.t0 && (out.empty() || t > out.back()))
            out.push_back(t);
    }
}

/// Day, month and year steps: local midnights, calendar arithmetic.
void calendarTicks(TimeRange r, int64_t step, const QTimeZone &tz, std::vector<int64_t> &out)
{
    const QDate first = QDateTime::fromMSecsSinceEpoch(r.t0, tz).date();
    QDate d;
    int months = 0;
    int days = 0;
    if (step >= TimeTicks::kYear) {
        const int k = static_cast<int>(step / TimeTicks::kYear);
        d = QDate(first.year() - (first.year() % k + k) % k, 1, 1);
        months = 12 * k;
    } else if (step >= TimeTicks::kMonth) {
        const int k = static_cast<int>(step / TimeTicks::kMonth);
        const int m0 = first.month() - 1;
        d = QDate(first.year(), m0 - m0 % k + 1, 1);
        months = k;
    } else {
        days = static_cast<int>(step / TimeTicks::kDay);
        d = first;
        if (days == 7)
            d = d.addDays(1 - d.dayOfWeek()); // Mondays
        else if (days > 1)
            d = d.addDays(-(d.toJulianDay() % days));
    }
    for (int guard = 0; guard < 1000; ++guard) {
        const int64_t t = QDateTime(d, QTime(0, 0), tz).toMSecsSinceEpoch();
        if (t > r.t1)
            break;
        if (t >= r.t0 && (out.empty() || t > out.back()))
            out.push_back(t);
        d = months > 0 ? d.addMonths(months) : d.addDays(days);
    }
}

} // namespace

int64_t TimeTicks::chooseStep(int64_t span, int maxTicks)
{
    if (maxTicks < 1)
        maxTicks = 1;
    for (const int64_t s : kSteps) {
        if (span / s <= maxTicks - 1)
            return s;
    }
    int64_t s = kSteps.back();
    while (span / s > maxTicks - 1)
        s *= 2;
    return s;
}

TimeTicks TimeTicks::forRange(TimeRange r, int maxTicks, const QTimeZone &tz, const QLocale &locale)
{
    TimeTicks out;
    if (!r.isValid())
        return out;
    out.step = chooseStep(r.span(), maxTicks);
    std::vector<int64_t> times;
    if (out.step < kDay)
        subDayTicks(r, out.step, tz, times);
    else
        calendarTicks(r, out.step, tz, times);
    out.ticks.reserve(times.size());
    for (const int64_t t : times)
        out.ticks.push_back({t, label(t, out.step, tz, locale)});
    return out;
}

QString TimeTicks::label(int64_t t, int64_t step, const QTimeZone &tz, const QLocale &locale)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t, tz);
    const bool midnight = dt.time() == QTime(0, 0);
    if (step < kSecond)
        return locale.toString(dt, fmt("HH:mm:ss.zzz"));
    if (step < kMinute)
        return locale.toString(dt, fmt("HH:mm:ss"));
    if (step < kDay)
        return midnight ? locale.toString(dt, fmt("MMM d")) : locale.toString(dt, fmt("HH:mm"));
    if (step < kMonth)
        return locale.toString(dt, fmt("MMM d"));
    if (step < kYear)
        return dt.date().month() == 1 ? locale.toString(dt, fmt("yyyy")) : locale.toString(dt, fmt("MMM"));
    return locale.toString(dt, fmt("yyyy"));
}

QString TimeTicks::hoverLabel(int64_t t, int64_t span, const QTimeZone &tz, const QLocale &locale)
{
    const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t, tz);
    if (span < 10 * kSecond)
        return locale.toString(dt, fmt("yyyy-MM-dd HH:mm:ss.zzz"));
    return locale.toString(dt, fmt("yyyy-MM-dd HH:mm:ss"));
}

} // namespace mw
