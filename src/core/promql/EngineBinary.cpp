// Binary operators with Prometheus 2.42's semantics (promql/engine.go:
// VectorBinop, VectorscalarBinop, VectorAnd/Or/Unless, vectorElemBinop,
// resultMetric, signatureFunc).

#include "EngineEvaluator.h"

#include "Ast.h"
#include "PromqlText.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace mw::promql::detail {

namespace {

bool isComparison(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Eql:
    case BinaryOp::Neq:
    case BinaryOp::Gtr:
    case BinaryOp::Lss:
    case BinaryOp::Gte:
    case BinaryOp::Lte:
        return true;
    default:
        return false;
    }
}

bool isSetOperator(BinaryOp op)
{
    return op == BinaryOp::And || op == BinaryOp::Or || op == BinaryOp::Unless;
}

/// Arithmetic drops the metric name; comparisons (without bool) keep it.
bool dropsMetricName(BinaryOp op)
{
    return !isComparison(op) && !isSetOperator(op);
}

/// Prometheus' vectorElemBinop: the value and, for comparisons, whether it holds.
std::pair<double, bool> elementOp(BinaryOp op, double l, double r)
{
    switch (op) {
    case BinaryOp::Add:
        return {l + r, true};
    case BinaryOp::Sub:
        return {l - r, true};
    case BinaryOp::Mul:
        return {l * r, true};
    case BinaryOp::Div:
        return {l / r, true};
    case BinaryOp::Pow:
        return {std::pow(l, r), true};
    case BinaryOp::Mod:
        return {std::fmod(l, r), true};
    case BinaryOp::Atan2:
        return {std::atan2(l, r), true};
    case BinaryOp::Eql:
        return {l, l == r};
    case BinaryOp::Neq:
        return {l, l != r};
    case BinaryOp::Gtr:
        return {l, l > r};
    case BinaryOp::Lss:
        return {l, l < r};
    case BinaryOp::Gte:
        return {l, l >= r};
    case BinaryOp::Lte:
        return {l, l <= r};
    default:
        throw EvalError{"operator not allowed between these operands"};
    }
}

/// Scalar-scalar comparisons always carry bool (the parser insists).
double scalarOp(BinaryOp op, double l, double r)
{
    const auto [v, keep] = elementOp(op, l, r);
    if (isComparison(op))
        return keep ? 1.0 : 0.0;
    return v;
}

/// The matching signature of a label set: the `on` labels, or all labels but
/// the `ignoring` ones and the metric name.
std::string signature(const Labels &labels, const VectorMatching &m)
{
    std::string sig;
    for (const Labels::Pair &p : labels.pairs()) {
        const bool listed = std::find(m.matchingLabels.begin(), m.matchingLabels.end(), p.name)
            != m.matchingLabels.end();
        const bool include = m.on ? listed : (!listed && p.name != kMetricNameLabel);
        if (!include)
            continue;
        sig += p.name;
        sig += '\xff';
        sig += p.value;
        sig += '\xff';
    }
    return sig;
}

// labels.Labels.String() as Prometheus' error messages print label sets:
// {__name__="m", a="b"} (unlike model.Metric, the name is a plain pair).
std::string labelsText(const Labels &labels)
{
    std::string out = "{";
    for (const Labels::Pair &p : labels.pairs()) {
        if (out.size() > 1)
            out += ", ";
        out += p.name;
        out += '=';
        out += text::quote(p.value);
    }
    return out + "}";
}

// Prometheus' Labels.MatchLabels: the labels a match group is named by.
Labels matchedLabels(const Labels &labels, const VectorMatching &m)
{
    Labels out;
    for (const Labels::Pair &p : labels.pairs()) {
        const bool listed = std::find(m.matchingLabels.begin(), m.matchingLabels.end(), p.name)
            != m.matchingLabels.end();
        if (listed == m.on && (m.on || p.name != kMetricNameLabel))
            out.set(p.name, p.value);
    }
    return out;
}

Labels resultLabels(const Labels &lhs, const Labels &rhs, const BinaryExpr &node, const VectorMatching &m)
{
    Labels out = lhs;
    if (dropsMetricName(node.op) || node.returnBool)
        out.set(kMetricNameLabel, {});
    if (m.card == Cardinality::OneToOne) {
        if (m.on) {
            Labels kept;
            for (const Labels::Pair &p : out.pairs())
                if (std::find(m.matchingLabels.begin(), m.matchingLabels.end(), p.name) != m.matchingLabels.end())
                    kept.set(p.name, p.value);
            out = std::move(kept);
        } else {
            for (const std::string &name : m.matchingLabels)
                out.set(name, {});
        }
    }
    // group_x(labels): taken from the "one" side.
    for (const std::string &name : m.include)
        out.set(name, rhs.get(name).value_or(std::string_view{}));
    return out;
}

