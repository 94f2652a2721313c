// Function calls with Prometheus 2.42's semantics (promql/functions.go).
// Range functions drop the metric name (last_over_time keeps it); instant
// math functions drop it; sort/sort_desc keep the input as is.

#include "EngineEvaluator.h"

#include "Ast.h"
#include "Functions.h"
#include "query/HistogramQuantile.h"
#include "query/RateFunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>

namespace mw::promql::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using RangeFn = std::optional<double> (*)(std::span<const Point>, int64_t, int64_t, PromCompat);

std::optional<double> rangeRate(std::span<const Point> p, int64_t s, int64_t e, PromCompat c) { return rate(p, s, e, c); }
std::optional<double> rangeIncrease(std::span<const Point> p, int64_t s, int64_t e, PromCompat c) { return increase(p, s, e, c); }
std::optional<double> rangeDelta(std::span<const Point> p, int64_t s, int64_t e, PromCompat c) { return delta(p, s, e, c); }
std::optional<double> rangeIrate(std::span<const Point> p, int64_t, int64_t, PromCompat) { return irate(p); }
std::optional<double> rangeIdelta(std::span<const Point> p, int64_t, int64_t, PromCompat) { return idelta(p); }
std::optional<double> rangeResets(std::span<const Point> p, int64_t, int64_t, PromCompat) { return resets(p); }
std::optional<double> rangeChanges(std::span<const Point> p, int64_t, int64_t, PromCompat) { return changes(p); }
std::optional<double> rangeAvg(std::span<const Point> p, int64_t, int64_t, PromCompat c) { return avgOverTime(p, c); }
std::optional<double> rangeSum(std::span<const Point> p, int64_t, int64_t, PromCompat) { return sumOverTime(p); }
std::optional<double> rangeMin(std::span<const Point> p, int64_t, int64_t, PromCompat) { return minOverTime(p); }
std::optional<double> rangeMax(std::span<const Point> p, int64_t, int64_t, PromCompat) { return maxOverTime(p); }
std::optional<double> rangeCount(std::span<const Point> p, int64_t, int64_t, PromCompat) { return countOverTime(p); }
std::optional<double> rangeLast(std::span<const Point> p, int64_t, int64_t, PromCompat) { return lastOverTime(p); }
std::optional<double> rangeStddev(std::span<const Point> p, int64_t, int64_t, PromCompat) { return stddevOverTime(p); }
std::optional<double> rangeStdvar(std::span<const Point> p, int64_t, int64_t, PromCompat) { return stdvarOverTime(p); }
std::optional<double> rangePresent(std::span<const Point> p, int64_t, int64_t, PromCompat)
{
    for (const Point &x : p)
        if (!isStaleNaN(x.v))
            return 1.0;
    return std::nullopt;
}

const std::map<std::string_view, RangeFn> &rangeFunctions()
{
    static const std::map<std::string_view, RangeFn> table = {
        {"rate", rangeRate},
        {"increase", rangeIncrease},
        {"delta", rangeDelta},
        {"irate", rangeIrate},
        {"idelta", rangeIdelta},
        {"resets", rangeResets},
        {"changes", rangeChanges},
        {"avg_over_time", rangeAvg},
        {"sum_over_time", rangeSum},
        {"min_over_time", rangeMin},
        {"max_over_time", rangeMax},
        {"count_over_time", rangeCount},
        {"last_over_time", rangeLast},
        {"stddev_over_time", rangeStddev},
        {"stdvar_over_time", rangeStdvar},
        {"present_over_time", rangePresent},
    };
    return table;
}

using MathFn = double (*)(double);

const std::map<std::string_view, MathFn> &mathFunctions()
{
    static const std::map<std::string_view, MathFn> table = {
        {"abs", [](double v) { return std::fabs(v); }},
        {"ceil", [](double v) { return std::ceil(v); }},
        {"floor", [](double v) { return std::floor(v); }},
        {"exp", [](double v) { return std::exp(v); }},
        {"ln", [](double v) { return std::log(v); }},
        {"log2", [](double v) { return std::log2(v); }},
        {"log10", [](double v) { return std::log10(v); }},
        {"sqrt", [](double v) { return std::sqrt(v); }},
    };
    return table;
}

