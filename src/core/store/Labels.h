#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mw {

/// The label holding a series' metric name.
inline constexpr std::string_view kMetricNameLabel = "__name__";

/// A non-owning label pair.
struct LabelView
{
    std::string_view name;
    std::string_view value;
};

/// Formats sorted label pairs the way Prometheus prints a metric
/// (model.Metric.String): `name{a="b", c="d"}`, the `__name__` pair as the
/// leading name, values quoted with `\\`, `\"`, `\n`, `\t`, `\r` and other
/// control bytes (`\xNN`) escaped. A set without a name prints as `{a="b"}`,
/// an empty set as `{}`.
std::string formatLabels(std::span<const LabelView> sorted);
void appendQuotedLabelValue(std::string &out, std::string_view value);

/// An owning, sorted label set with unique names: what callers outside the
/// store use to name a series (tests, query results, dashboards).
///
/// Labels with an empty value are dropped, as in Prometheus (`{a=""}` is the
/// same series as `{}`). The hash is computed over the strings and kept.
class Labels
{
public:
    struct Pair
    {
        std::string name;
        std::string value;
        friend bool operator==(const Pair &, const Pair &) = default;
    };

    Labels() = default;
    /// Pairs in any order; a later pair with the same name replaces an earlier one.
    Labels(std::initializer_list<std::pair<std::string_view, std::string_view>> pairs);
    explicit Labels(std::span<const LabelView> pairs);

    /// Sets (or with an empty value removes) one label.
    void set(std::string_view name, std::string_view value);
    std::optional<std::string_view> get(std::string_view name) const;
    std::string_view metricName() const { return get(kMetricNameLabel).value_or(std::string_view{}); }

    const std::vector<Pair> &pairs() const { return m_pairs; }
    std::size_t size() const { return m_pairs.size(); }
    bool empty() const { return m_pairs.empty(); }
    uint64_t hash() const { return m_hash; }

    std::string toString() const;
    std::vector<LabelView> views() const;

    friend bool operator==(const Labels &a, const Labels &b)
    {
        return a.m_hash == b.m_hash && a.m_pairs == b.m_pairs;
    }

private:
    void rehash();

    std::vector<Pair> m_pairs;
    uint64_t m_hash = 0;
};

} // namespace mw
