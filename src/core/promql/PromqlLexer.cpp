#include "PromqlLexer.h"

#include "PromqlLexerChars.h"
#include "PromqlText.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mw::promql {

using namespace lexchars;

namespace {

struct Keyword
{
    std::string_view word;
    TokenKind kind;
};

// Prometheus' `key` map (lowercase; matched case-insensitively). inf and
// nan are numbers.
constexpr std::array kKeywords{
    Keyword{"and", TokenKind::And},         Keyword{"or", TokenKind::Or},
    Keyword{"unless", TokenKind::Unless},   Keyword{"atan2", TokenKind::Atan2},
    Keyword{"sum", TokenKind::Sum},         Keyword{"avg", TokenKind::Avg},
    Keyword{"count", TokenKind::Count},     Keyword{"min", TokenKind::Min},
    Keyword{"max", TokenKind::Max},         Keyword{"group", TokenKind::Group},
    Keyword{"stddev", TokenKind::Stddev},   Keyword{"stdvar", TokenKind::Stdvar},
    Keyword{"topk", TokenKind::Topk},       Keyword{"bottomk", TokenKind::Bottomk},
    Keyword{"count_values", TokenKind::CountValues}, Keyword{"quantile", TokenKind::Quantile},
    Keyword{"offset", TokenKind::Offset},   Keyword{"by", TokenKind::By},
    Keyword{"without", TokenKind::Without}, Keyword{"on", TokenKind::On},
    Keyword{"ignoring", TokenKind::Ignoring}, Keyword{"group_left", TokenKind::GroupLeft},
    Keyword{"group_right", TokenKind::GroupRight}, Keyword{"bool", TokenKind::Bool},
    Keyword{"start", TokenKind::Start},     Keyword{"end", TokenKind::End},
    Keyword{"inf", TokenKind::Number},      Keyword{"nan", TokenKind::Number},
};

} // namespace

bool isOperator(TokenKind k) { return k >= TokenKind::Add && k <= TokenKind::Atan2; }
bool isAggregator(TokenKind k) { return k >= TokenKind::Avg && k <= TokenKind::Topk; }
bool isKeyword(TokenKind k) { return k >= TokenKind::Bool && k <= TokenKind::Without; }

std::string describe(const Token &t)
{
    auto item = [&] { return t.text.size() > 10 ? text::quotePrefix(t.text, 10) + "..." : text::quote(t.text); };
    switch (t.kind) {
    case TokenKind::Eof:
        return "end of input";
    case TokenKind::Error:
        return t.error;
    case TokenKind::Identifier:
        return "identifier " + text::quote(t.text);
    case TokenKind::MetricIdentifier:
        return "metric identifier " + text::quote(t.text);
    case TokenKind::Number:
        return "number " + item();
    case TokenKind::Duration:
        return "duration " + item();
    case TokenKind::String:
        return "string " + item();
    default:
        break;
    }
    if (isKeyword(t.kind))
        return "<" + std::string(t.text) + ">";
    if (isOperator(t.kind))
        return "<op:" + std::string(t.text) + ">";
    if (isAggregator(t.kind))
        return "<aggr:" + std::string(t.text) + ">";
    return text::quote(t.text);
}

Lexer::Lexer(std::string_view input)
    : m_input(input)
{
}

std::vector<Token> Lexer::tokenize()
{
    std::vector<Token> out;
    for (;;) {
        Token t;
        bool skip = false;
        switch (m_state) {
        case State::Done:
            t = emit(TokenKind::Eof);
            break;
        case State::Duration:
            m_state = State::Statements;
            t = lexDuration();
            break;
        case State::Statements:
            t = m_braceOpen ? lexInsideBraces(skip) : lexStatements(skip);
            break;
        }
        if (skip)
            continue;
        out.push_back(std::move(t));
        if (out.back().kind == TokenKind::Eof || out.back().kind == TokenKind::Error)
            return out;
    }
}

char32_t Lexer::next()
{
    if (m_pos >= m_input.size()) {
        m_width = 0;
        return kEof;
    }
    const auto [r, w] = text::decodeRune(m_input, m_pos);
    m_width = w;
    m_pos += w;
    return r;
}

char32_t Lexer::peek()
{
    const char32_t r = next();
    backup();
    return r;
}

bool Lexer::accept(std::string_view valid)
{
    if (contains(valid, next()))
        return true;
    backup();
    return false;
}

void Lexer::acceptRun(std::string_view valid)
{
    while (contains(valid, next())) {
    }
    backup();
}

Token Lexer::emit(TokenKind kind)
{
    Token t{kind, m_start, m_input.substr(m_start, m_pos - m_start), {}};
    m_start = m_pos;
    return t;
}

Token Lexer::error(std::string message)
{
    m_state = State::Done;
    return Token{TokenKind::Error, m_start, {}, std::move(message)};
}

void Lexer::skipSpaces()
{
    while (isSpace(peek()))
        next();
    ignore();
}

void Lexer::skipComment()
{
    m_pos += 1;
    for (char32_t r = next(); r != '\r' && r != '\n' && r != kEof;)
        r = next();
    backup();
    ignore();
}

