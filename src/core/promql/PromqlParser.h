#pragma once

// A recursive-descent parser for PromQL equivalent to Prometheus 2.42's yacc
// grammar (promql/parser/generated_parser.y): binary operators by precedence
// climbing (^ right-associative), unary +/- at the precedence of *, and the
// postfix modifiers ([range], [range:step], offset, @) binding tightest.
// Errors carry Prometheus' messages; the first one is reported, as
// Prometheus' ParseErrors.Error() does. Type checks run afterwards
// (PromqlChecker) only when the text parsed cleanly.

#include "Ast.h"
#include "PromqlLexer.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mw::promql {

/// Builds a ParseError with the 1-based line and column (in code points) of `offset`.
ParseError makeParseError(std::string_view query, uint32_t offset, std::string message);

class Parser
{
public:
    /// Deepest nesting of parentheses, calls and operators accepted; deeper
    /// input is refused so that no recursion over the tree can exhaust the stack.
    static constexpr int kMaxDepth = 256;

    explicit Parser(std::string_view query);

    /// The syntax tree (not yet type-checked), or the first error.
    ParseResult parse();

private:
    struct Failure // thrown on a syntax error; the message is in m_error
    {
    };

    const Token &peek(std::size_t ahead = 0) const;
    Token take();
    /// Records the error unless an earlier one exists (Prometheus keeps the first).
    void semanticError(uint32_t offset, std::string message);
    [[noreturn]] void fail(uint32_t offset, std::string message);
    /// "unexpected <token> [in context][, expected ...]" for the next token;
    /// without a context, errors inside an aggregation say "in aggregation".
    [[noreturn]] void unexpected(std::string_view context, std::string_view expected);

    /// Every node is built here, which tracks its height against kMaxDepth.
    ExprPtr make(decltype(Expr::node) node, PositionRange pos);

    ExprPtr expression(int minPrecedence);
    ExprPtr unary();
    ExprPtr postfix(ExprPtr e);
    ExprPtr primary();
    void binaryModifiers(BinaryExpr &b);

    // PromqlParserTerms.cpp, PromqlParserModifiers.cpp, PromqlParserLiterals.cpp
    ExprPtr aggregate();
    ExprPtr call();
    std::vector<ExprPtr> callArguments(uint32_t &end);
    ExprPtr vectorSelector();
    void labelMatchers(VectorSelector &vs, uint32_t &end);
    std::vector<std::string> groupingLabels(uint32_t &end);
    ExprPtr rangeOrSubquery(ExprPtr e);
    ExprPtr offset(ExprPtr e);
    ExprPtr at(ExprPtr e);
    double number(const Token &t);
    std::string unquote(const Token &t);
    int64_t duration(const Token &t);

    std::string_view m_query;
    std::vector<Token> m_tokens;
    std::size_t m_next = 0;
    std::optional<ParseError> m_error;
    int m_aggregateDepth = 0;
    int m_depth = 0;
    std::unordered_map<const Expr *, int> m_height; ///< height of each node built, for kMaxDepth
};

} // namespace mw::promql
