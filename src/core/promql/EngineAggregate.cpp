// Aggregation operators with Prometheus 2.42's arithmetic
// (promql/engine.go: aggregation), including its heap-based topk/bottomk so
// that ties pick the same series.

#include "EngineEvaluator.h"

#include "Ast.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace mw::promql::detail {

namespace {

struct Group
{
    Labels labels;
    double value = 0.0;
    double mean = 0.0;
    double count = 0.0;
    std::vector<const VectorSample *> heap; ///< topk/bottomk/quantile
};

// Go's container/heap over a slice with a less() function.
template<typename Less>
void heapUp(std::vector<const VectorSample *> &h, std::size_t j, Less less)
{
    while (j > 0) {
        const std::size_t i = (j - 1) / 2;
        if (i == j || !less(h[j], h[i]))
            break;
        std::swap(h[i], h[j]);
        j = i;
    }
}

template<typename Less>
bool heapDown(std::vector<const VectorSample *> &h, std::size_t i0, std::size_t n, Less less)
{
    std::size_t i = i0;
    for (;;) {
        const std::size_t j1 = 2 * i + 1;
        if (j1 >= n)
            break;
        std::size_t j = j1;
        if (const std::size_t j2 = j1 + 1; j2 < n && less(h[j2], h[j1]))
            j = j2;
        if (!less(h[j], h[i]))
            break;
        std::swap(h[i], h[j]);
        i = j;
    }
    return i > i0;
}

template<typename Less>
void heapPush(std::vector<const VectorSample *> &h, const VectorSample *s, Less less)
{
    h.push_back(s);
    heapUp(h, h.size() - 1, less);
}

template<typename Less>
void heapPop(std::vector<const VectorSample *> &h, Less less)
{
    const std::size_t n = h.size() - 1;
    std::swap(h[0], h[n]);
    heapDown(h, 0, n, less);
    h.pop_back();
}

// vectorByValueHeap.Less and vectorByReverseValueHeap.Less.
bool lessByValue(const VectorSample *a, const VectorSample *b)
{
    if (std::isnan(a->value))
        return true;
    return a->value < b->value;
}
bool lessByReverseValue(const VectorSample *a, const VectorSample *b)
{
    if (std::isnan(a->value))
        return true;
    return a->value > b->value;
}

std::string formatValueLabel(double v)
{
    // strconv.FormatFloat(v, 'f', -1, 64)
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "+Inf" : "-Inf";
    char buf[400];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, r.ptr);
}

// Prometheus' quantile() over an aggregation group.
double quantileOf(double q, std::vector<const VectorSample *> values)
{
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    // Ascending with NaN first, as vectorByValueHeap sorts; lessByValue
    // itself is not a strict weak order (NaN < NaN), which std::sort needs.
    std::sort(values.begin(), values.end(), [](const VectorSample *a, const VectorSample *b) {
        if (std::isnan(a->value))
            return !std::isnan(b->value);
        return !std::isnan(b->value) && a->value < b->value;
    });
    const double n = static_cast<double>(values.size());
    const double rank = q * (n - 1);
    const double lower = std::max(0.0, std::floor(rank));
    const double upper = std::min(n - 1, lower + 1);
    const double weight = rank - std::floor(rank);
    return values[static_cast<std::size_t>(lower)]->value * (1 - weight)
        + values[static_cast<std::size_t>(upper)]->value * weight;
}

Labels groupLabels(const Labels &metric, const std::vector<std::string> &grouping, bool without)
{
    Labels out;
    if (without) {
        out = metric;
        for (const std::string &g : grouping)
            out.set(g, {});
        out.set(kMetricNameLabel, {});
    } else {
        for (const std::string &g : grouping)
            if (auto v = metric.get(g))
                out.set(g, *v);
    }
    return out;
}

/// The identity of a sample's group without building its label set: the
/// grouped values (by) or the remaining pairs (without), each length-prefixed
/// so no value can imitate a separator. Equal keys exactly when
/// groupLabels() would give equal label sets; computed for every sample at
/// every step, so it must not allocate per label.
void groupKey(const Labels &metric, const std::vector<std::string> &grouping, bool without, std::string &key)
{
    key.clear();
    const auto append = [&key](std::string_view text) {
        const auto n = static_cast<uint32_t>(text.size());
        key.append(reinterpret_cast<const char *>(&n), sizeof n);
        key.append(text);
    };
    if (without) {
        for (const Labels::Pair &p : metric.pairs()) {
            if (p.name == kMetricNameLabel || std::find(grouping.begin(), grouping.end(), p.name) != grouping.end())
                continue;
            append(p.name);
            append(p.value);
        }
    } else {
        for (const std::string &g : grouping)
            append(metric.get(g).value_or(std::string_view{}));
    }
}

} // namespace

