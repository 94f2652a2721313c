#include "PresetPanel.h"

#include <array>
#include <utility>

namespace mw::presets::preset {

std::string rate(std::string_view selector)
{
    std::string s = "rate(";
    s.append(selector);
    s.append(kRateWindow);
    s.push_back(')');
    return s;
}

std::string sumRate(std::string_view selector, std::string_view by)
{
    std::string s = "sum";
    if (!by.empty()) {
        s.append(" by (");
        s.append(by);
        s.append(") ");
    }
    s.push_back('(');
    s.append(rate(selector));
    s.push_back(')');
    return s;
}

std::string legend(std::string_view prefix, std::string_view label)
{
    std::string s(prefix);
    if (!label.empty()) {
        if (!s.empty())
            s.push_back(' ');
        s.append("{{");
        s.append(label);
        s.append("}}");
    }
    return s;
}

std::vector<PanelQuery> quantiles(std::string_view bucketSelector, std::string_view by)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kQuantiles{{
        {"0.5", "p50"},
        {"0.95", "p95"},
        {"0.99", "p99"},
    }};
    std::string grouping = "le";
    if (!by.empty()) {
        grouping.append(", ");
        grouping.append(by);
    }
    std::vector<PanelQuery> out;
    for (const auto &[q, name] : kQuantiles) {
        std::string expr = "histogram_quantile(";
        expr.append(q);
        expr.append(", ");
        expr.append(sumRate(bucketSelector, grouping));
        expr.push_back(')');
        out.push_back({std::move(expr), legend(name, by)});
    }
    return out;
}

std::string ratioOfRates(std::string_view numerator, std::string_view denominator, std::string_view by)
{
    return sumRate(numerator, by) + " / " + sumRate(denominator, by);
}

PresetPanel panel(std::string title, Unit unit, std::vector<PanelQuery> queries, std::string description,
                  bool optional)
{
    PresetPanel p;
    p.panel.title = std::move(title);
    p.panel.description = std::move(description);
    p.panel.unit = unit;
    p.panel.queries = std::move(queries);
    p.optional = optional;
    return p;
}

PresetPanel withThresholds(PresetPanel panel, double warning, double critical)
{
    panel.panel.thresholds = {{warning, Severity::Warning}, {critical, Severity::Critical}};
    return panel;
}

} // namespace mw::presets::preset
