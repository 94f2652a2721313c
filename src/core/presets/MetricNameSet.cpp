#include "MetricNameSet.h"

#include "exposition/ParseResult.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mw::presets {

namespace {

void sortUnique(std::vector<std::string> &names)
{
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string concat(std::string_view a, std::string_view b)
{
    std::string s;
    s.reserve(a.size() + b.size());
    s.append(a);
    s.append(b);
    return s;
}

} // namespace

MetricNameSet::MetricNameSet(std::vector<std::string> names)
    : m_names(std::move(names))
{
    sortUnique(m_names);
}

MetricNameSet MetricNameSet::fromPayload(const expo::ParseResult &result)
{
    std::vector<std::string> names;
    names.reserve(result.samples.size());
    for (const expo::Sample &sample : result.samples)
        names.emplace_back(sample.name);
    return MetricNameSet(std::move(names));
}

MetricNameSet MetricNameSet::declaredIn(const expo::ParseResult &result)
{
    std::vector<std::string> names = fromPayload(result).m_names;
    const bool openMetrics = result.format == expo::Format::OpenMetrics;
    for (const expo::MetricFamily &family : result.families) {
        // An OpenMetrics counter or info family name is never a series name.
        const bool bareNameStored = !openMetrics
            || (family.type != expo::MetricType::Counter && family.type != expo::MetricType::Info);
        if (bareNameStored)
            names.emplace_back(family.name);
        switch (family.type) {
        case expo::MetricType::Histogram:
            names.push_back(concat(family.name, "_bucket"));
            names.push_back(concat(family.name, "_sum"));
            names.push_back(concat(family.name, "_count"));
            break;
        case expo::MetricType::GaugeHistogram:
            names.push_back(concat(family.name, "_bucket"));
            names.push_back(concat(family.name, "_gsum"));
            names.push_back(concat(family.name, "_gcount"));
            break;
        case expo::MetricType::Summary:
            names.push_back(concat(family.name, "_sum"));
            names.push_back(concat(family.name, "_count"));
            break;
        case expo::MetricType::Counter:
            if (openMetrics)
                names.push_back(concat(family.name, "_total"));
            break;
        case expo::MetricType::Info:
            if (openMetrics)
                names.push_back(concat(family.name, "_info"));
            break;
        case expo::MetricType::Untyped:
        case expo::MetricType::Gauge:
        case expo::MetricType::StateSet:
            break;
        }
    }
    return MetricNameSet(std::move(names));
}

bool MetricNameSet::contains(std::string_view name) const
{
    return std::binary_search(m_names.begin(), m_names.end(), name,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

std::string MetricNameSet::familyOf(std::string_view name) const
{
    // Each suffix with the siblings that prove `name` is part of a histogram or summary.
    struct Rule
    {
        std::string_view suffix;
        std::array<std::string_view, 4> siblings; // empty entries unused
    };
    static constexpr std::array<Rule, 5> kRules{{
        {"_bucket", {"_sum", "_count", "_gsum", "_gcount"}},
        {"_sum", {"_count", "_bucket", {}, {}}},
        {"_count", {"_sum", "_bucket", {}, {}}},
        {"_gsum", {"_gcount", "_bucket", {}, {}}},
        {"_gcount", {"_gsum", "_bucket", {}, {}}},
    }};
    for (const Rule &rule : kRules) {
        if (!endsWith(name, rule.suffix))
            continue;
        const std::string_view base = name.substr(0, name.size() - rule.suffix.size());
        for (std::string_view sibling : rule.siblings) {
            if (!sibling.empty() && contains(concat(base, sibling)))
                return std::string(base);
        }
        return std::string(name);
    }
    if (endsWith(name, "_created")) {
        const std::string_view base = name.substr(0, name.size() - std::string_view("_created").size());
        if (std::string total = concat(base, "_total"); contains(total))
            return total;
        if (contains(base) || contains(concat(base, "_count")) || contains(concat(base, "_bucket")))
            return std::string(base);
    }
    return std::string(name);
}

std::vector<std::string> MetricNameSet::families() const
{
    std::vector<std::string> out;
    out.reserve(m_names.size());
    for (const std::string &name : m_names)
        out.push_back(familyOf(name));
    sortUnique(out);
    return out;
}

} // namespace mw::presets
