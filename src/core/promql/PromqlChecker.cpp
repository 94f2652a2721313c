#include "PromqlChecker.h"

#include "Functions.h"
#include "PromqlParser.h"
#include "PromqlRegex.h"
#include "PromqlText.h"

namespace mw::promql {

namespace {

bool isComparison(BinaryOp op)
{
    return op == BinaryOp::Eql || op == BinaryOp::Neq || op == BinaryOp::Gtr || op == BinaryOp::Lss
        || op == BinaryOp::Gte || op == BinaryOp::Lte;
}

bool isSetOperator(BinaryOp op)
{
    return op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Unless;
}

std::string_view opName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
    default: return "unless";
    }
}

// Prometheus' ValueType strings, used by the subquery message.
std::string_view typeName(ValueType t)
{
    switch (t) {
    case ValueType::Scalar: return "scalar";
    case ValueType::Vector: return "vector";
    case ValueType::Matrix: return "matrix";
    case ValueType::String: return "string";
    default: return "none";
    }
}

bool matchesEmpty(const LabelMatcher &m)
{
    switch (m.type) {
    case MatchType::Equal:
        return m.value.empty();
    case MatchType::NotEqual:
        return !m.value.empty();
    case MatchType::Regex:
        return regexMatchesEmpty(m.value);
    case MatchType::NotRegex:
        return !regexMatchesEmpty(m.value);
    }
    return true;
}

} // namespace

TypeChecker::TypeChecker(std::string_view query)
    : m_query(query)
{
}

std::optional<ParseError> TypeChecker::check(Expr &root)
{
    try {
        checkNode(root);
    } catch (const Failure &) {
    }
    return std::move(m_error);
}

void TypeChecker::fail(uint32_t offset, std::string message)
{
    m_error = makeParseError(m_query, offset, std::move(message));
    throw Failure{};
}

void TypeChecker::expectType(Expr &e, ValueType want, std::string_view context)
{
    const ValueType t = checkNode(e);
    if (t != want)
        fail(e.pos.start, "expected type " + std::string(documentedType(want)) + " in " + std::string(context)
                              + ", got " + std::string(documentedType(t)));
}

uint32_t TypeChecker::operatorOffset(const BinaryExpr &b) const
{
    uint32_t p = b.lhs->pos.end;
    while (p < m_query.size() && (m_query[p] == ' ' || m_query[p] == '\t' || m_query[p] == '\n' || m_query[p] == '\r'))
        ++p;
    return p;
}

ValueType TypeChecker::checkNode(Expr &e)
{
    const ValueType type = e.type();
    std::visit(
        [&](auto &n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, AggregateExpr>) {
                expectType(*n.expr, ValueType::Vector, "aggregation expression");
                if (n.op == AggregateOp::Topk || n.op == AggregateOp::Bottomk || n.op == AggregateOp::Quantile)
                    expectType(*n.param, ValueType::Scalar, "aggregation parameter");
                if (n.op == AggregateOp::CountValues)
                    expectType(*n.param, ValueType::String, "aggregation parameter");
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                checkBinary(e, n);
            } else if constexpr (std::is_same_v<T, Call>) {
                checkCall(n, e);
            } else if constexpr (std::is_same_v<T, ParenExpr>) {
                checkNode(*n.expr);
            } else if constexpr (std::is_same_v<T, UnaryExpr>) {
                const ValueType t = checkNode(*n.expr);
                if (t != ValueType::Scalar && t != ValueType::Vector)
                    fail(e.pos.start, "unary expression only allowed on expressions of type scalar or instant "
                                      "vector, got " + text::quote(documentedType(t)));
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                const ValueType t = checkNode(*n.expr);
                if (t != ValueType::Vector)
                    fail(e.pos.start, "subquery is only allowed on instant vector, got " + std::string(typeName(t))
                                          + " instead");
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                checkSelector(n.selector, e);
            } else if constexpr (std::is_same_v<T, VectorSelector>) {
                checkSelector(n, e);
            }
        },
        e.node);
    return type;
}

