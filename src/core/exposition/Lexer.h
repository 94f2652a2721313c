#pragma once

// Byte-level helpers shared by the Prometheus text and OpenMetrics parsers.
// Internal to src/core/exposition; everything here is allocation-free.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace mw::expo::lex {

enum CharClass : uint8_t {
    kNameStart = 1,  ///< [a-zA-Z_:]
    kNameChar = 2,   ///< [a-zA-Z0-9_:]
    kLabelStart = 4, ///< [a-zA-Z_]
    kLabelChar = 8,  ///< [a-zA-Z0-9_]
    kBlank = 16,     ///< space or tab
    kDigit = 32,     ///< [0-9]
    kLineEnd = 64,   ///< '\n' or '\r'
};

extern const uint8_t kCharClass[256];

inline bool is(char c, uint8_t cls) { return (kCharClass[static_cast<uint8_t>(c)] & cls) != 0; }

/// Length of the run of bytes of class `cls` starting at `p` (bounded by `end`).
inline const char *skipClass(const char *p, const char *end, uint8_t cls)
{
    while (p < end && is(*p, cls))
        ++p;
    return p;
}

inline const char *skipBlanks(const char *p, const char *end) { return skipClass(p, end, kBlank); }

/// First byte in [p, end) that is '"', '\\', '\n' or has the high bit set
/// (so non-ASCII text gets validated), or `end`. Eight bytes at a time.
const char *findQuoteBackslashNewlineOrHigh(const char *p, const char *end);

/// First '\n' in [p, end), or end.
inline const char *findNewline(const char *p, const char *end)
{
    const void *q = std::memchr(p, '\n', static_cast<size_t>(end - p));
    return q ? static_cast<const char *>(q) : end;
}

/// Validates one UTF-8 sequence starting at p (whose lead byte is >= 0x80).
/// Returns its length, or 0 when it is not well-formed (overlongs, surrogates
/// and code points above U+10FFFF are not).
size_t utf8SequenceLength(const char *p, const char *end);

/// Whole-buffer UTF-8 validation with an ASCII fast path.
bool isValidUtf8(std::string_view text);

/// Go's strconv.ParseFloat syntax as Prometheus uses it: decimal and exponent
/// forms, a leading sign, `.5`, `5.`, leading zeros, and Inf/Infinity/NaN in
/// any case (NaN unsigned). No hex, no underscores, no trailing bytes, and no
/// finite literal that overflows a double (Go reports ErrRange for `1e309`).
bool parseFloat(std::string_view token, double &out);

/// OpenMetrics' stricter number grammar: the same decimal forms, `+`/`-`
/// signs, and inf/infinity/nan in any case.
bool parseOpenMetricsFloat(std::string_view token, double &out);

/// Decimal int64 with an optional leading '-', no overflow.
bool parseInt64(std::string_view token, int64_t &out);

/// Number of code points in [begin, end): a column that an editor would show.
uint32_t countCodePoints(const char *begin, const char *end);

/// True when `name` is a legacy metric name [a-zA-Z_:][a-zA-Z0-9_:]*.
bool isLegacyMetricName(std::string_view name);
/// True when `name` is a legacy label name [a-zA-Z_][a-zA-Z0-9_]*.
bool isLegacyLabelName(std::string_view name);

} // namespace mw::expo::lex
