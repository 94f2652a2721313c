#pragma once

// The PromQL lexer, a port of Prometheus 2.42's promql/parser/lex.go state
// machine: the same tokens, the same context rules (inside braces keywords
// are identifiers; after '[' comes a duration) and the same error messages.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mw::promql {

enum class TokenKind {
    Eof, Error, Identifier, MetricIdentifier, Number, Duration, String,
    LeftParen, RightParen, LeftBrace, RightBrace, LeftBracket, RightBracket, Comma, Colon, Eql,
    // Operators (Prometheus' operatorsStart..operatorsEnd).
    Add, Div, Eqlc, EqlRegex, Gte, Gtr, And, Or, Lss, Lte, Unless, Mod, Mul, Neq, NeqRegex, Pow, Sub, At, Atan2,
    // Aggregators.
    Avg, Bottomk, Count, CountValues, Group, Max, Min, Quantile, Stddev, Stdvar, Sum, Topk,
    // Keywords.
    Bool, By, GroupLeft, GroupRight, Ignoring, Offset, On, Without,
    // Preprocessors (@ start(), @ end()).
    Start, End,
};

struct Token
{
    TokenKind kind = TokenKind::Eof;
    uint32_t pos = 0;      ///< byte offset of the token's first character
    std::string_view text; ///< the token as written (for Error: empty)
    std::string error;     ///< Error only: the lexer's message

    uint32_t end() const { return pos + static_cast<uint32_t>(text.size()); }
};

bool isOperator(TokenKind k);
bool isAggregator(TokenKind k);
bool isKeyword(TokenKind k);

/// Prometheus' Item.desc(): how a token is named in "unexpected ..." messages,
/// e.g. `"}"`, `identifier "foo"`, `<op:+>`, `<aggr:sum>`, `end of input`.
std::string describe(const Token &t);

class Lexer
{
public:
    explicit Lexer(std::string_view input);

    /// Every token up to and including the first Eof or Error; comments dropped.
    std::vector<Token> tokenize();

private:
    enum class State { Statements, Duration, Done };

    char32_t next();
    char32_t peek();
    void backup() { m_pos -= m_width; }
    bool accept(std::string_view valid);
    void acceptRun(std::string_view valid);

    Token emit(TokenKind kind);
    Token error(std::string message);
    void ignore() { m_start = m_pos; }

    /// One token, or a kind of Eof with `skip` set for whitespace and comments.
    Token lexStatements(bool &skip);
    Token lexInsideBraces(bool &skip);
    Token lexDuration();
    Token lexNumberOrDuration();
    Token lexString();
    Token lexRawString();
    Token lexKeywordOrIdentifier();
    Token lexIdentifier();
    bool lexEscape(std::string &error);
    bool scanNumber();
    bool acceptRemainingDuration();
    void skipComment();
    void skipSpaces();

    std::string_view m_input;
    uint32_t m_pos = 0;
    uint32_t m_start = 0;
    uint32_t m_width = 0;
    State m_state = State::Statements;
    int m_parenDepth = 0;
    bool m_braceOpen = false;
    bool m_bracketOpen = false;
    bool m_gotColon = false;
    char32_t m_stringOpen = 0;
};

} // namespace mw::promql
