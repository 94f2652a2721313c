#include "PromqlText.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace mw::promql::text {

std::pair<char32_t, uint32_t> decodeRune(std::string_view s, std::size_t pos)
{
    if (pos >= s.size())
        return {kRuneError, 0};
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80)
        return {b0, 1};
    auto cont = [&](std::size_t i) -> int {
        if (pos + i >= s.size())
            return -1;
        const auto b = static_cast<unsigned char>(s[pos + i]);
        return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        const int c1 = cont(1);
        if (c1 < 0)
            return {kRuneError, 1};
        return {static_cast<char32_t>(((b0 & 0x1F) << 6) | c1), 2};
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const int c1 = cont(1);
        const int c2 = c1 < 0 ? -1 : cont(2);
        if (c2 < 0)
            return {kRuneError, 1};
        const auto r = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
        if (r < 0x800 || (r >= 0xD800 && r < 0xE000)) // overlong or surrogate
            return {kRuneError, 1};
        return {r, 3};
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const int c1 = cont(1);
        const int c2 = c1 < 0 ? -1 : cont(2);
        const int c3 = c2 < 0 ? -1 : cont(3);
        if (c3 < 0)
            return {kRuneError, 1};
        const auto r = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
        if (r < 0x10000 || r > 0x10FFFF)
            return {kRuneError, 1};
        return {r, 4};
    }
    return {kRuneError, 1};
}

void appendUtf8(std::string &out, char32_t r)
{
    if (r < 0x80) {
        out += static_cast<char>(r);
    } else if (r < 0x800) {
        out += static_cast<char>(0xC0 | (r >> 6));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += static_cast<char>(0xE0 | (r >> 12));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (r >> 18));
        out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (r & 0x3F));
    }
}

namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendHex(std::string &out, uint32_t v, int digits)
{
    for (int i = digits - 1; i >= 0; --i)
        out += kHex[(v >> (4 * i)) & 0xF];
}

// An approximation of Go's unicode.IsPrint good enough for round trips:
// ASCII graphic characters and space, and non-control code points above
// U+00A0. U+FFFD is escaped so that the text never reads as invalid UTF-8.
bool isPrint(char32_t r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7F;
    return r >= 0xA0 && r != 0xAD && r != 0x2028 && r != 0x2029 && r != kRuneError;
}

// Go's appendEscapedRune for one rune of a quoted string or rune literal.
void appendEscaped(std::string &out, char32_t r, char quoteChar)
{
    if (r == static_cast<char32_t>(quoteChar) || r == '\\') {
        out += '\\';
        out += static_cast<char>(r);
        return;
    }
    if (isPrint(r)) {
        appendUtf8(out, r);
        return;
    }
    switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
    }
    if (r < 0x20 || r == 0x7F) {
        out += "\\x";
        appendHex(out, r, 2);
    } else if (r < 0x10000) {
        out += "\\u";
        appendHex(out, r, 4);
    } else {
        out += "\\U";
        appendHex(out, r, 8);
    }
}

} // namespace

std::string quotePrefix(std::string_view s, std::size_t maxRunes)
{
    std::string out = "\"";
    std::size_t pos = 0;
    for (std::size_t n = 0; pos < s.size() && n < maxRunes; ++n) {
        const auto [r, w] = decodeRune(s, pos);
        if (r == kRuneError && w == 1) {
            out += "\\x";
            appendHex(out, static_cast<unsigned char>(s[pos]), 2);
        } else {
            appendEscaped(out, r, '"');
        }
        pos += w;
    }
    out += '"';
    return out;
}

std::string quote(std::string_view s)
{
    return quotePrefix(s, std::numeric_limits<std::size_t>::max());
}

std::string quoteRune(char32_t r)
{
    std::string out = "'";
    if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))
        r = kRuneError;
    if (r == kRuneError)
        appendUtf8(out, r); // Go prints the replacement character itself
    else
        appendEscaped(out, r, '\'');
    out += '\'';
    return out;
}

std::string unicodeDesc(char32_t r)
{
    std::string out = "U+";
    appendHex(out, r, r > 0xFFFF ? (r > 0xFFFFF ? 6 : 5) : 4);
    for (char &c : out)
        if (c >= 'a' && c <= 'f')
            c = static_cast<char>(c - 'a' + 'A');
    if (isPrint(r) || r == kRuneError) {
        out += " '";
        appendUtf8(out, r);
        out += '\'';
    }
    return out;
}

