#include "EngineEvaluator.h"

#include "Ast.h"

#include <algorithm>
#include <unordered_set>

namespace mw::promql::detail {

namespace {

CompiledMatcher::Op toOp(MatchType t)
{
    switch (t) {
    case MatchType::Equal:
        return CompiledMatcher::Op::Equal;
    case MatchType::NotEqual:
        return CompiledMatcher::Op::NotEqual;
    case MatchType::Regex:
        return CompiledMatcher::Op::Regex;
    case MatchType::NotRegex:
        return CompiledMatcher::Op::NotRegex;
    }
    return CompiledMatcher::Op::Equal;
}

// Calls f(child) for each direct child expression of `e`.
template<typename F>
void forEachChild(const Expr &e, F &&f)
{
    std::visit(
        [&](const auto &n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, AggregateExpr>) {
                if (n.param)
                    f(*n.param);
                f(*n.expr);
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                f(*n.lhs);
                f(*n.rhs);
            } else if constexpr (std::is_same_v<T, UnaryExpr> || std::is_same_v<T, ParenExpr>
                                 || std::is_same_v<T, SubqueryExpr>) {
                f(*n.expr);
            } else if constexpr (std::is_same_v<T, Call>) {
                for (const ExprPtr &a : n.args)
                    f(*a);
            }
        },
        e.node);
}

} // namespace

const char *valueTypeName(const EvalValue &v)
{
    switch (v.index()) {
    case 0:
        return "scalar";
    case 1:
        return "instant vector";
    case 2:
        return "range vector";
    default:
        return "string";
    }
}

void checkUniqueLabels(const Vector &v)
{
    if (v.size() < 2)
        return;
    std::unordered_set<uint64_t> hashes;
    hashes.reserve(v.size());
    bool collision = false;
    for (const VectorSample &s : v)
        collision |= !hashes.insert(s.labels.hash()).second;
    if (!collision)
        return;
    // Hashes collided: compare the label sets themselves.
    for (std::size_t i = 0; i < v.size(); ++i)
        for (std::size_t j = i + 1; j < v.size(); ++j)
            if (v[i].labels == v[j].labels)
                throw EvalError{"vector cannot contain metrics with the same labelset"};
}

Evaluator::Evaluator(const Queryable &data, const EngineOptions &options, int64_t startMs, int64_t endMs)
    : m_data(data)
    , m_options(options)
    , m_start(startMs)
    , m_end(endMs)
{
}

void Evaluator::warn(std::string message)
{
    if (std::find(m_warnings.begin(), m_warnings.end(), message) == m_warnings.end())
        m_warnings.push_back(std::move(message));
}

void Evaluator::prepare(const Expr &root)
{
    std::visit(
        [&](const auto &n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, VectorSelector>) {
                load(n, 0);
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                load(n.selector, n.rangeMs);
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                throw EvalError{"subqueries are not supported by the local engine yet; run this query against a "
                                "Prometheus source"};
            }
        },
        root.node);
    forEachChild(root, [&](const Expr &child) { prepare(child); });
}

void Evaluator::load(const VectorSelector &sel, int64_t rangeMs)
{
    if (sel.hasAt())
        throw EvalError{"the @ modifier is not supported by the local engine yet; run this query against a "
                        "Prometheus source"};
    std::vector<CompiledMatcher> matchers;
    matchers.reserve(sel.matchers.size());
    for (const LabelMatcher &m : sel.matchers) {
        matchers.emplace_back(toOp(m.type), m.name, m.value);
        if (!matchers.back().error().empty())
            throw EvalError{matchers.back().error()};
    }
    // A vector selector looks back lookbackDelta; a matrix selector its range.
    const int64_t back = rangeMs > 0 ? rangeMs : m_options.lookbackDeltaMs;
    const int64_t mint = m_start - sel.offsetMs - back;
    const int64_t maxt = m_end - sel.offsetMs;
    std::vector<SeriesData> data = m_data.select(matchers, mint, maxt);
    for (const SeriesData &s : data)
        m_loadedPoints += s.points.size();
    if (m_loadedPoints > m_options.maxSamples)
        throw EvalError{"query processing would load too many samples into memory (more than "
                        + std::to_string(m_options.maxSamples) + ")"};
    m_loaded[&sel] = std::move(data);
}

