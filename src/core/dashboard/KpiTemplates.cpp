#include "KpiTemplates.h"

#include "presets/PresetPanel.h"

namespace mw::dashboard::kpi {

namespace {

Panel base(std::string title, Unit unit)
{
    Panel p;
    p.title = std::move(title);
    p.unit = unit;
    p.timeseries.legendCalcs = {LegendCalc::Last, LegendCalc::Max};
    return p;
}

void addQuery(Panel &p, std::string expr, std::string legend)
{
    p.queries.push_back({std::string(1, char('A' + p.queries.size())), std::move(expr), std::move(legend), false});
}

} // namespace

Panel throughput(std::string title, std::string_view counterSelector, std::string_view by, Unit unit)
{
    Panel p = base(std::move(title), unit);
    addQuery(p, presets::preset::sumRate(counterSelector, by), presets::preset::legend({}, by));
    return p;
}

Panel latency(std::string title, std::string_view bucketSelector, Unit unit, std::string_view by)
{
    Panel p = base(std::move(title), unit);
    for (presets::PanelQuery &q : presets::preset::quantiles(bucketSelector, by))
        addQuery(p, std::move(q.expr), std::move(q.legend));
    return p;
}

Panel memory(std::string title, std::string_view gaugeSelector, std::string legend)
{
    Panel p = base(std::move(title), Unit::Bytes);
    addQuery(p, std::string(gaugeSelector), std::move(legend));
    return p;
}

Panel precisionRecall(std::string title, std::string_view counter, std::string_view positiveClass, double warningLine)
{
    Panel p = base(std::move(title), Unit::Ratio);
    p.timeseries.legendCalcs = {LegendCalc::Last, LegendCalc::Min};
    const std::string c(counter);
    const std::string pos = "\"" + std::string(positiveClass) + "\"";
    auto rate = [&](const std::string &matchers) { return "sum(rate(" + c + "{" + matchers + "}[5m]))"; };
    const std::string truePositives = rate("predicted=" + pos + ",actual=" + pos);
    addQuery(p, truePositives + " / " + rate("predicted=" + pos), "precision");
    addQuery(p, truePositives + " / " + rate("actual=" + pos), "recall");
    // Low is bad: warning from the bottom up to the line, normal above it.
    p.thresholds = {{0.0, Severity::Warning, {}, ThresholdStyle::Band}, {warningLine, Severity::Info, {}, ThresholdStyle::Line}};
    return p;
}

} // namespace mw::dashboard::kpi