void TypeChecker::checkBinary(Expr &e, BinaryExpr &b)
{
    const ValueType lt = checkNode(*b.lhs);
    const ValueType rt = checkNode(*b.rhs);
    if (b.returnBool && !isComparison(b.op))
        fail(operatorOffset(b), "bool modifier can only be used on comparison operators");
    if (isComparison(b.op) && !b.returnBool && lt == ValueType::Scalar && rt == ValueType::Scalar)
        fail(operatorOffset(b), "comparisons between scalars must use BOOL modifier");
    VectorMatching &m = *b.matching;
    if (isSetOperator(b.op) && m.card == Cardinality::OneToOne)
        m.card = Cardinality::ManyToMany;
    if (m.on)
        for (const std::string &l1 : m.matchingLabels)
            for (const std::string &l2 : m.include)
                if (l1 == l2)
                    fail(operatorOffset(b), "label " + text::quote(l1) + " must not occur in ON and GROUP clause at once");
    if (lt != ValueType::Scalar && lt != ValueType::Vector)
        fail(b.lhs->pos.start, "binary expression must contain only scalar and instant vector types");
    if (rt != ValueType::Scalar && rt != ValueType::Vector)
        fail(b.rhs->pos.start, "binary expression must contain only scalar and instant vector types");
    if (lt != ValueType::Vector || rt != ValueType::Vector) {
        if (!m.matchingLabels.empty())
            fail(e.pos.start, "vector matching only allowed between instant vectors");
        b.matching.reset();
    } else if (isSetOperator(b.op)) {
        if (m.card == Cardinality::OneToMany || m.card == Cardinality::ManyToOne)
            fail(e.pos.start, "no grouping allowed for \"" + std::string(opName(b.op)) + "\" operation");
        if (m.card != Cardinality::ManyToMany)
            fail(e.pos.start, "set operations must always be many-to-many");
    }
    if ((lt == ValueType::Scalar || rt == ValueType::Scalar) && isSetOperator(b.op))
        fail(e.pos.start, "set operator \"" + std::string(opName(b.op)) + "\" not allowed in binary scalar expression");
}

void TypeChecker::checkCall(const Call &c, Expr &e)
{
    const Function &f = *c.func;
    const auto nargs = f.argTypes.size();
    const auto name = text::quote(f.name);
    const auto got = std::to_string(c.args.size());
    if (f.variadic == 0) {
        if (nargs != c.args.size())
            fail(e.pos.start, "expected " + std::to_string(nargs) + " argument(s) in call to " + name + ", got " + got);
    } else {
        const std::size_t na = nargs - 1;
        if (na > c.args.size())
            fail(e.pos.start, "expected at least " + std::to_string(na) + " argument(s) in call to " + name + ", got " + got);
        const std::size_t most = na + static_cast<std::size_t>(f.variadic);
        if (f.variadic > 0 && most < c.args.size())
            fail(e.pos.start, "expected at most " + std::to_string(most) + " argument(s) in call to " + name + ", got " + got);
    }
    for (std::size_t i = 0; i < c.args.size(); ++i) {
        std::size_t t = i;
        if (i >= nargs) {
            if (f.variadic == 0)
                break; // not variadic: the extra arguments are not type-checked
            t = nargs - 1;
        }
        expectType(*c.args[i], f.argTypes[t], "call to function " + name);
    }
}

void TypeChecker::checkSelector(const VectorSelector &vs, const Expr &e)
{
    if (!vs.name.empty()) {
        // The last matcher is the one the name outside the braces added.
        for (std::size_t i = 0; i + 1 < vs.matchers.size(); ++i)
            if (vs.matchers[i].name == "__name__")
                fail(e.pos.start, "metric name must not be set twice: " + text::quote(vs.name) + " or "
                                      + text::quote(vs.matchers[i].value));
        return;
    }
    // At least one matcher that does not match the empty string, so that a
    // typo cannot select every series.
    for (const LabelMatcher &m : vs.matchers)
        if (!matchesEmpty(m))
            return;
    fail(e.pos.start, "vector selector must contain at least one non-empty matcher");
}

} // namespace mw::promql
