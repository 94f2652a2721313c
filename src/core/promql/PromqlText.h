#pragma once

// Text conventions PromQL inherits from Go: how Prometheus quotes strings and
// runes in messages and String() output (%q, %#U), prints floats (%v, %f),
// and reads and prints durations (prometheus/common model.Duration).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mw::promql::text {

constexpr char32_t kRuneError = 0xFFFD;

/// Go's utf8.DecodeRuneInString: the rune at `pos` and its width in bytes;
/// (kRuneError, 1) for an invalid byte, (kRuneError, 0) at the end.
std::pair<char32_t, uint32_t> decodeRune(std::string_view s, std::size_t pos);

/// Appends the UTF-8 encoding of `r` (which must be a valid code point).
void appendUtf8(std::string &out, char32_t r);

/// Go's strconv.Quote (fmt %q of a string): double-quoted, escapes as Go writes them.
std::string quote(std::string_view s);
/// fmt %.Nq: the first `maxRunes` runes of `s`, quoted.
std::string quotePrefix(std::string_view s, std::size_t maxRunes);
/// fmt %q of a rune: 'x', '\n', '\x00'.
std::string quoteRune(char32_t r);
/// fmt %#U of a rune: U+0071 'q' (without the quoted form if not printable).
std::string unicodeDesc(char32_t r);

/// fmt %v of a float64 (strconv 'g', shortest): 1, 0.5, 1e+06, +Inf, NaN.
std::string formatFloat(double v);
/// fmt %f of a float64: 1.500000, +Inf.
std::string formatFixed(double v);

/// model.ParseDuration: "1h30m", "5m", "1ms", "0". Fails with Prometheus' message.
struct DurationResult
{
    int64_t ms = 0;
    std::string error; ///< empty on success
};
DurationResult parseDuration(std::string_view s);
/// model.Duration.String() of a non-negative duration: "1h30m", "0s".
std::string formatDuration(int64_t ms);

/// A valid label name: [a-zA-Z_][a-zA-Z0-9_]*.
bool isLabelName(std::string_view s);

} // namespace mw::promql::text
