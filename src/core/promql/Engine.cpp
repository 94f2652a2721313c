#include "Engine.h"

#include "Ast.h"
#include "EngineEvaluator.h"

#include <algorithm>
#include <unordered_map>

namespace mw::promql {

using detail::EvalError;
using detail::EvalValue;
using detail::Evaluator;

const char *QueryResult::resultType() const
{
    switch (value.index()) {
    case 0:
        return "scalar";
    case 1:
        return "vector";
    case 2:
        return "matrix";
    default:
        return "string";
    }
}

Engine::Engine(const Queryable &data, EngineOptions options)
    : m_data(data)
    , m_options(options)
{
}

QueryResult Engine::instantQuery(std::string_view query, int64_t timeMs) const
{
    const ParseResult parsed = parse(query);
    if (parsed.error) {
        QueryResult r;
        r.error = parsed.error->toString();
        return r;
    }
    return instant(*parsed.expr, timeMs);
}

QueryResult Engine::rangeQuery(std::string_view query, int64_t startMs, int64_t endMs, int64_t stepMs) const
{
    const ParseResult parsed = parse(query);
    if (parsed.error) {
        QueryResult r;
        r.error = parsed.error->toString();
        return r;
    }
    return range(*parsed.expr, startMs, endMs, stepMs);
}

QueryResult Engine::instant(const Expr &expr, int64_t timeMs) const
{
    QueryResult result;
    try {
        Evaluator ev(m_data, m_options, timeMs, timeMs);
        ev.prepare(expr);
        EvalValue v = ev.eval(expr, timeMs);
        result.warnings = ev.takeWarnings();
        std::visit(
            [&](auto &&x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, detail::MatrixRef>) {
                    Matrix m;
                    for (const detail::RangeRef &r : x) {
                        MatrixSeries s{*r.labels, {}};
                        for (const Point &p : r.points)
                            if (!isStaleNaN(p.v))
                                s.points.push_back(p);
                        m.push_back(std::move(s));
                    }
                    result.value = std::move(m);
                } else if constexpr (std::is_same_v<T, Vector>) {
                    // The API reports instant samples at the evaluation time.
                    for (VectorSample &sample : x)
                        sample.t = timeMs;
                    result.value = std::move(x);
                } else {
                    result.value = std::move(x);
                }
            },
            v);
    } catch (const EvalError &e) {
        result.error = e.message;
        result.value = ScalarValue{};
    }
    return result;
}

QueryResult Engine::range(const Expr &expr, int64_t startMs, int64_t endMs, int64_t stepMs) const
{
    QueryResult result;
    result.value = Matrix{};
    if (stepMs <= 0) {
        result.error = "zero or negative query resolution step widths are not accepted. Try a positive integer";
        return result;
    }
    if (endMs < startMs) {
        result.error = "end timestamp must not be before start time";
        return result;
    }
    if ((endMs - startMs) / stepMs > m_options.maxSteps) {
        result.error = "exceeded maximum resolution of " + std::to_string(m_options.maxSteps)
            + " points per timeseries. Try decreasing the query resolution (?step=XX)";
        return result;
    }
    try {
        Evaluator ev(m_data, m_options, startMs, endMs);
        ev.prepare(expr);
        Matrix out;
        std::unordered_map<uint64_t, std::vector<std::size_t>> byHash;
        auto seriesFor = [&](const Labels &labels) -> MatrixSeries & {
            auto &candidates = byHash[labels.hash()];
            for (std::size_t i : candidates)
                if (out[i].labels == labels)
                    return out[i];
            candidates.push_back(out.size());
            out.push_back(MatrixSeries{labels, {}});
            return out.back();
        };
        for (int64_t t = startMs; t <= endMs; t += stepMs) {
            EvalValue v = ev.eval(expr, t);
            if (auto *s = std::get_if<ScalarValue>(&v)) {
                seriesFor(Labels{}).points.push_back(Point{t, s->value});
            } else if (auto *vec = std::get_if<Vector>(&v)) {
                for (const VectorSample &sample : *vec) {
                    MatrixSeries &series = seriesFor(sample.labels);
                    if (!series.points.empty() && series.points.back().t == t)
                        throw EvalError{"vector cannot contain metrics with the same labelset"};
                    series.points.push_back(Point{t, sample.value});
                }
            } else {
                throw EvalError{std::string("invalid expression type \"") + detail::valueTypeName(v)
                                + "\" for range query, must be Scalar or instant Vector"};
            }
        }
        // labels.Compare order: pair by pair, name then value, shorter first.
        std::sort(out.begin(), out.end(), [](const MatrixSeries &a, const MatrixSeries &b) {
            const auto &pa = a.labels.pairs();
            const auto &pb = b.labels.pairs();
            return std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end(),
                                                [](const Labels::Pair &x, const Labels::Pair &y) {
                                                    return x.name != y.name ? x.name < y.name : x.value < y.value;
                                                });
        });
        result.value = std::move(out);
        result.warnings = ev.takeWarnings();
    } catch (const EvalError &e) {
        result.error = e.message;
    }
    return result;
}

} // namespace mw::promql