std::string formatFloat(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    if (v == 0)
        return std::signbit(v) ? "-0" : "0";
    // Shortest round-trip digits and decimal exponent, then Go's 'g' layout:
    // %e when the exponent is < -4 or >= 6 (shortest precision), else %f.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    const std::size_t ePos = sci.find('e');
    std::string digits;
    bool negative = false;
    for (std::size_t i = 0; i < ePos; ++i) {
        if (sci[i] == '-')
            negative = true;
        else if (sci[i] >= '0' && sci[i] <= '9')
            digits += sci[i];
    }
    int exp = 0;
    std::from_chars(sci.data() + ePos + 1 + (sci[ePos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp);
    std::string out = negative ? "-" : "";
    if (exp < -4 || exp >= 6) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1);
        }
        out += exp < 0 ? "e-" : "e+";
        const int a = exp < 0 ? -exp : exp;
        if (a < 10)
            out += '0';
        out += std::to_string(a);
        return out;
    }
    const int dp = exp + 1; // digits before the decimal point
    if (dp <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-dp), '0');
        out += digits;
    } else if (static_cast<std::size_t>(dp) >= digits.size()) {
        out += digits;
        out.append(static_cast<std::size_t>(dp) - digits.size(), '0');
    } else {
        out.append(digits, 0, static_cast<std::size_t>(dp));
        out += '.';
        out.append(digits, static_cast<std::size_t>(dp));
    }
    return out;
}

std::string formatFixed(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[400];
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    return std::string(buf, res.ptr);
}

DurationResult parseDuration(std::string_view s)
{
    DurationResult r;
    if (s == "0")
        return r;
    if (s.empty()) {
        r.error = "empty duration string";
        return r;
    }
    struct Unit
    {
        std::string_view name;
        int64_t ms;
    };
    static constexpr Unit kUnits[] = {{"y", 365LL * 24 * 3600 * 1000}, {"w", 7LL * 24 * 3600 * 1000},
                                      {"d", 24LL * 3600 * 1000},       {"h", 3600LL * 1000},
                                      {"m", 60LL * 1000},              {"s", 1000},
                                      {"ms", 1}};
    const std::string invalid = "not a valid duration string: " + quote(s);
    std::size_t pos = 0;
    std::size_t nextUnit = 0;
    int64_t totalNs = 0;
    bool overflow = false;
    while (pos < s.size()) {
        const std::size_t digitsStart = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
            ++pos;
        if (pos == digitsStart) {
            r.error = invalid;
            return r;
        }
        const std::string_view digits = s.substr(digitsStart, pos - digitsStart);
        // "ms" before "m": the regular expression Prometheus uses tries m then
        // s, and "5ms" can only match as milliseconds.
        std::size_t unit = nextUnit;
        for (; unit < std::size(kUnits); ++unit) {
            const std::string_view name = kUnits[unit].name;
            if (s.substr(pos, name.size()) != name)
                continue;
            if (name == "m" && s.substr(pos, 2) == "ms")
                continue;
            break;
        }
        if (unit == std::size(kUnits)) {
            r.error = invalid;
            return r;
        }
        pos += kUnits[unit].name.size();
        nextUnit = unit + 1;
        // Go: n > MaxInt64/mult/1ms is out of range, then the sum must stay positive.
        const int64_t limit = std::numeric_limits<int64_t>::max() / kUnits[unit].ms / 1'000'000;
        int64_t n = 0;
        for (char c : digits) {
            if (n > limit) {
                break;
            }
            n = n * 10 + (c - '0');
        }
        if (n > limit) {
            overflow = true;
            continue;
        }
        if (__builtin_add_overflow(totalNs, n * kUnits[unit].ms * 1'000'000, &totalNs))
            overflow = true;
    }
    if (overflow) {
        r.error = "duration out of range";
        return r;
    }
    r.ms = totalNs / 1'000'000;
    return r;
}

std::string formatDuration(int64_t ms)
{
    if (ms == 0)
        return "0s";
    std::string out;
    auto unit = [&](const char *name, int64_t mult, bool exact) {
        if (exact && ms % mult != 0)
            return;
        if (const int64_t v = ms / mult; v > 0) {
            out += std::to_string(v);
            out += name;
            ms -= v * mult;
        }
    };
    // Years and weeks only when exact, as in prometheus/common.
    unit("y", 365LL * 24 * 3600 * 1000, true);
    unit("w", 7LL * 24 * 3600 * 1000, true);
    unit("d", 24LL * 3600 * 1000, false);
    unit("h", 3600LL * 1000, false);
    unit("m", 60LL * 1000, false);
    unit("s", 1000, false);
    unit("ms", 1, false);
    return out;
}

bool isLabelName(std::string_view s)
{
    if (s.empty())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

} // namespace mw::promql::text