Vector Evaluator::selectVector(const VectorSelector &sel, int64_t t)
{
    const auto it = m_loaded.find(&sel);
    Vector out;
    if (it == m_loaded.end())
        return out;
    const int64_t ref = t - sel.offsetMs;
    const int64_t oldest = ref - m_options.lookbackDeltaMs;
    for (const SeriesData &s : it->second) {
        // The newest sample at or before ref...
        auto after = std::upper_bound(s.points.begin(), s.points.end(), ref,
                                      [](int64_t v, const Point &p) { return v < p.t; });
        if (after == s.points.begin())
            continue;
        const Point &p = *(after - 1);
        // ...within the lookback window (2.42: closed; 3.x: left-open), and
        // not a staleness marker.
        const bool inWindow = m_options.compat == PromCompat::V3 ? p.t > oldest : p.t >= oldest;
        if (!inWindow || isStaleNaN(p.v))
            continue;
        out.push_back(VectorSample{s.labels, p.v, p.t});
    }
    return out;
}

MatrixRef Evaluator::selectMatrix(const MatrixSelector &sel, int64_t t, int64_t &rangeStart, int64_t &rangeEnd)
{
    MatrixRef out;
    rangeEnd = t - sel.selector.offsetMs;
    rangeStart = rangeEnd - sel.rangeMs;
    const auto it = m_loaded.find(&sel.selector);
    if (it == m_loaded.end())
        return out;
    const bool leftOpen = m_options.compat == PromCompat::V3;
    for (const SeriesData &s : it->second) {
        auto first = leftOpen ? std::upper_bound(s.points.begin(), s.points.end(), rangeStart,
                                                 [](int64_t v, const Point &p) { return v < p.t; })
                              : std::lower_bound(s.points.begin(), s.points.end(), rangeStart,
                                                 [](const Point &p, int64_t v) { return p.t < v; });
        auto last = std::upper_bound(first, s.points.end(), rangeEnd,
                                     [](int64_t v, const Point &p) { return v < p.t; });
        // Only staleness markers in the window: no samples.
        bool any = false;
        for (auto p = first; p != last && !any; ++p)
            any = !isStaleNaN(p->v);
        if (any)
            out.push_back(RangeRef{&s.labels, std::span<const Point>(&*first, static_cast<size_t>(last - first))});
    }
    return out;
}

Labels Evaluator::absentLabels(const VectorSelector &sel)
{
    Labels out;
    std::unordered_set<std::string> seen;
    std::unordered_set<std::string> repeated;
    for (const LabelMatcher &m : sel.matchers) {
        if (m.name == kMetricNameLabel)
            continue;
        if (!seen.insert(m.name).second)
            repeated.insert(m.name);
    }
    for (const LabelMatcher &m : sel.matchers)
        if (m.type == MatchType::Equal && m.name != kMetricNameLabel && !repeated.count(m.name))
            out.set(m.name, m.value);
    return out;
}

EvalValue Evaluator::eval(const Expr &expr, int64_t t)
{
    return evalNode(expr, t);
}

EvalValue Evaluator::evalNode(const Expr &expr, int64_t t)
{
    return std::visit(
        [&](const auto &n) -> EvalValue {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, NumberLiteral>) {
                return ScalarValue{n.value, t};
            } else if constexpr (std::is_same_v<T, StringLiteral>) {
                return StringValue{n.value, t};
            } else if constexpr (std::is_same_v<T, VectorSelector>) {
                return selectVector(n, t);
            } else if constexpr (std::is_same_v<T, MatrixSelector>) {
                int64_t s = 0, e = 0;
                return selectMatrix(n, t, s, e);
            } else if constexpr (std::is_same_v<T, SubqueryExpr>) {
                throw EvalError{"subqueries are not supported by the local engine yet"};
            } else if constexpr (std::is_same_v<T, ParenExpr>) {
                return evalNode(*n.expr, t);
            } else if constexpr (std::is_same_v<T, UnaryExpr>) {
                EvalValue v = evalNode(*n.expr, t);
                if (!n.negate)
                    return v;
                if (auto *s = std::get_if<ScalarValue>(&v)) {
                    s->value = -s->value;
                    return v;
                }
                auto &vec = std::get<Vector>(v);
                for (VectorSample &s : vec) {
                    s.value = -s.value;
                    s.labels.set(kMetricNameLabel, {});
                }
                checkUniqueLabels(vec);
                return v;
            } else if constexpr (std::is_same_v<T, AggregateExpr>) {
                EvalValue param;
                const bool hasParam = n.param != nullptr;
                if (hasParam)
                    param = evalNode(*n.param, t);
                const EvalValue input = evalNode(*n.expr, t);
                return aggregate(n, std::get<Vector>(input), hasParam ? &param : nullptr);
            } else if constexpr (std::is_same_v<T, BinaryExpr>) {
                EvalValue lhs = evalNode(*n.lhs, t);
                EvalValue rhs = evalNode(*n.rhs, t);
                return binaryOperation(n, std::move(lhs), std::move(rhs));
            } else if constexpr (std::is_same_v<T, Call>) {
                return callFunction(*this, n, t);
            } else {
                throw EvalError{"unsupported expression"};
            }
        },
        expr.node);
}

} // namespace mw::promql::detail
