#include "PanelJson.h"

#include "ObjectReader.h"

#include <nlohmann/json.hpp>

#include <set>

namespace mw::dashboard {

using detail::fail;
using detail::ObjectReader;
using nlohmann::json;

namespace {

GridPos readGrid(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    GridPos g;
    g.x = int(r.integer("x", 0, kGridColumns - 1));
    g.y = int(r.integer("y", 0, 1'000'000));
    g.w = int(r.integer("w", 1, kGridColumns));
    g.h = int(r.integer("h", 1, 1'000));
    r.finish();
    if (g.x + g.w > kGridColumns)
        fail(pointerChild(pointer, "w"), "x + w is " + std::to_string(g.x + g.w) + ", past the grid's "
                                             + std::to_string(kGridColumns) + " columns");
    return g;
}

Query readQuery(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    Query q;
    q.refId = r.string("refId");
    if (q.refId.empty())
        fail(r.at("refId"), "empty");
    q.expr = r.string("expr");
    q.legend = r.stringOr("legend", {});
    q.hidden = r.boolOr("hidden", false);
    r.finish();
    return q;
}

Threshold readThreshold(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    Threshold t;
    t.value = r.finite("value");
    t.severity = r.enumOr<Severity>("severity", std::nullopt, &alerting::severityFromId, "severity");
    t.color = r.stringOr("color", {});
    t.style = r.enumOr<ThresholdStyle>("style", ThresholdStyle::Line, &thresholdStyleFromId, "style");
    r.finish();
    return t;
}

} // namespace

json timeseriesOptionsToJson(const TimeseriesOptions &options)
{
    json calcs = json::array();
    for (LegendCalc c : options.legendCalcs)
        calcs.push_back(legendCalcId(c));
    return {{"legendCalcs", std::move(calcs)}};
}

TimeseriesOptions timeseriesOptionsFromJson(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    TimeseriesOptions o;
    if (const json *calcs = r.array("legendCalcs", 4)) {
        for (std::size_t i = 0; i < calcs->size(); ++i) {
            const std::string at = pointerChild(r.at("legendCalcs"), i);
            if (!(*calcs)[i].is_string())
                fail(at, std::string("wrong type (") + (*calcs)[i].type_name() + ")");
            const std::optional<LegendCalc> c = legendCalcFromId((*calcs)[i].get<std::string>());
            if (!c)
                fail(at, "unknown legend calculation '" + (*calcs)[i].get<std::string>() + "'");
            for (LegendCalc seen : o.legendCalcs)
                if (seen == *c)
                    fail(at, "repeated legend calculation '" + std::string(legendCalcId(*c)) + "'");
            o.legendCalcs.push_back(*c);
        }
    }
    r.finish();
    return o;
}

json statOptionsToJson(const StatOptions &options)
{
    return {{"reduce", statReduceId(options.reduce)},
            {"sparkline", options.sparkline},
            {"colorByThreshold", options.colorByThreshold}};
}

StatOptions statOptionsFromJson(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    StatOptions o;
    o.reduce = r.enumOr<StatReduce>("reduce", StatReduce::Last, &statReduceFromId, "reduction");
    o.sparkline = r.boolOr("sparkline", true);
    o.colorByThreshold = r.boolOr("colorByThreshold", true);
    r.finish();
    return o;
}

json qualityCurveOptionsToJson(const QualityCurveOptions &options)
{
    return {{"curve", qualityCurveKindId(options.curve)}};
}

QualityCurveOptions qualityCurveOptionsFromJson(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    QualityCurveOptions o;
    o.curve = r.enumOr<QualityCurveKind>("curve", QualityCurveKind::Both, &qualityCurveKindFromId,
                                         "curve (roc, pr, both)");
    r.finish();
    return o;
}

json confusionMatrixOptionsToJson(const ConfusionMatrixOptions &options)
{
    return {{"normalize", confusionNormalizeId(options.normalize)}};
}

ConfusionMatrixOptions confusionMatrixOptionsFromJson(const json &j, const std::string &pointer,
                                                      std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    ConfusionMatrixOptions o;
    o.normalize = r.enumOr<ConfusionNormalize>("normalize", ConfusionNormalize::None, &confusionNormalizeFromId,
                                               "normalization (none, row, column)");
    r.finish();
    return o;
}

namespace {

json optionsToJson(const Panel &panel)
{
    switch (panel.kind) {
    case PanelKind::Stat:
        return statOptionsToJson(panel.stat);
    case PanelKind::QualityCurve:
        return qualityCurveOptionsToJson(panel.qualityCurve);
    case PanelKind::ConfusionMatrix:
        return confusionMatrixOptionsToJson(panel.confusionMatrix);
    case PanelKind::Timeseries:
        break;
    }
    return timeseriesOptionsToJson(panel.timeseries);
}

void readOptions(Panel &p, const json &options, const std::string &pointer, std::vector<Issue> *warnings)
{
    switch (p.kind) {
    case PanelKind::Stat:
        p.stat = statOptionsFromJson(options, pointer, warnings);
        return;
    case PanelKind::QualityCurve:
        p.qualityCurve = qualityCurveOptionsFromJson(options, pointer, warnings);
        return;
    case PanelKind::ConfusionMatrix:
        p.confusionMatrix = confusionMatrixOptionsFromJson(options, pointer, warnings);
        return;
    case PanelKind::Timeseries:
        break;
    }
    p.timeseries = timeseriesOptionsFromJson(options, pointer, warnings);
}

} // namespace

json panelToJson(const Panel &panel)
{
    json queries = json::array();
    for (const Query &q : panel.queries)
        queries.push_back({{"refId", q.refId}, {"expr", q.expr}, {"legend", q.legend}, {"hidden", q.hidden}});
    json thresholds = json::array();
    for (const Threshold &t : panel.thresholds)
        thresholds.push_back({{"value", t.value},
                              {"severity", alerting::severityId(t.severity)},
                              {"color", t.color},
                              {"style", thresholdStyleId(t.style)}});
    json j = {
        {"id", panel.id},
        {"title", panel.title},
        {"description", panel.description},
        {"type", panelKindId(panel.kind)},
        {"unit", presets::unitId(panel.unit)},
        {"gridPos", {{"x", panel.grid.x}, {"y", panel.grid.y}, {"w", panel.grid.w}, {"h", panel.grid.h}}},
        {"queries", std::move(queries)},
        {"thresholds", std::move(thresholds)},
        {"options", optionsToJson(panel)},
    };
    if (!panel.source.empty())
        j["source"] = panel.source;
    return j;
}

Panel panelFromJson(const json &j, const std::string &pointer, const Limits &limits, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    Panel p;
    p.id = int(r.integer("id", 1, 1'000'000'000));
    p.title = r.stringOr("title", {});
    p.description = r.stringOr("description", {});
    p.kind = r.enumOr<PanelKind>("type", std::nullopt, &panelKindFromId, "panel type");
    p.unit = r.enumOr<Unit>("unit", Unit::None, &presets::unitFromId, "unit");
    p.grid = readGrid(r.required("gridPos", json::value_t::object), r.at("gridPos"), warnings);
    p.source = r.stringOr("source", {});
    std::set<std::string> refIds;
    if (const json *queries = r.array("queries", limits.maxQueriesPerPanel)) {
        for (std::size_t i = 0; i < queries->size(); ++i) {
            const std::string at = pointerChild(r.at("queries"), i);
            p.queries.push_back(readQuery((*queries)[i], at, warnings));
            if (!refIds.insert(p.queries.back().refId).second)
                fail(pointerChild(at, "refId"), "repeated refId '" + p.queries.back().refId + "'");
        }
    }
    if (const json *thresholds = r.array("thresholds", limits.maxThresholdsPerPanel)) {
        for (std::size_t i = 0; i < thresholds->size(); ++i) {
            const std::string at = pointerChild(r.at("thresholds"), i);
            p.thresholds.push_back(readThreshold((*thresholds)[i], at, warnings));
            if (i > 0 && p.thresholds[i].value < p.thresholds[i - 1].value)
                fail(pointerChild(at, "value"), "thresholds must be in ascending order");
        }
    }
    // Each kind reads its own part; an absent part is the kind's defaults.
    const json *options = r.optional("options", json::value_t::object);
    const json empty = json::object();
    readOptions(p, options ? *options : empty, r.at("options"), warnings);
    r.finish();
    return p;
}

} // namespace mw::dashboard
