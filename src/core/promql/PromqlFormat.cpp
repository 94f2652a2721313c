// format(): Prometheus 2.42's String() of each node (promql/parser/printer.go),
// with three changes so that parse(format(e)) is always equal to e: matchers
// keep their written order (Prometheus sorts them), group_left/right is
// printed even after an empty ignoring (), and +Inf is printed as Inf.

#include "Ast.h"
#include "Functions.h"
#include "PromqlText.h"

#include <cmath>
#include <cstdlib>

namespace mw::promql {

namespace {

std::string_view aggregateName(AggregateOp op)
{
    switch (op) {
    case AggregateOp::Sum: return "sum";
    case AggregateOp::Avg: return "avg";
    case AggregateOp::Min: return "min";
    case AggregateOp::Max: return "max";
    case AggregateOp::Count: return "count";
    case AggregateOp::Group: return "group";
    case AggregateOp::Stddev: return "stddev";
    case AggregateOp::Stdvar: return "stdvar";
    case AggregateOp::Topk: return "topk";
    case AggregateOp::Bottomk: return "bottomk";
    case AggregateOp::Quantile: return "quantile";
    case AggregateOp::CountValues: return "count_values";
    }
    return "sum";
}

std::string_view binaryName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "^";
    case BinaryOp::Atan2: return "atan2";
    case BinaryOp::Eql: return "==";
    case BinaryOp::Neq: return "!=";
    case BinaryOp::Gtr: return ">";
    case BinaryOp::Lss: return "<";
    case BinaryOp::Gte: return ">=";
    case BinaryOp::Lte: return "<=";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
    case BinaryOp::Unless: return "unless";
    }
    return "+";
}

std::string_view matchName(MatchType t)
{
    switch (t) {
    case MatchType::Equal: return "=";
    case MatchType::NotEqual: return "!=";
    case MatchType::Regex: return "=~";
    case MatchType::NotRegex: return "!~";
    }
    return "=";
}

std::string join(const std::vector<std::string> &labels)
{
    std::string out;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += labels[i];
    }
    return out;
}

// " @ 1600000000.000" (exact milliseconds), " @ start()", " @ end()".
std::string atSuffix(const std::optional<int64_t> &atMs, AtSpecial special)
{
    if (atMs) {
        const int64_t ms = *atMs;
        const int64_t frac = std::llabs(ms % 1000);
        std::string out = " @ ";
        if (ms < 0)
            out += '-';
        out += std::to_string(std::llabs(ms / 1000));
        out += '.';
        out += static_cast<char>('0' + frac / 100);
        out += static_cast<char>('0' + frac / 10 % 10);
        out += static_cast<char>('0' + frac % 10);
        return out;
    }
    if (special == AtSpecial::Start)
        return " @ start()";
    if (special == AtSpecial::End)
        return " @ end()";
    return {};
}

std::string offsetSuffix(int64_t offsetMs)
{
    if (offsetMs > 0)
        return " offset " + text::formatDuration(offsetMs);
    if (offsetMs < 0)
        return " offset -" + text::formatDuration(-offsetMs);
    return {};
}

// The selector without its modifiers.
std::string selectorText(const VectorSelector &vs)
{
    std::string labels;
    for (std::size_t i = 0; i < vs.matchers.size(); ++i) {
        const LabelMatcher &m = vs.matchers[i];
        // The matcher a name outside the braces added is the name itself.
        if (!vs.name.empty() && i + 1 == vs.matchers.size() && m.name == "__name__" && m.type == MatchType::Equal
            && m.value == vs.name)
            continue;
        if (!labels.empty())
            labels += ',';
        labels += m.name;
        labels += matchName(m.type);
        labels += text::quote(m.value);
    }
    if (labels.empty() && !vs.name.empty())
        return vs.name;
    return vs.name + "{" + labels + "}";
}

std::string matchingText(const BinaryExpr &b)
{
    if (!b.matching)
        return {};
    const VectorMatching &m = *b.matching;
    const bool grouped = m.card == Cardinality::ManyToOne || m.card == Cardinality::OneToMany;
    if (!m.on && m.matchingLabels.empty() && !grouped)
        return {};
    std::string out = m.on ? " on (" : " ignoring (";
    out += join(m.matchingLabels);
    out += ')';
    if (grouped) {
        out += m.card == Cardinality::ManyToOne ? " group_left (" : " group_right (";
        out += join(m.include);
        out += ')';
    }
    return out;
}

} // namespace

std::string format(const Expr &expr)
{
    return std::visit(
        [](const auto &n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, NumberLiteral>) {
                // Prometheus prints +Inf, which reads back as unary plus on
                // Inf and, before ^, as +(Inf ^ ...): a different tree. Inf
                // reads back as this literal everywhere.
                if (std::isinf(n.value) && n.value > 0)
                    return "Inf";
                return text::formatFloat(n.value);
            } else if constexpr (std::is_same_v<T, StringLiteral>) {
                return text::quote(n.value);
            } else if constexpr (std::is_same_v<T, VectorSelector>) {
                return selectorText(n) + atSuffix(n.atMs, n.atSpecial) + offsetSuffix(n.offsetMs);
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                return selectorText(n.selector) + "[" + text::formatDuration(n.rangeMs) + "]"
                    + atSuffix(n.selector.atMs, n.selector.atSpecial) + offsetSuffix(n.selector.offsetMs);
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                return format(*n.expr) + "[" + text::formatDuration(n.rangeMs) + ":"
                    + (n.stepMs != 0 ? text::formatDuration(n.stepMs) : std::string()) + "]"
                    + atSuffix(n.atMs, n.atSpecial) + offsetSuffix(n.offsetMs);
            } else if constexpr (std::is_same_v<T, AggregateExpr>) {
                std::string out(aggregateName(n.op));
                if (n.without)
                    out += " without (" + join(n.grouping) + ") ";
                else if (!n.grouping.empty())
                    out += " by (" + join(n.grouping) + ") ";
                out += '(';
                if (n.param)
                    out += format(*n.param) + ", ";
                if (n.expr)
                    out += format(*n.expr);
                return out + ")";
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                return format(*n.lhs) + " " + std::string(binaryName(n.op)) + (n.returnBool ? " bool" : "")
                    + matchingText(n) + " " + format(*n.rhs);
            } else if constexpr (std::is_same_v<T, UnaryExpr>) {
                return (n.negate ? "-" : "+") + format(*n.expr);
            } else if constexpr (std::is_same_v<T, ParenExpr>) {
                return "(" + format(*n.expr) + ")";
            } else {
                std::string out = n.func ? std::string(n.func->name) : std::string("<unknown>");
                out += '(';
                for (std::size_t i = 0; i < n.args.size(); ++i) {
                    if (i > 0)
                        out += ", ";
                    out += format(*n.args[i]);
                }
                return out + ")";
            }
        },
        expr.node);
}

} // namespace mw::promql
