#include "quality/FeedFields.h"

#include <fast_float/fast_float.h>

#include <cmath>

namespace mw::quality::feed {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::optional<double> fromChars(std::string_view text)
{
    double v = 0.0;
    const auto res = fast_float::from_chars(text.data(), text.data() + text.size(), v);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
        return std::nullopt;
    // A finite literal that overflows (1e999) is refused, as Go's ParseFloat
    // refuses it; only the words inf/infinity give an infinity.
    if (std::isinf(v) && text.find_first_of("nN") == std::string_view::npos)
        return std::nullopt;
    return v;
}

/// Digits at text[i..], at least `min`; advances i.
bool digits(std::string_view text, std::size_t &i, std::size_t min = 1)
{
    const std::size_t start = i;
    while (i < text.size() && isDigit(text[i]))
        ++i;
    return i - start >= min;
}

int twoDigits(std::string_view t, std::size_t at)
{
    return (t[at] - '0') * 10 + (t[at + 1] - '0');
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

std::optional<double> parseJsonNumber(std::string_view t)
{
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-')
        ++i;
    if (i < t.size() && t[i] == '0')
        ++i;
    else if (i >= t.size() || !digits(t, i))
        return std::nullopt;
    if (i < t.size() && t[i] == '.' && (++i, !digits(t, i)))
        return std::nullopt;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (!digits(t, i))
            return std::nullopt;
    }
    if (i != t.size())
        return std::nullopt;
    return fromChars(t);
}

std::optional<double> parseCsvNumber(std::string_view t)
{
    if (!t.empty() && t[0] == '+') {
        t.remove_prefix(1);
        if (!t.empty() && t[0] == '-')
            return std::nullopt;
    }
    if (t.empty() || t.find('(') != std::string_view::npos) // no "nan(payload)"
        return std::nullopt;
    return fromChars(t);
}

std::optional<int64_t> secondsToMs(double seconds)
{
    if (!std::isfinite(seconds) || std::fabs(seconds) >= 1e11)
        return std::nullopt;
    return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

std::optional<int64_t> parseRfc3339Ms(std::string_view t)
{
    // YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)
    if (t.size() < 20)
        return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
        if (!isDigit(t[i]))
            return std::nullopt;
    if (t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' || t[16] != ':')
        return std::nullopt;
    const int64_t year = twoDigits(t, 0) * 100 + twoDigits(t, 2);
    const int month = twoDigits(t, 5), day = twoDigits(t, 8);
    const int hour = twoDigits(t, 11), minute = twoDigits(t, 14), second = twoDigits(t, 17);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return std::nullopt;
    std::size_t i = 19;
    int64_t millis = 0;
    if (t[i] == '.') {
        const std::size_t start = ++i;
        if (!digits(t, i))
            return std::nullopt;
        for (std::size_t k = 0; k < 3; ++k)
            millis = millis * 10 + (start + k < i ? t[start + k] - '0' : 0);
    }
    int64_t offsetMin = 0;
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) {
        ++i;
    } else if (i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && isDigit(t[i + 1]) && isDigit(t[i + 2])
               && t[i + 3] == ':' && isDigit(t[i + 4]) && isDigit(t[i + 5])) {
        const int oh = twoDigits(t, i + 1), om = twoDigits(t, i + 4);
        if (oh > 23 || om > 59)
            return std::nullopt;
        offsetMin = (t[i] == '-' ? -1 : 1) * (oh * 60 + om);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != t.size())
        return std::nullopt;
    const int64_t secs = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMin * 60;
    return secs * 1000 + millis;
}

std::optional<LineError> validateRecord(const FeedRecord &r, bool hasTime)
{
    if (r.id.empty())
        return LineError{0, "record has no id"};
    if (!hasTime)
        return LineError{0, "record has no time"};
    if (!r.isPrediction() && !r.isLabel())
        return LineError{0, "record has neither a prediction (score, scores, predicted) nor a label (actual)"};
    return std::nullopt;
}

} // namespace mw::quality::feed
