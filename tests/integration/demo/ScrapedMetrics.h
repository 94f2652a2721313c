#pragma once

#include "exposition/ExpositionParser.h"

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mw::test {

/// A metrics payload parsed with the project's own exposition parser, with
/// look-ups by sample name and a subset of labels. Owns the text the parse
/// result points into.
class ScrapedMetrics
{
public:
    using LabelFilter = std::initializer_list<std::pair<std::string_view, std::string_view>>;

    explicit ScrapedMetrics(std::string text, expo::Format format = expo::Format::PrometheusText);

    bool ok() const { return m_data->result.ok(); }
    std::string error() const;
    const std::string &text() const { return m_data->text; }

    std::optional<expo::MetricType> typeOf(std::string_view family) const;
    bool anyHelp() const;
    /// Number of samples named `sample` carrying every label in `labels`.
    int count(std::string_view sample, LabelFilter labels = {}) const;
    /// Sum of their values (0 when there are none).
    double sum(std::string_view sample, LabelFilter labels = {}) const;
    /// The `le` bounds of `family`'s buckets that match `labels`, in order, +Inf excluded.
    std::vector<double> bucketBounds(std::string_view family, LabelFilter labels = {}) const;

private:
    bool matches(const expo::Sample &s, std::string_view sample, LabelFilter labels) const;

    struct Data
    {
        std::string text;
        expo::ParseResult result;
    };
    std::shared_ptr<Data> m_data; ///< views in `result` point into `text`: never moved
};

} // namespace mw::test
