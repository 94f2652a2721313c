#pragma once

// Character classes of Prometheus' lex.go, shared by the lexer's files.

#include <cstdint>
#include <string_view>

namespace mw::promql::lexchars {

inline constexpr char32_t kEof = 0xFFFFFFFF; ///< what next() returns at the end

inline bool isSpace(char32_t r) { return r == ' ' || r == '\t' || r == '\n' || r == '\r'; }
inline bool isDigit(char32_t r) { return r >= '0' && r <= '9'; }
inline bool isAlpha(char32_t r) { return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'); }
inline bool isAlphaNumeric(char32_t r) { return isAlpha(r) || isDigit(r); }

inline bool contains(std::string_view set, char32_t r)
{
    return r < 0x80 && set.find(static_cast<char>(r)) != std::string_view::npos;
}

/// The value of a hexadecimal digit, 16 for anything else (Go's digitVal).
inline uint32_t digitVal(char32_t ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return 16;
}

} // namespace mw::promql::lexchars
