#include "Humanize.h"

#include "promql/PromqlText.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>

namespace mw::alerting {

namespace {

constexpr std::array<const char *, 8> kBig{"k", "M", "G", "T", "P", "E", "Z", "Y"};
constexpr std::array<const char *, 8> kSmall{"m", "u", "n", "p", "f", "a", "z", "y"};
constexpr std::array<const char *, 8> kBinary{"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

std::string withSuffix(double v, const char *suffix)
{
    return formatG4(v) + suffix;
}

/// Scales |v| < 1 up by thousands, as the "m", "u", ... branch of humanize does.
std::string smallPrefixed(double v, const char *unit)
{
    const char *prefix = "";
    for (const char *p : kSmall) {
        if (std::fabs(v) >= 1)
            break;
        prefix = p;
        v *= 1000;
    }
    return formatG4(v) + prefix + unit;
}

} // namespace

std::string formatG4(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string formatGoFloat(double v)
{
    return promql::text::formatFloat(v);
}

std::string humanize(double v)
{
    if (v == 0 || std::isnan(v) || std::isinf(v))
        return formatG4(v);
    if (std::fabs(v) >= 1) {
        const char *prefix = "";
        for (const char *p : kBig) {
            if (std::fabs(v) < 1000)
                break;
            prefix = p;
            v /= 1000;
        }
        return withSuffix(v, prefix);
    }
    return smallPrefixed(v, "");
}

std::string humanize1024(double v)
{
    if (std::fabs(v) <= 1 || std::isnan(v) || std::isinf(v))
        return formatG4(v);
    const char *prefix = "";
    for (const char *p : kBinary) {
        if (std::fabs(v) < 1024)
            break;
        prefix = p;
        v /= 1024;
    }
    return withSuffix(v, prefix);
}

std::string humanizeDuration(double v)
{
    if (std::isnan(v) || std::isinf(v))
        return formatG4(v);
    if (v == 0)
        return withSuffix(v, "s");
    if (std::fabs(v) >= 1) {
        const char *sign = "";
        if (v < 0) {
            sign = "-";
            v = -v;
        }
        // Go converts with int64(v); beyond int64 that is undefined in C++,
        // and such a duration is nonsense anyway: clamp.
        const int64_t duration = v >= 9.2e18 ? INT64_C(9200000000000000000) : static_cast<int64_t>(v);
        const long long seconds = duration % 60;
        const long long minutes = (duration / 60) % 60;
        const long long hours = (duration / 60 / 60) % 24;
        const long long days = duration / 60 / 60 / 24;
        char buf[128];
        if (days != 0)
            std::snprintf(buf, sizeof buf, "%s%lldd %lldh %lldm %llds", sign, days, hours, minutes, seconds);
        else if (hours != 0)
            std::snprintf(buf, sizeof buf, "%s%lldh %lldm %llds", sign, hours, minutes, seconds);
        else if (minutes != 0)
            std::snprintf(buf, sizeof buf, "%s%lldm %llds", sign, minutes, seconds);
        else
            return std::string(sign) + withSuffix(v, "s");
        return buf;
    }
    return smallPrefixed(v, "s");
}

std::string humanizePercentage(double ratio)
{
    return withSuffix(ratio * 100, "%");
}

} // namespace mw::alerting
