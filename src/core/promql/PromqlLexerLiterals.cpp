// The lexer's literals: numbers, durations and quoted strings with Go's
// escapes (Prometheus 2.42 lex.go: lexNumberOrDuration, lexDuration,
// scanNumber, lexString, lexRawString, lexEscape).

#include "PromqlLexer.h"
#include "PromqlLexerChars.h"
#include "PromqlText.h"

namespace mw::promql {

using namespace lexchars;

Token Lexer::lexDuration()
{
    if (scanNumber())
        return error("missing unit character in duration");
    if (!acceptRemainingDuration())
        return error("bad duration syntax: " + text::quote(m_input.substr(m_start, m_pos - m_start)));
    backup();
    return emit(TokenKind::Duration);
}

Token Lexer::lexNumberOrDuration()
{
    if (scanNumber())
        return emit(TokenKind::Number);
    if (acceptRemainingDuration()) {
        backup();
        return emit(TokenKind::Duration);
    }
    return error("bad number or duration syntax: " + text::quote(m_input.substr(m_start, m_pos - m_start)));
}

bool Lexer::acceptRemainingDuration()
{
    if (!accept("smhdwy"))
        return false;
    accept("s"); // ms; bad units like hs are caught when the duration is parsed
    while (accept("0123456789")) {
        while (accept("0123456789")) {
        }
        if (!accept("smhdw")) // y only comes first
            return false;
        accept("s");
    }
    return !isAlphaNumeric(next());
}

// Prometheus 2.42's scanNumber: the text need not be a valid number (the
// parser finds out), but what follows must not be alphanumeric.
bool Lexer::scanNumber()
{
    std::string_view digits = "0123456789";
    if (accept("0") && accept("xX"))
        digits = "0123456789abcdefABCDEF";
    acceptRun(digits);
    if (accept("."))
        acceptRun(digits);
    if (accept("eE")) {
        accept("+-");
        acceptRun("0123456789");
    }
    return !isAlphaNumeric(peek());
}

bool Lexer::lexEscape(std::string &message)
{
    int n = 0;
    uint32_t base = 0;
    uint32_t maxVal = 0;
    char32_t ch = next();
    switch (ch) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
        return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        n = 3, base = 8, maxVal = 255;
        break;
    case 'x':
        ch = next();
        n = 2, base = 16, maxVal = 255;
        break;
    case 'u':
        ch = next();
        n = 4, base = 16, maxVal = 0x10FFFF;
        break;
    case 'U':
        ch = next();
        n = 8, base = 16, maxVal = 0x10FFFF;
        break;
    case kEof:
        message = "escape sequence not terminated";
        return false;
    default:
        if (ch == m_stringOpen)
            return true;
        message = "unknown escape sequence " + text::unicodeDesc(ch);
        return false;
    }
    uint32_t x = 0;
    while (n > 0) {
        const uint32_t d = digitVal(ch);
        if (d >= base) {
            message = ch == kEof ? std::string("escape sequence not terminated")
                                 : "illegal character " + text::unicodeDesc(ch) + " in escape sequence";
            return false;
        }
        x = x * base + d;
        if (--n > 0)
            ch = next();
    }
    if (x > maxVal || (x >= 0xD800 && x < 0xE000)) {
        message = "escape sequence is an invalid Unicode code point";
        return false;
    }
    return true;
}

Token Lexer::lexString()
{
    for (;;) {
        const char32_t r = next();
        if (r == '\\') {
            std::string message;
            if (!lexEscape(message))
                return error(std::move(message));
            continue;
        }
        if (r == text::kRuneError) // Go's case matches a literal U+FFFD too
            return error("invalid UTF-8 rune");
        if (r == kEof || r == '\n')
            return error("unterminated quoted string");
        if (r == m_stringOpen)
            return emit(TokenKind::String);
    }
}

Token Lexer::lexRawString()
{
    for (;;) {
        const char32_t r = next();
        if (r == text::kRuneError)
            return error("invalid UTF-8 rune");
        if (r == kEof)
            return error("unterminated raw string");
        if (r == m_stringOpen)
            return emit(TokenKind::String);
    }
}

} // namespace mw::promql
