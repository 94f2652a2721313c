#include "quality/QualityQueries.h"

#include <cmath>
#include <cstdlib>

namespace mw::quality {

namespace {

bool nameStart(char c, bool colon)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}

bool nameChar(char c, bool colon)
{
    return nameStart(c, colon) || (c >= '0' && c <= '9');
}

bool isName(std::string_view s, bool colon)
{
    if (s.empty() || !nameStart(s.front(), colon))
        return false;
    for (char c : s)
        if (!nameChar(c, colon))
            return false;
    return true;
}

/// metric{a="x",b="y"} with the spec's matchers and `extra` ones.
std::string selector(std::string_view metric, const std::vector<QueryMatcher> &matchers,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> extra = {})
{
    std::string out(metric);
    std::string inner;
    auto add = [&inner](std::string_view name, std::string_view value) {
        if (!inner.empty())
            inner += ',';
        inner += name;
        inner += '=';
        inner += promqlQuoted(value);
    };
    for (const QueryMatcher &m : matchers)
        add(m.name, m.value);
    for (const auto &[name, value] : extra)
        add(name, value);
    if (!inner.empty())
        out += '{' + inner + '}';
    return out;
}

std::string increaseSum(const std::string &sel, int64_t windowMs)
{
    return "sum(increase(" + sel + '[' + promqlDuration(windowMs) + "]))";
}

std::string validateMatchers(const std::vector<QueryMatcher> &matchers)
{
    for (const QueryMatcher &m : matchers)
        if (!isLabelName(m.name))
            return "'" + m.name + "' is not a label name";
    return {};
}

std::optional<std::string_view> label(const Labels &labels, std::string_view name)
{
    return labels.get(name);
}

/// le label values as Prometheus writes them ("0.5", "1e+06", "+Inf").
std::optional<double> parseLe(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const std::string s(text);
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || std::isnan(v))
        return std::nullopt;
    return v;
}

std::optional<std::vector<Bucket>> buckets(std::span<const promql::VectorSample> samples, std::string &error)
{
    std::vector<Bucket> out;
    out.reserve(samples.size());
    for (const promql::VectorSample &s : samples) {
        const auto le = label(s.labels, "le");
        const auto bound = le ? parseLe(*le) : std::nullopt;
        if (!bound) {
            error = "bucket sample " + s.labels.toString() + " has no valid le label";
            return std::nullopt;
        }
        out.push_back({*bound, s.value});
    }
    return out;
}

} // namespace

std::string promqlDuration(int64_t ms)
{
    struct Unit
    {
        int64_t ms;
        const char *suffix;
    };
    static constexpr Unit kUnits[] = {{7LL * 24 * 3600 * 1000, "w"}, {24LL * 3600 * 1000, "d"}, {3600LL * 1000, "h"},
                                      {60LL * 1000, "m"},            {1000, "s"}};
    if (ms > 0)
        for (const Unit &u : kUnits)
            if (ms % u.ms == 0)
                return std::to_string(ms / u.ms) + u.suffix;
    return std::to_string(ms) + "ms";
}

std::string promqlQuoted(std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (u < 0x20) {
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out + '"';
}

bool isMetricName(std::string_view name)
{
    return isName(name, true);
}

bool isLabelName(std::string_view name)
{
    return isName(name, false);
}

std::string validate(const ConfusionQuerySpec &spec)
{
    if (!isMetricName(spec.metric))
        return "'" + spec.metric + "' is not a metric name";
    if (!isLabelName(spec.predictedLabel) || !isLabelName(spec.actualLabel))
        return "'" + spec.predictedLabel + "' or '" + spec.actualLabel + "' is not a label name";
    if (spec.predictedLabel == spec.actualLabel)
        return "the predicted and actual labels must differ";
    if (spec.windowMs <= 0)
        return "the window must be positive";
    return validateMatchers(spec.matchers);
}

std::string validate(const ScoreHistogramSpec &spec)
{
    if (!isMetricName(spec.positiveMetric) || !isMetricName(spec.negativeMetric))
        return "'" + spec.positiveMetric + "' or '" + spec.negativeMetric + "' is not a metric name";
    if (spec.windowMs <= 0)
        return "the window must be positive";
    return validateMatchers(spec.matchers);
}

std::string confusionMatrixQuery(const ConfusionQuerySpec &spec)
{
    return "sum by (" + spec.predictedLabel + ", " + spec.actualLabel + ") (increase("
        + selector(spec.metric, spec.matchers) + '[' + promqlDuration(spec.windowMs) + "]))";
}

ClassQueries classQueries(const ConfusionQuerySpec &spec, std::string_view k)
{
    ClassQueries q;
    q.truePositives =
        increaseSum(selector(spec.metric, spec.matchers, {{spec.predictedLabel, k}, {spec.actualLabel, k}}), spec.windowMs);
    q.predicted = increaseSum(selector(spec.metric, spec.matchers, {{spec.predictedLabel, k}}), spec.windowMs);
    q.actual = increaseSum(selector(spec.metric, spec.matchers, {{spec.actualLabel, k}}), spec.windowMs);
    q.precision = q.truePositives + " / " + q.predicted;
    q.recall = q.truePositives + " / " + q.actual;
    q.f1 = "2 * " + q.truePositives + " / (" + q.predicted + " + " + q.actual + ")";
    return q;
}

std::string accuracyQuery(const ConfusionQuerySpec &spec, std::span<const std::string> classes)
{
    std::string correct;
    for (const std::string &k : classes) {
        if (!correct.empty())
            correct += " + ";
        correct += classQueries(spec, k).truePositives;
    }
    if (classes.size() > 1)
        correct = '(' + correct + ')';
    return correct + " / " + increaseSum(selector(spec.metric, spec.matchers), spec.windowMs);
}

std::string scoreBucketQuery(const ScoreHistogramSpec &spec, std::string_view metric)
{
    return "sum by (le) (increase(" + selector(std::string(metric) + "_bucket", spec.matchers) + '['
        + promqlDuration(spec.windowMs) + "]))";
}

std::optional<ConfusionMatrix> fromConfusionVector(std::span<const promql::VectorSample> samples,
                                                   const ConfusionQuerySpec &spec,
                                                   std::span<const std::string> extraClasses, std::string &error)
{
    std::vector<LabeledCount> cells;
    cells.reserve(samples.size());
    for (const promql::VectorSample &s : samples) {
        const auto predicted = label(s.labels, spec.predictedLabel);
        const auto actual = label(s.labels, spec.actualLabel);
        if (!predicted || !actual) {
            error = "sample " + s.labels.toString() + " lacks the " + spec.predictedLabel + " or " + spec.actualLabel
                + " label";
            return std::nullopt;
        }
        cells.push_back({*predicted, *actual, s.value});
    }
    auto matrix = ConfusionMatrix::fromLabeledCounts(cells, extraClasses);
    if (!matrix)
        error = "a confusion count is negative, NaN or infinite";
    return matrix;
}

BucketCurveResult curveFromBucketVectors(std::span<const promql::VectorSample> positives,
                                         std::span<const promql::VectorSample> negatives)
{
    BucketCurveResult result;
    const auto pos = buckets(positives, result.error);
    if (!pos)
        return result;
    const auto neg = buckets(negatives, result.error);
    if (!neg)
        return result;
    return BinaryCurve::fromBuckets(*pos, *neg);
}

} // namespace mw::quality