Vector aggregate(const AggregateExpr &node, const Vector &input, const EvalValue *param)
{
    const AggregateOp op = node.op;
    std::vector<std::string> grouping = node.grouping;
    int64_t k = 0;
    double q = 0;
    std::string valueLabel;
    if (op == AggregateOp::Topk || op == AggregateOp::Bottomk) {
        const double f = std::get<ScalarValue>(*param).value;
        if (!(f >= -9.2e18 && f <= 9.2e18))
            throw EvalError{"Scalar value " + formatValueLabel(f) + " overflows int64"};
        k = static_cast<int64_t>(f);
        if (k < 1)
            return {};
    } else if (op == AggregateOp::Quantile) {
        q = std::get<ScalarValue>(*param).value;
    } else if (op == AggregateOp::CountValues) {
        valueLabel = std::get<StringValue>(*param).value;
        bool valid = !valueLabel.empty() && !(valueLabel[0] >= '0' && valueLabel[0] <= '9');
        for (char c : valueLabel)
            valid &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!valid)
            throw EvalError{"invalid label name \"" + valueLabel + "\""};
        if (!node.without)
            grouping.push_back(valueLabel);
    }

    // count_values rewrites each metric first.
    std::vector<VectorSample> rewritten;
    const Vector *vec = &input;
    if (op == AggregateOp::CountValues) {
        rewritten = input;
        for (VectorSample &s : rewritten)
            s.labels.set(valueLabel, formatValueLabel(s.value));
        vec = &rewritten;
    }

    std::unordered_map<std::string, std::size_t> index;
    std::vector<Group> groups;
    std::string key;
    for (const VectorSample &s : *vec) {
        groupKey(s.labels, grouping, node.without, key);
        auto [it, fresh] = index.try_emplace(key, groups.size());
        if (fresh) {
            Group g;
            g.labels = groupLabels(s.labels, grouping, node.without);
            g.value = s.value;
            g.mean = s.value;
            g.count = 1;
            if (op == AggregateOp::Stddev || op == AggregateOp::Stdvar)
                g.value = 0;
            else if (op == AggregateOp::Group)
                g.value = 1;
            if (op == AggregateOp::Topk || op == AggregateOp::Bottomk || op == AggregateOp::Quantile)
                g.heap.push_back(&s);
            groups.push_back(std::move(g));
            continue;
        }
        Group &g = groups[it->second];
        switch (op) {
        case AggregateOp::Sum:
            g.value += s.value;
            break;
        case AggregateOp::Avg:
            g.count += 1;
            if (std::isinf(g.mean)) {
                if (std::isinf(s.value) && (g.mean > 0) == (s.value > 0))
                    break;
                if (!std::isinf(s.value) && !std::isnan(s.value))
                    break;
            }
            g.mean += s.value / g.count - g.mean / g.count;
            break;
        case AggregateOp::Group:
            break;
        case AggregateOp::Max:
            if (g.value < s.value || std::isnan(g.value))
                g.value = s.value;
            break;
        case AggregateOp::Min:
            if (g.value > s.value || std::isnan(g.value))
                g.value = s.value;
            break;
        case AggregateOp::Count:
        case AggregateOp::CountValues:
            g.count += 1;
            break;
        case AggregateOp::Stddev:
        case AggregateOp::Stdvar: {
            g.count += 1;
            const double delta = s.value - g.mean;
            g.mean += delta / g.count;
            g.value += delta * (s.value - g.mean);
            break;
        }
        case AggregateOp::Topk:
            if (static_cast<int64_t>(g.heap.size()) < k || g.heap[0]->value < s.value || std::isnan(g.heap[0]->value)) {
                if (static_cast<int64_t>(g.heap.size()) == k) {
                    if (k == 1) {
                        g.heap[0] = &s;
                        break;
                    }
                    heapPop(g.heap, lessByValue);
                }
                heapPush(g.heap, &s, lessByValue);
            }
            break;
        case AggregateOp::Bottomk:
            if (static_cast<int64_t>(g.heap.size()) < k || g.heap[0]->value > s.value || std::isnan(g.heap[0]->value)) {
                if (static_cast<int64_t>(g.heap.size()) == k) {
                    if (k == 1) {
                        g.heap[0] = &s;
                        break;
                    }
                    heapPop(g.heap, lessByReverseValue);
                }
                heapPush(g.heap, &s, lessByReverseValue);
            }
            break;
        case AggregateOp::Quantile:
            g.heap.push_back(&s);
            break;
        }
    }

    Vector out;
    for (Group &g : groups) {
        switch (op) {
        case AggregateOp::Avg:
            g.value = g.mean;
            break;
        case AggregateOp::Count:
        case AggregateOp::CountValues:
            g.value = g.count;
            break;
        case AggregateOp::Stdvar:
            g.value = g.value / g.count;
            break;
        case AggregateOp::Stddev:
            g.value = std::sqrt(g.value / g.count);
            break;
        case AggregateOp::Topk:
        case AggregateOp::Bottomk:
            // Whole series, labels and all: topk descending, bottomk
            // ascending, NaN last (sort.Reverse of the heap's order).
            std::stable_sort(g.heap.begin(), g.heap.end(), [&](const VectorSample *a, const VectorSample *b) {
                if (std::isnan(a->value))
                    return false;
                return std::isnan(b->value) || (op == AggregateOp::Topk ? a->value > b->value : a->value < b->value);
            });
            for (const VectorSample *s : g.heap)
                out.push_back(*s);
            continue;
        case AggregateOp::Quantile:
            g.value = quantileOf(q, g.heap);
            break;
        default:
            break;
        }
        out.push_back(VectorSample{std::move(g.labels), g.value, 0});
    }
    return out;
}

} // namespace mw::promql::detail
