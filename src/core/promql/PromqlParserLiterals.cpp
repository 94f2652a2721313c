// The parser's literals: numbers as Go's strconv reads them (p.number),
// strings as strutil.Unquote resolves them, durations as model.ParseDuration.

#include "PromqlParser.h"
#include "PromqlText.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <optional>

namespace mw::promql {

namespace {

std::optional<int64_t> parseGoInt(std::string_view s)
{
    int base = 10;
    if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        s.remove_prefix(1);
    }
    if (s.empty())
        return std::nullopt;
    int64_t v = 0;
    for (char c : s) {
        int d = 0;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return std::nullopt;
        if (d >= base || __builtin_mul_overflow(v, base, &v) || __builtin_add_overflow(v, d, &v))
            return std::nullopt;
    }
    return v;
}

} // namespace

double Parser::number(const Token &t)
{
    // p.number(): strconv.ParseInt(s, 0, 64) (so 0x1f and 0755 are integers),
    // else strconv.ParseFloat.
    const std::string_view s = t.text;
    if (const std::optional<int64_t> i = parseGoInt(s))
        return static_cast<double>(*i);
    const bool hex = s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    double v = 0;
    const auto res = fast_float::from_chars(s.data(), s.data() + s.size(), v);
    if (hex || res.ptr != s.data() + s.size()) {
        semanticError(t.pos, "error parsing number: strconv.ParseFloat: parsing " + text::quote(s) + ": invalid syntax");
        return 0;
    }
    const bool infText = s.size() >= 3 && (s[0] == 'i' || s[0] == 'I');
    if (std::isinf(v) && !infText)
        semanticError(t.pos, "error parsing number: strconv.ParseFloat: parsing " + text::quote(s)
                                 + ": value out of range");
    return v;
}

std::string Parser::unquote(const Token &t)
{
    // strutil.Unquote over text the lexer has already validated.
    const std::string_view s = t.text;
    const char q = s.front();
    const std::string_view body = s.substr(1, s.size() - 2);
    if (q == '`')
        return std::string(body);
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size();) {
        if (body[i] != '\\') {
            out += body[i++];
            continue;
        }
        const char c = body[i + 1];
        i += 2;
        auto hexValue = [&](std::size_t digits) {
            uint32_t v = 0;
            for (std::size_t k = 0; k < digits; ++k, ++i) {
                const char h = body[i];
                v = v * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            return v;
        };
        switch (c) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x': out += static_cast<char>(hexValue(2)); break; // a byte, as in Go
        case 'u': text::appendUtf8(out, hexValue(4)); break;
        case 'U': text::appendUtf8(out, hexValue(8)); break;
        default:
            if (c >= '0' && c <= '7') { // three octal digits: a byte
                uint32_t v = static_cast<uint32_t>(c - '0');
                for (int k = 0; k < 2; ++k, ++i)
                    v = v * 8 + static_cast<uint32_t>(body[i] - '0');
                out += static_cast<char>(v);
            } else {
                out += c; // \\, \' or \"
            }
        }
    }
    return out;
}

int64_t Parser::duration(const Token &t)
{
    const text::DurationResult d = text::parseDuration(t.text);
    if (!d.error.empty())
        semanticError(t.pos, d.error);
    return d.ms;
}

} // namespace mw::promql
