#include "PromqlTreeDump.h"

#include "promql/Functions.h"

#include <charconv>
#include <cmath>

namespace mw::promql::test {

namespace {

std::string num(double v)
{
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string str(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[(c >> 4) & 0xF];
            out += hex[c & 0xF];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string list(const std::vector<std::string> &v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i)
        out += (i ? "," : "") + v[i];
    return out + "]";
}

std::string modifiers(int64_t offsetMs, const std::optional<int64_t> &atMs, AtSpecial at)
{
    std::string out;
    if (offsetMs != 0)
        out += " offset=" + std::to_string(offsetMs);
    if (atMs)
        out += " at=" + std::to_string(*atMs);
    if (at == AtSpecial::Start)
        out += " at=start";
    if (at == AtSpecial::End)
        out += " at=end";
    return out;
}

std::string selector(const VectorSelector &vs)
{
    static const char *const ops[] = {"=", "!=", "=~", "!~"};
    std::string out = "vs(" + vs.name + "{";
    for (std::size_t i = 0; i < vs.matchers.size(); ++i) {
        const LabelMatcher &m = vs.matchers[i];
        out += (i ? "," : "") + m.name + ops[static_cast<int>(m.type)] + str(m.value);
    }
    return out + "}" + modifiers(vs.offsetMs, vs.atMs, vs.atSpecial) + ")";
}

const char *aggName(AggregateOp op)
{
    static const char *const names[] = {"sum",    "avg",    "min",  "max",     "count",    "group",
                                        "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values"};
    return names[static_cast<int>(op)];
}

const char *binName(BinaryOp op)
{
    static const char *const names[] = {"+", "-", "*", "/", "%", "^", "atan2", "==",
                                        "!=", ">", "<", ">=", "<=", "and", "or", "unless"};
    return names[static_cast<int>(op)];
}

const char *cardName(Cardinality c)
{
    static const char *const names[] = {"one-to-one", "many-to-one", "one-to-many", "many-to-many"};
    return names[static_cast<int>(c)];
}

} // namespace

std::string dumpTree(const Expr &e, bool withPositions)
{
    auto sub = [&](const Expr &c) { return dumpTree(c, withPositions); };
    std::string out = std::visit(
        [&](const auto &n) -> std::string {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, NumberLiteral>) {
                return "num(" + num(n.value) + ")";
            } else if constexpr (std::is_same_v<T, StringLiteral>) {
                return "str(" + str(n.value) + ")";
            } else if constexpr (std::is_same_v<T, VectorSelector>) {
                return selector(n);
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                return "matrix(" + selector(n.selector) + " range=" + std::to_string(n.rangeMs) + ")";
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                return "subquery(" + sub(*n.expr) + " range=" + std::to_string(n.rangeMs) + " step="
                    + std::to_string(n.stepMs) + modifiers(n.offsetMs, n.atMs, n.atSpecial) + ")";
            } else if constexpr (std::is_same_v<T, AggregateExpr>) {
                std::string s = std::string("agg(") + aggName(n.op);
                if (n.without || !n.grouping.empty())
                    s += (n.without ? " without=" : " by=") + list(n.grouping);
                if (n.param)
                    s += " param=" + sub(*n.param);
                return s + " " + (n.expr ? sub(*n.expr) : std::string("null")) + ")";
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                std::string s = std::string("bin(") + binName(n.op) + (n.returnBool ? " bool" : "") + " "
                    + sub(*n.lhs) + " " + sub(*n.rhs);
                if (n.matching) {
                    const VectorMatching &m = *n.matching;
                    s += std::string(" ") + cardName(m.card);
                    if (m.on || !m.matchingLabels.empty())
                        s += (m.on ? " on=" : " ignoring=") + list(m.matchingLabels);
                    if (!m.include.empty())
                        s += " include=" + list(m.include);
                }
                return s + ")";
            } else if constexpr (std::is_same_v<T, UnaryExpr>) {
                return std::string(n.negate ? "neg(" : "pos(") + sub(*n.expr) + ")";
            } else if constexpr (std::is_same_v<T, ParenExpr>) {
                return "paren(" + sub(*n.expr) + ")";
            } else {
                std::string s = "call(" + std::string(n.func ? n.func->name : "?");
                for (const ExprPtr &a : n.args)
                    s += " " + sub(*a);
                return s + ")";
            }
        },
        e.node);
    if (withPositions)
        out += "@" + std::to_string(e.pos.start) + ":" + std::to_string(e.pos.end);
    return out;
}

} // namespace mw::promql::test
