#include "Ast.h"

#include "Functions.h"
#include "PromqlChecker.h"
#include "PromqlParser.h"

#include <cmath>

namespace mw::promql {

namespace {

/// Longer queries are refused before lexing: no real query comes close, and
/// the cap bounds the work hostile input can cause.
constexpr std::size_t kMaxQueryBytes = 64 * 1024;

bool sameNumber(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

bool sameMatchers(const std::vector<LabelMatcher> &a, const std::vector<LabelMatcher> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].type != b[i].type || a[i].name != b[i].name || a[i].value != b[i].value)
            return false;
    return true;
}

bool sameSelector(const VectorSelector &a, const VectorSelector &b)
{
    return a.name == b.name && sameMatchers(a.matchers, b.matchers) && a.offsetMs == b.offsetMs && a.atMs == b.atMs
        && a.atSpecial == b.atSpecial;
}

bool samePtr(const ExprPtr &a, const ExprPtr &b)
{
    if (!a || !b)
        return !a && !b;
    return equal(*a, *b);
}

bool sameMatching(const std::optional<VectorMatching> &a, const std::optional<VectorMatching> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->card == b->card && a->matchingLabels == b->matchingLabels && a->on == b->on && a->include == b->include;
}

} // namespace

std::string_view documentedType(ValueType t)
{
    switch (t) {
    case ValueType::Scalar:
        return "scalar";
    case ValueType::Vector:
        return "instant vector";
    case ValueType::Matrix:
        return "range vector";
    case ValueType::String:
        return "string";
    case ValueType::None:
        break;
    }
    return "none";
}

ValueType Expr::type() const
{
    return std::visit(
        [](const auto &n) -> ValueType {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, NumberLiteral>)
                return ValueType::Scalar;
            else if constexpr (std::is_same_v<T, StringLiteral>)
                return ValueType::String;
            else if constexpr (std::is_same_v<T, VectorSelector> || std::is_same_v<T, AggregateExpr>)
                return ValueType::Vector;
            else if constexpr (std::is_same_v<T, MatrixSelector> || std::is_same_v<T, SubqueryExpr>)
                return ValueType::Matrix;
            else if constexpr (std::is_same_v<T, BinaryExpr>)
                return n.lhs->type() == ValueType::Scalar && n.rhs->type() == ValueType::Scalar ? ValueType::Scalar
                                                                                               : ValueType::Vector;
            else if constexpr (std::is_same_v<T, UnaryExpr> || std::is_same_v<T, ParenExpr>)
                return n.expr->type();
            else
                return n.func ? n.func->returnType : ValueType::None;
        },
        node);
}

bool equal(const Expr &a, const Expr &b)
{
    if (a.node.index() != b.node.index())
        return false;
    return std::visit(
        [&](const auto &x) -> bool {
            using T = std::decay_t<decltype(x)>;
            const T &y = std::get<T>(b.node);
            if constexpr (std::is_same_v<T, NumberLiteral>) {
                return sameNumber(x.value, y.value);
            } else if constexpr (std::is_same_v<T, StringLiteral>) {
                return x.value == y.value;
            } else if constexpr (std::is_same_v<T, VectorSelector>) {
                return sameSelector(x, y);
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                return x.rangeMs == y.rangeMs && sameSelector(x.selector, y.selector);
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                return x.rangeMs == y.rangeMs && x.stepMs == y.stepMs && x.offsetMs == y.offsetMs && x.atMs == y.atMs
                    && x.atSpecial == y.atSpecial && samePtr(x.expr, y.expr);
            } else if constexpr (std::is_same_v<T, AggregateExpr>) {
                return x.op == y.op && x.grouping == y.grouping && x.without == y.without && samePtr(x.param, y.param)
                    && samePtr(x.expr, y.expr);
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                return x.op == y.op && x.returnBool == y.returnBool && sameMatching(x.matching, y.matching)
                    && samePtr(x.lhs, y.lhs) && samePtr(x.rhs, y.rhs);
            } else if constexpr (std::is_same_v<T, UnaryExpr>) {
                return x.negate == y.negate && samePtr(x.expr, y.expr);
            } else if constexpr (std::is_same_v<T, ParenExpr>) {
                return samePtr(x.expr, y.expr);
            } else {
                if (x.func != y.func || x.args.size() != y.args.size())
                    return false;
                for (std::size_t i = 0; i < x.args.size(); ++i)
                    if (!samePtr(x.args[i], y.args[i]))
                        return false;
                return true;
            }
        },
        a.node);
}

std::string ParseError::toString() const
{
    return std::to_string(line) + ":" + std::to_string(column) + ": parse error: " + message;
}

ParseResult parse(std::string_view query)
{
    if (query.size() > kMaxQueryBytes) {
        ParseResult r;
        r.error = makeParseError(query, 0, "query is too long: " + std::to_string(query.size())
                                               + " bytes (the maximum is " + std::to_string(kMaxQueryBytes) + ")");
        return r;
    }
    ParseResult r = Parser(query).parse();
    if (r.error)
        return r;
    // Only a tree that parsed cleanly is type-checked, as in Prometheus.
    if (std::optional<ParseError> e = TypeChecker(query).check(*r.expr)) {
        r.expr.reset();
        r.error = std::move(e);
    }
    return r;
}

} // namespace mw::promql
