#include "Lexer.h"

#include <fast_float/fast_float.h>

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <bit>
#include <cmath>
#include <limits>

namespace mw::expo::lex {

namespace {

constexpr std::array<uint8_t, 256> makeTable()
{
    std::array<uint8_t, 256> t{};
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = kNameStart | kNameChar | kLabelStart | kLabelChar;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = kNameStart | kNameChar | kLabelStart | kLabelChar;
    for (int c = '0'; c <= '9'; ++c)
        t[c] = kNameChar | kLabelChar | kDigit;
    t['_'] = kNameStart | kNameChar | kLabelStart | kLabelChar;
    t[':'] = kNameStart | kNameChar;
    t[' '] = kBlank;
    t['\t'] = kBlank;
    t['\n'] = kLineEnd;
    t['\r'] = kLineEnd;
    return t;
}

constexpr std::array<uint8_t, 256> kTable = makeTable();

inline uint64_t load64(const char *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// Bytes of `v` equal to `c` get their high bit set (exact: no false positives).
inline uint64_t bytesEqual(uint64_t v, uint8_t c)
{
    const uint64_t x = v ^ (kOnes * c);
    return ~(((x & ~kHighs) + ~kHighs) | x | ~kHighs);
}

bool caseEquals(std::string_view a, std::string_view lowerB)
{
    if (a.size() != lowerB.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != lowerB[i])
            return false;
    }
    return true;
}

// Decimal forms only: digits, one '.', an exponent. fast_float does the
// conversion (correctly rounded); this decides what is acceptable.
bool parseDecimal(std::string_view t, double &out)
{
    if (t.empty())
        return false;
    const char c0 = t.front();
    if (!(is(c0, kDigit) || c0 == '.' || c0 == '-'))
        return false;
    const auto r = fast_float::from_chars(t.data(), t.data() + t.size(), out);
    return r.ec == std::errc() && r.ptr == t.data() + t.size();
}

} // namespace

const uint8_t kCharClass[256] = {
#define MW_ROW(i) kTable[i], kTable[i + 1], kTable[i + 2], kTable[i + 3], kTable[i + 4], kTable[i + 5], kTable[i + 6], kTable[i + 7]
    MW_ROW(0),   MW_ROW(8),   MW_ROW(16),  MW_ROW(24),  MW_ROW(32),  MW_ROW(40),  MW_ROW(48),  MW_ROW(56),
    MW_ROW(64),  MW_ROW(72),  MW_ROW(80),  MW_ROW(88),  MW_ROW(96),  MW_ROW(104), MW_ROW(112), MW_ROW(120),
    MW_ROW(128), MW_ROW(136), MW_ROW(144), MW_ROW(152), MW_ROW(160), MW_ROW(168), MW_ROW(176), MW_ROW(184),
    MW_ROW(192), MW_ROW(200), MW_ROW(208), MW_ROW(216), MW_ROW(224), MW_ROW(232), MW_ROW(240), MW_ROW(248),
#undef MW_ROW
};

const char *findQuoteBackslashNewlineOrHigh(const char *p, const char *end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i newline = _mm_set1_epi8('\n');
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                         _mm_cmpeq_epi8(v, newline));
        // movemask takes each byte's high bit: the hits, and non-ASCII bytes.
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(hit, v)));
        if (mask)
            return p + std::countr_zero(mask);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        const uint64_t v = load64(p);
        const uint64_t hit = bytesEqual(v, '"') | bytesEqual(v, '\\') | bytesEqual(v, '\n') | (v & kHighs);
        if (hit)
            return p + (std::countr_zero(hit) >> 3);
        p += 8;
    }
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c == '\n' || c >= 0x80)
            return p;
        ++p;
    }
    return end;
}

size_t utf8SequenceLength(const char *p, const char *end)
{
    const auto *s = reinterpret_cast<const unsigned char *>(p);
    const size_t avail = static_cast<size_t>(end - p);
    const unsigned char c = s[0];
    auto cont = [&](size_t i) { return i < avail && (s[i] & 0xC0) == 0x80; };
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; // overlong
        if (c == 0xED && s[1] >= 0xA0)
            return 0; // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; // overlong
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

bool isValidUtf8(std::string_view text)
{
    const char *p = text.data();
    const char *end = p + text.size();
    while (p < end) {
        while (end - p >= 8 && (load64(p) & kHighs) == 0)
            p += 8;
        if (p >= end)
            break;
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        const size_t n = utf8SequenceLength(p, end);
        if (n == 0)
            return false;
        p += n;
    }
    return true;
}

bool parseFloat(std::string_view t, double &out)
{
    if (t.empty())
        return false;
    bool negative = false;
    std::string_view body = t;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
        if (body.empty())
            return false;
    }
    const char c = body.front();
    if (c == 'i' || c == 'I') {
        if (!caseEquals(body, "inf") && !caseEquals(body, "infinity"))
            return false;
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (c == 'n' || c == 'N') {
        // Go's ParseFloat takes no sign before NaN.
        if (body.size() != t.size() || !caseEquals(body, "nan"))
            return false;
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (!is(c, kDigit) && c != '.')
        return false;
    if (body.size() <= 15) {
        // Fast path: up to 15 digits are exactly representable.
        uint64_t n = 0;
        size_t i = 0;
        for (; i < body.size() && is(body[i], kDigit); ++i)
            n = n * 10 + static_cast<uint64_t>(body[i] - '0');
        if (i == body.size()) {
            out = negative ? -static_cast<double>(n) : static_cast<double>(n);
            return true;
        }
    }
    if (!parseDecimal(body, out) || std::isinf(out))
        return false; // a finite literal out of range: Go's ErrRange, which Prometheus refuses
    if (negative)
        out = -out;
    return true;
}

bool parseOpenMetricsFloat(std::string_view t, double &out)
{
    // OpenMetrics: realnumber = [sign] (digits ["." [digits]] | "." digits) [exponent]
    // | [sign] inf | [sign] infinity | nan, case-insensitively; a sign on NaN is
    // not part of the grammar.
    return parseFloat(t, out);
}

bool parseInt64(std::string_view t, int64_t &out)
{
    if (t.empty())
        return false;
    bool negative = false;
    size_t i = 0;
    if (t[0] == '-') {
        negative = true;
        i = 1;
        if (t.size() == 1)
            return false;
    }
    uint64_t acc = 0;
    const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c < '0' || c > '9')
            return false;
        const uint64_t d = static_cast<uint64_t>(c - '0');
        if (acc > (limit - d) / 10)
            return false;
        acc = acc * 10 + d;
    }
    out = negative ? static_cast<int64_t>(~acc + 1) : static_cast<int64_t>(acc);
    return true;
}

uint32_t countCodePoints(const char *begin, const char *end)
{
    uint32_t n = 0;
    for (const char *p = begin; p < end; ++p)
        n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
    return n;
}

bool isLegacyMetricName(std::string_view name)
{
    if (name.empty() || !is(name.front(), kNameStart))
        return false;
    for (char c : name.substr(1))
        if (!is(c, kNameChar))
            return false;
    return true;
}

bool isLegacyLabelName(std::string_view name)
{
    if (name.empty() || !is(name.front(), kLabelStart))
        return false;
    for (char c : name.substr(1))
        if (!is(c, kLabelChar))
            return false;
    return true;
}

} // namespace mw::expo::lex
