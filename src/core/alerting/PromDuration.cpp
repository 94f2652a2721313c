#include "PromDuration.h"

#include <array>
#include <limits>

namespace mw::alerting {

namespace {

struct UnitSpec
{
    std::string_view suffix;
    int64_t ms;
};

// Largest first: the order rule files must use, and the order of formatting.
constexpr std::array<UnitSpec, 7> kUnits{{
    {"y", 365LL * 24 * 3600 * 1000},
    {"w", 7LL * 24 * 3600 * 1000},
    {"d", 24LL * 3600 * 1000},
    {"h", 3600LL * 1000},
    {"m", 60LL * 1000},
    {"s", 1000},
    {"ms", 1},
}};

} // namespace

std::optional<int64_t> parsePromDuration(std::string_view text)
{
    if (text == "0")
        return 0;
    if (text.empty())
        return std::nullopt;
    int64_t total = 0;
    std::size_t pos = 0;
    std::size_t nextUnit = 0;
    while (pos < text.size()) {
        int64_t number = 0;
        const std::size_t digitsStart = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (number > (std::numeric_limits<int64_t>::max() - 9) / 10)
                return std::nullopt;
            number = number * 10 + (text[pos] - '0');
            ++pos;
        }
        if (pos == digitsStart)
            return std::nullopt;
        // "m" and "ms" share a prefix: try the longer suffix first.
        std::size_t matched = kUnits.size();
        for (std::size_t u = nextUnit; u < kUnits.size(); ++u) {
            const std::string_view s = kUnits[u].suffix;
            if (text.substr(pos, s.size()) != s)
                continue;
            if (s == "m" && text.substr(pos, 2) == "ms")
                continue;
            matched = u;
            break;
        }
        if (matched == kUnits.size())
            return std::nullopt;
        pos += kUnits[matched].suffix.size();
        nextUnit = matched + 1;
        const int64_t unitMs = kUnits[matched].ms;
        if (number > std::numeric_limits<int64_t>::max() / unitMs)
            return std::nullopt;
        const int64_t part = number * unitMs;
        if (total > std::numeric_limits<int64_t>::max() - part)
            return std::nullopt;
        total += part;
    }
    return total;
}

std::string formatPromDuration(int64_t ms)
{
    if (ms == 0)
        return "0s";
    std::string out;
    // Negative durations do not occur in valid rules; print them, signed, anyway.
    uint64_t rest = ms < 0 ? uint64_t(0) - uint64_t(ms) : uint64_t(ms);
    if (ms < 0)
        out += '-';
    for (const UnitSpec &u : kUnits) {
        const uint64_t n = rest / uint64_t(u.ms);
        if (n == 0)
            continue;
        out += std::to_string(n);
        out += u.suffix;
        rest -= n * uint64_t(u.ms);
    }
    return out;
}

} // namespace mw::alerting