Vector setOperation(BinaryOp op, Vector lhs, Vector rhs, const VectorMatching &m)
{
    Vector out;
    if (op == BinaryOp::And) {
        if (lhs.empty() || rhs.empty())
            return out;
        std::unordered_set<std::string> right;
        for (const VectorSample &s : rhs)
            right.insert(signature(s.labels, m));
        for (VectorSample &s : lhs)
            if (right.count(signature(s.labels, m)))
                out.push_back(std::move(s));
        return out;
    }
    if (op == BinaryOp::Or) {
        std::unordered_set<std::string> left;
        for (VectorSample &s : lhs) {
            left.insert(signature(s.labels, m));
            out.push_back(std::move(s));
        }
        for (VectorSample &s : rhs)
            if (!left.count(signature(s.labels, m)))
                out.push_back(std::move(s));
        return out;
    }
    // unless
    std::unordered_set<std::string> right;
    for (const VectorSample &s : rhs)
        right.insert(signature(s.labels, m));
    for (VectorSample &s : lhs)
        if (!right.count(signature(s.labels, m)))
            out.push_back(std::move(s));
    return out;
}

Vector vectorVector(const BinaryExpr &node, Vector lhs, Vector rhs, const VectorMatching &m)
{
    if (m.card == Cardinality::ManyToMany)
        throw EvalError{"many-to-many only allowed for set operators"};
    const bool oneToMany = m.card == Cardinality::OneToMany;
    if (oneToMany)
        std::swap(lhs, rhs);
    // The rhs is now the "one" side: its signatures must be unique.
    std::unordered_map<std::string, const VectorSample *> right;
    for (const VectorSample &rs : rhs) {
        auto [it, inserted] = right.emplace(signature(rs.labels, m), &rs);
        if (!inserted)
            throw EvalError{"found duplicate series for the match group " + labelsText(matchedLabels(rs.labels, m))
                            + " on the " + std::string(oneToMany ? "left" : "right") + " hand-side of the operation: ["
                            + labelsText(rs.labels) + ", " + labelsText(it->second->labels)
                            + "];many-to-many matching not allowed: matching labels must be unique on one side"};
    }
    std::unordered_map<std::string, std::unordered_set<uint64_t>> matched;
    Vector out;
    for (const VectorSample &ls : lhs) {
        const std::string sig = signature(ls.labels, m);
        const auto r = right.find(sig);
        if (r == right.end())
            continue;
        double vl = ls.value;
        double vr = r->second->value;
        if (oneToMany)
            std::swap(vl, vr);
        auto [value, keep] = elementOp(node.op, vl, vr);
        if (node.returnBool) {
            value = keep ? 1.0 : 0.0;
        } else if (!keep) {
            continue;
        }
        Labels metric = resultLabels(ls.labels, r->second->labels, node, m);
        auto [group, fresh] = matched.try_emplace(sig);
        if (m.card == Cardinality::OneToOne) {
            if (!fresh)
                throw EvalError{"multiple matches for labels: many-to-one matching must be explicit "
                                "(group_left/group_right)"};
        } else if (!group->second.insert(metric.hash()).second) {
            throw EvalError{"multiple matches for labels: grouping labels must ensure unique matches"};
        }
        out.push_back(VectorSample{std::move(metric), value, ls.t});
    }
    return out;
}

Vector vectorScalar(const BinaryExpr &node, Vector vec, double scalar, bool scalarOnLeft)
{
    Vector out;
    out.reserve(vec.size());
    for (VectorSample &s : vec) {
        double l = s.value;
        double r = scalar;
        if (scalarOnLeft)
            std::swap(l, r);
        auto [value, keep] = elementOp(node.op, l, r);
        // A comparison keeps the vector's value, whichever side it is on.
        if (isComparison(node.op) && scalarOnLeft)
            value = r;
        if (node.returnBool) {
            value = keep ? 1.0 : 0.0;
            keep = true;
        }
        if (!keep)
            continue;
        s.value = value;
        if (dropsMetricName(node.op) || node.returnBool)
            s.labels.set(kMetricNameLabel, {});
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

EvalValue binaryOperation(const BinaryExpr &node, EvalValue lhs, EvalValue rhs)
{
    auto *ls = std::get_if<ScalarValue>(&lhs);
    auto *rs = std::get_if<ScalarValue>(&rhs);
    if (ls && rs)
        return ScalarValue{scalarOp(node.op, ls->value, rs->value), ls->t};
    Vector result;
    if (ls || rs) {
        if (isSetOperator(node.op))
            throw EvalError{"set operator not allowed in binary scalar expression"};
        result = ls ? vectorScalar(node, std::get<Vector>(std::move(rhs)), ls->value, true)
                    : vectorScalar(node, std::get<Vector>(std::move(lhs)), rs->value, false);
    } else {
        const VectorMatching m = node.matching.value_or(VectorMatching{});
        auto &lv = std::get<Vector>(lhs);
        auto &rv = std::get<Vector>(rhs);
        result = isSetOperator(node.op) ? setOperation(node.op, std::move(lv), std::move(rv), m)
                                        : vectorVector(node, std::move(lv), std::move(rv), m);
    }
    checkUniqueLabels(result);
    return result;
}

} // namespace mw::promql::detail
