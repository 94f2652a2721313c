#pragma once

// The PromQL syntax tree, as Prometheus 2.42's promql/parser/ast.go builds it.
// parse() turns query text into this tree after the same type checks as
// Prometheus' checkAST; format() turns a tree back into canonical text that
// parses to an equal tree. The evaluator (Engine*) walks this tree.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mw::promql {

struct Function; // Functions.h: one registry entry of the function table

/// Byte offsets [start, end) of a node or token in the query text.
struct PositionRange
{
    uint32_t start = 0;
    uint32_t end = 0;
};

/// The type of an expression's value (Prometheus' ValueType). None only for
/// an absent expression.
// GCC's -Wshadow takes these scoped enumerators for shadowing the engine's
// Vector and Matrix value types (EngineValue.h); they cannot clash.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
enum class ValueType { None, Scalar, Vector, Matrix, String };
#pragma GCC diagnostic pop

/// Prometheus' name for a type in messages: "scalar", "instant vector",
/// "range vector", "string", "none".
std::string_view documentedType(ValueType t);

/// Label matcher operator: =, !=, =~, !~.
enum class MatchType { Equal, NotEqual, Regex, NotRegex };

/// One label matcher of a selector. Regex values are the text as written
/// (unanchored); Prometheus anchors them as ^(?:value)$ when matching.
struct LabelMatcher
{
    MatchType type = MatchType::Equal;
    std::string name;
    std::string value;
};

struct Expr;
/// Owning pointer to a sub-expression; never null inside a parsed tree except
/// AggregateExpr::param of aggregations without a parameter.
using ExprPtr = std::unique_ptr<Expr>;

/// A float literal: 1, 1.5e3, 0x1f, 0755 (octal), Inf, NaN. As Prometheus'
/// grammar does, a sign directly before a literal folds into it: -1 is
/// NumberLiteral{-1} (its position starts at the sign), -(1) stays a UnaryExpr.
struct NumberLiteral
{
    double value = 0;
};

/// A string literal, escapes resolved ("a\n", 'b', `raw`).
struct StringLiteral
{
    std::string value;
};

/// The @ modifier's special values: @ start() and @ end().
enum class AtSpecial { None, Start, End };

/// An instant vector selector: foo{a="b"} offset 5m @ 1600000000.
struct VectorSelector
{
    std::string name;                   ///< metric name if written before the braces, else empty
    std::vector<LabelMatcher> matchers; ///< as written; a name adds __name__="name" at the end, as Prometheus does
    int64_t offsetMs = 0;               ///< offset modifier; negative allowed
    std::optional<int64_t> atMs;        ///< @ <timestamp> in ms since the epoch
    AtSpecial atSpecial = AtSpecial::None; ///< @ start() / @ end(); atMs is then empty

    /// True when any @ modifier was given (timestamp, start() or end()).
    bool hasAt() const { return atMs.has_value() || atSpecial != AtSpecial::None; }
};

/// A range vector selector: foo[5m]. Offset and @ live in `selector`.
struct MatrixSelector
{
    VectorSelector selector;
    int64_t rangeMs = 0;
};

/// A subquery: <expr>[range:step] offset ... @ ... stepMs is 0 when omitted
/// (the evaluator then uses the global default evaluation interval).
struct SubqueryExpr
{
    ExprPtr expr;
    int64_t rangeMs = 0;
    int64_t stepMs = 0;
    int64_t offsetMs = 0;
    std::optional<int64_t> atMs;
    AtSpecial atSpecial = AtSpecial::None;

    bool hasAt() const { return atMs.has_value() || atSpecial != AtSpecial::None; }
};

/// Aggregation operators.
enum class AggregateOp { Sum, Avg, Min, Max, Count, Group, Stddev, Stdvar, Topk, Bottomk, Quantile, CountValues };

/// sum by (a) (x), topk(3, x), count_values without (b) ("l", x).
struct AggregateExpr
{
    AggregateOp op = AggregateOp::Sum;
    ExprPtr expr;                      ///< the vector aggregated
    ExprPtr param;                     ///< topk/bottomk/quantile: scalar; count_values: string; else null
    std::vector<std::string> grouping; ///< labels of by (...) or without (...), as written
    bool without = false;              ///< true for without (...), false for by (...) or no clause
};

/// Binary operators (precedence low to high: or; and unless; comparisons;
/// + -; * / % atan2; ^).
enum class BinaryOp { Add, Sub, Mul, Div, Mod, Pow, Atan2, Eql, Neq, Gtr, Lss, Gte, Lte, And, Or, Unless };

/// How the sides of a vector/vector operation match.
enum class Cardinality { OneToOne, ManyToOne, OneToMany, ManyToMany };

/// on/ignoring/group_left/group_right of a vector/vector operation.
struct VectorMatching
{
    Cardinality card = Cardinality::OneToOne; ///< ManyToMany always for and/or/unless
    std::vector<std::string> matchingLabels;  ///< labels of on (...) or ignoring (...)
    bool on = false;                          ///< true for on (...), false for ignoring (...) or none
    std::vector<std::string> include;         ///< labels of group_left (...) / group_right (...)
};

/// lhs op [bool] [on/ignoring ...] [group_x ...] rhs.
struct BinaryExpr
{
    BinaryOp op = BinaryOp::Add;
    ExprPtr lhs;
    ExprPtr rhs;
    bool returnBool = false;               ///< `bool` modifier (comparisons only)
    std::optional<VectorMatching> matching; ///< set exactly when both sides are instant vectors
};

/// -x or +x on anything but a number literal. Prometheus keeps +x as a
/// UnaryExpr too; negate is false then.
struct UnaryExpr
{
    bool negate = true;
    ExprPtr expr;
};

/// (x); kept in the tree as Prometheus does.
struct ParenExpr
{
    ExprPtr expr;
};

/// A function call; func points into the static registry (Functions.h).
struct Call
{
    const Function *func = nullptr;
    std::vector<ExprPtr> args;
};

/// One node of the tree with its source range.
struct Expr
{
    std::variant<NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, SubqueryExpr, AggregateExpr,
                 BinaryExpr, UnaryExpr, ParenExpr, Call>
        node;
    PositionRange pos;

    /// The value type this expression evaluates to (Prometheus' Type()).
    ValueType type() const;
};

/// Structural equality of two trees, ignoring positions (NaN equals NaN).
bool equal(const Expr &a, const Expr &b);

/// A parse or type-check error pointing at the offending token.
struct ParseError
{
    uint32_t offset = 0; ///< byte offset into the query
    uint32_t line = 1;   ///< 1-based line
    uint32_t column = 1; ///< 1-based column, in characters (UTF-8 code points)
    std::string message; ///< Prometheus' message, e.g. `unexpected "}" in label matching, expected string`
    /// "1:8: parse error: ..." as Prometheus' ParseErr.Error().
    std::string toString() const;
};

/// parse()'s result: expr is set exactly when error is not.
struct ParseResult
{
    ExprPtr expr;
    std::optional<ParseError> error;
};

/// Parses and type-checks one PromQL expression (Prometheus 2.42 grammar).
ParseResult parse(std::string_view query);

/// Canonical text of a tree (Prometheus' String()); parse(format(e)) is equal(e).
std::string format(const Expr &expr);

/// The registry entry for a function name, or null.
const Function *findFunction(std::string_view name);

} // namespace mw::promql