Token Lexer::lexStatements(bool &skip)
{
    if (m_input.substr(m_pos, 1) == "#") {
        skipComment();
        skip = true;
        return {};
    }
    const char32_t r = next();
    switch (r) {
    case kEof:
        if (m_parenDepth != 0)
            return error("unclosed left parenthesis");
        if (m_bracketOpen)
            return error("unclosed left bracket");
        m_state = State::Done;
        return emit(TokenKind::Eof);
    case ',': return emit(TokenKind::Comma);
    case '*': return emit(TokenKind::Mul);
    case '/': return emit(TokenKind::Div);
    case '%': return emit(TokenKind::Mod);
    case '+': return emit(TokenKind::Add);
    case '-': return emit(TokenKind::Sub);
    case '^': return emit(TokenKind::Pow);
    case '@': return emit(TokenKind::At);
    case '=':
        if (const char32_t t = peek(); t == '=') {
            next();
            return emit(TokenKind::Eqlc);
        } else if (t == '~') {
            return error("unexpected character after '=': " + text::quoteRune(t));
        }
        return emit(TokenKind::Eql);
    case '!':
        if (const char32_t t = next(); t != '=')
            return error("unexpected character after '!': " + text::quoteRune(t == kEof ? text::kRuneError : t));
        return emit(TokenKind::Neq);
    case '<':
        if (peek() == '=') {
            next();
            return emit(TokenKind::Lte);
        }
        return emit(TokenKind::Lss);
    case '>':
        if (peek() == '=') {
            next();
            return emit(TokenKind::Gte);
        }
        return emit(TokenKind::Gtr);
    case '"':
    case '\'':
        m_stringOpen = r;
        return lexString();
    case '`':
        m_stringOpen = r;
        return lexRawString();
    case '(':
        ++m_parenDepth;
        return emit(TokenKind::LeftParen);
    case ')': {
        Token t = emit(TokenKind::RightParen);
        if (--m_parenDepth < 0)
            return error("unexpected right parenthesis ')'"); // at the end of the ')', as Prometheus
        return t;
    }
    case '{':
        m_braceOpen = true;
        return emit(TokenKind::LeftBrace);
    case '[': {
        if (m_bracketOpen)
            return error("unexpected left bracket '['");
        m_gotColon = false;
        Token t = emit(TokenKind::LeftBracket);
        if (isSpace(peek()))
            skipSpaces();
        m_bracketOpen = true;
        m_state = State::Duration;
        return t;
    }
    case ']':
        if (!m_bracketOpen)
            return error("unexpected right bracket ']'");
        m_bracketOpen = false;
        return emit(TokenKind::RightBracket);
    default:
        break;
    }
    if (isSpace(r)) {
        skipSpaces();
        skip = true;
        return {};
    }
    if (isDigit(r) || (r == '.' && isDigit(peek()))) {
        backup();
        return lexNumberOrDuration();
    }
    if (isAlpha(r) || r == ':') {
        if (!m_bracketOpen) {
            backup();
            return lexKeywordOrIdentifier();
        }
        // Prometheus 2.42 reads any letter inside brackets as the subquery colon.
        if (m_gotColon)
            return error("unexpected colon " + text::quoteRune(r));
        m_gotColon = true;
        return emit(TokenKind::Colon);
    }
    return error("unexpected character: " + text::quoteRune(r));
}

Token Lexer::lexInsideBraces(bool &skip)
{
    if (m_input.substr(m_pos, 1) == "#") {
        skipComment();
        skip = true;
        return {};
    }
    const char32_t r = next();
    if (r == kEof)
        return error("unexpected end of input inside braces");
    if (isSpace(r)) {
        skipSpaces();
        skip = true;
        return {};
    }
    if (isAlpha(r)) {
        backup();
        return lexIdentifier();
    }
    switch (r) {
    case ',':
        return emit(TokenKind::Comma);
    case '"':
    case '\'':
        m_stringOpen = r;
        return lexString();
    case '`':
        m_stringOpen = r;
        return lexRawString();
    case '=':
        if (next() == '~')
            return emit(TokenKind::EqlRegex);
        backup();
        return emit(TokenKind::Eql);
    case '!': {
        const char32_t nr = next();
        if (nr == '~')
            return emit(TokenKind::NeqRegex);
        if (nr == '=')
            return emit(TokenKind::Neq);
        return error("unexpected character after '!' inside braces: "
                     + text::quoteRune(nr == kEof ? text::kRuneError : nr));
    }
    case '{':
        return error("unexpected left brace '{'");
    case '}':
        m_braceOpen = false;
        return emit(TokenKind::RightBrace);
    default:
        return error("unexpected character inside braces: " + text::quoteRune(r));
    }
}

Token Lexer::lexKeywordOrIdentifier()
{
    for (char32_t r = next(); isAlphaNumeric(r) || r == ':'; r = next()) {
    }
    backup();
    const std::string_view word = m_input.substr(m_start, m_pos - m_start);
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    for (const Keyword &k : kKeywords)
        if (k.word == lower)
            return emit(k.kind);
    return emit(word.find(':') == std::string_view::npos ? TokenKind::Identifier : TokenKind::MetricIdentifier);
}

Token Lexer::lexIdentifier()
{
    for (char32_t r = next(); isAlphaNumeric(r); r = next()) {
    }
    backup();
    return emit(TokenKind::Identifier);
}

} // namespace mw::promql