double scalarArg(Evaluator &ev, const Call &call, std::size_t i, int64_t t)
{
    return std::get<ScalarValue>(ev.eval(*call.args[i], t)).value;
}

Vector vectorArg(Evaluator &ev, const Call &call, std::size_t i, int64_t t)
{
    return std::get<Vector>(ev.eval(*call.args[i], t));
}

// Go's math.Max and math.Min: NaN wins (std::max/std::min would return the
// other operand).
double goMax(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return kNaN;
    return std::max(a, b);
}
double goMin(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return kNaN;
    return std::min(a, b);
}

// Prometheus evaluates a matrix argument through parentheses: rate((x[5m])).
const Expr &unwrapParens(const Expr &e)
{
    if (const auto *p = std::get_if<ParenExpr>(&e.node); p && p->expr)
        return unwrapParens(*p->expr);
    return e;
}

void dropName(Vector &v)
{
    for (VectorSample &s : v)
        s.labels.set(kMetricNameLabel, {});
}

Vector histogramQuantile(Evaluator &ev, double q, const Vector &input)
{
    struct Group
    {
        Labels labels;
        std::vector<Bucket> buckets;
    };
    std::map<std::string, Group> groups; // ordered: deterministic output
    for (const VectorSample &s : input) {
        const auto le = s.labels.get("le");
        if (!le)
            continue;
        const std::optional<double> bound = parsePromFloat(*le);
        if (!bound)
            continue; // Prometheus skips buckets whose le does not parse
        Labels l = s.labels;
        l.set("le", {});
        l.set(kMetricNameLabel, {});
        Group &g = groups[l.toString()];
        if (g.buckets.empty())
            g.labels = std::move(l);
        g.buckets.push_back(Bucket{*bound, s.value});
    }
    Vector out;
    for (auto &[key, g] : groups) {
        const QuantileResult r = bucketQuantile(q, g.buckets, ev.options().compat);
        if (r.forcedMonotonicity)
            ev.warn("input to histogram_quantile needed to be fixed for monotonicity (and may give inaccurate "
                    "results) for metric name \"" + std::string(input.front().labels.metricName()) + "\"");
        out.push_back(VectorSample{std::move(g.labels), r.value, 0});
    }
    return out;
}

} // namespace

EvalValue callFunction(Evaluator &ev, const Call &call, int64_t t)
{
    const std::string_view name = call.func->name;

    if (const auto it = rangeFunctions().find(name); it != rangeFunctions().end()) {
        const auto *ms = std::get_if<MatrixSelector>(&unwrapParens(*call.args.back()).node);
        if (!ms)
            throw EvalError{"function \"" + std::string(name)
                            + "\" over a subquery is not supported by the local engine yet"};
        int64_t rangeStart = 0, rangeEnd = 0;
        const MatrixRef series = ev.selectMatrix(*ms, t, rangeStart, rangeEnd);
        Vector out;
        for (const RangeRef &s : series) {
            const std::optional<double> v = it->second(s.points, rangeStart, rangeEnd, ev.options().compat);
            if (!v)
                continue;
            VectorSample sample{*s.labels, *v, t};
            if (name != "last_over_time")
                sample.labels.set(kMetricNameLabel, {});
            out.push_back(std::move(sample));
        }
        checkUniqueLabels(out);
        return out;
    }
    if (name == "quantile_over_time") {
        const double q = scalarArg(ev, call, 0, t);
        const auto *ms = std::get_if<MatrixSelector>(&unwrapParens(*call.args[1]).node);
        if (!ms)
            throw EvalError{"quantile_over_time over a subquery is not supported by the local engine yet"};
        int64_t rangeStart = 0, rangeEnd = 0;
        std::vector<double> scratch;
        Vector out;
        for (const RangeRef &s : ev.selectMatrix(*ms, t, rangeStart, rangeEnd)) {
            const std::optional<double> v = quantileOverTime(q, s.points, scratch);
            if (!v)
                continue;
            VectorSample sample{*s.labels, *v, t};
            sample.labels.set(kMetricNameLabel, {});
            out.push_back(std::move(sample));
        }
        checkUniqueLabels(out);
        return out;
    }
    if (const auto it = mathFunctions().find(name); it != mathFunctions().end()) {
        Vector v = vectorArg(ev, call, 0, t);
        for (VectorSample &s : v)
            s.value = it->second(s.value);
        dropName(v);
        checkUniqueLabels(v);
        return v;
    }
    if (name == "round") {
        Vector v = vectorArg(ev, call, 0, t);
        const double toNearest = call.args.size() > 1 ? scalarArg(ev, call, 1, t) : 1.0;
        // Prometheus: floor(v * 1/toNearest + 0.5) / (1/toNearest).
        const double inverse = 1.0 / toNearest;
        for (VectorSample &s : v)
            s.value = std::floor(s.value * inverse + 0.5) / inverse;
        dropName(v);
        checkUniqueLabels(v);
        return v;
    }
    if (name == "clamp" || name == "clamp_min" || name == "clamp_max") {
        Vector v = vectorArg(ev, call, 0, t);
        double lo = -std::numeric_limits<double>::infinity();
        double hi = std::numeric_limits<double>::infinity();
        if (name == "clamp") {
            lo = scalarArg(ev, call, 1, t);
            hi = scalarArg(ev, call, 2, t);
            if (hi < lo)
                return Vector{};
        } else if (name == "clamp_min") {
            lo = scalarArg(ev, call, 1, t);
        } else {
            hi = scalarArg(ev, call, 1, t);
        }
        for (VectorSample &s : v) {
            if (name == "clamp")
                s.value = goMax(lo, goMin(hi, s.value));
            else if (name == "clamp_min")
                s.value = goMax(lo, s.value);
            else
                s.value = goMin(hi, s.value);
        }
        dropName(v);
        checkUniqueLabels(v);
        return v;
    }
    if (name == "histogram_quantile") {
        const double q = scalarArg(ev, call, 0, t);
        Vector v = histogramQuantile(ev, q, vectorArg(ev, call, 1, t));
        checkUniqueLabels(v);
        return v;
    }
    if (name == "scalar") {
        const Vector v = vectorArg(ev, call, 0, t);
        return ScalarValue{v.size() == 1 ? v.front().value : kNaN, t};
    }
    if (name == "vector")
        return Vector{VectorSample{Labels{}, scalarArg(ev, call, 0, t), t}};
    if (name == "time")
        return ScalarValue{static_cast<double>(t) / 1000.0, t};
    if (name == "timestamp") {
        // A selector's samples keep their own time; any other argument is
        // stamped with the evaluation time, as in Prometheus' rangeEval.
        const bool selector = std::holds_alternative<VectorSelector>(unwrapParens(*call.args[0]).node);
        Vector v = vectorArg(ev, call, 0, t);
        for (VectorSample &s : v)
            s.value = static_cast<double>(selector ? s.t : t) / 1000.0;
        dropName(v);
        checkUniqueLabels(v);
        return v;
    }
    if (name == "sort" || name == "sort_desc") {
        // Ascending (sort) or descending (sort_desc), NaN last in both.
        Vector v = vectorArg(ev, call, 0, t);
        const bool asc = name == "sort";
        std::stable_sort(v.begin(), v.end(), [asc](const VectorSample &a, const VectorSample &b) {
            if (std::isnan(a.value))
                return false;
            return std::isnan(b.value) || (asc ? a.value < b.value : a.value > b.value);
        });
        return v;
    }
    if (name == "absent") {
        const Vector v = vectorArg(ev, call, 0, t);
        if (!v.empty())
            return Vector{};
        Labels labels;
        if (const auto *sel = std::get_if<VectorSelector>(&call.args[0]->node))
            labels = Evaluator::absentLabels(*sel);
        return Vector{VectorSample{std::move(labels), 1.0, t}};
    }
    throw EvalError{"function \"" + std::string(name)
                    + "\" is not supported by the local engine yet; run this query against a Prometheus source"};
}

} // namespace mw::promql::detail
