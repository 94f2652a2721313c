#include "GrafanaPanel.h"

#include "GrafanaMaps.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace mw::dashboard::grafana {

using nlohmann::json;

namespace {

const json &sub(const json &j, const char *key) { return member(j, key); }

int intOr(const json &j, const char *key, int fallback)
{
    const json &v = sub(j, key);
    if (!v.is_number())
        return fallback;
    const double d = v.get<double>();
    return d >= -1e6 && d <= 1e6 ? int(d) : fallback;
}

bool nonEmpty(const json &j) { return (j.is_array() || j.is_object()) && !j.empty(); }

/// A data source reference that is not Prometheus ("loki", "testdata", ...), or "".
std::string foreignDatasource(const json &ds)
{
    const std::string type = text(ds, "type");
    return type.empty() || type == "prometheus" || type == "datasource" ? std::string() : type;
}

GridPos gridOf(const json &gp, const std::string &pointer, const std::string &title, ImportContext &ctx)
{
    GridPos g;
    if (!gp.is_object()) {
        ctx.note(pointer + "/gridPos", title, "no gridPos: placed at the bottom, 12×8");
        int bottom = 0;
        for (const Panel &p : ctx.panels)
            bottom = std::max(bottom, p.grid.y + p.grid.h);
        g.y = bottom;
        return g;
    }
    g.x = std::clamp(intOr(gp, "x", 0), 0, kGridColumns - 1);
    g.y = std::clamp(intOr(gp, "y", 0), 0, 1'000'000);
    g.w = std::clamp(intOr(gp, "w", 12), 1, kGridColumns - g.x);
    g.h = std::clamp(intOr(gp, "h", 8), 1, 1000);
    const GridPos asWritten{intOr(gp, "x", 0), intOr(gp, "y", 0), intOr(gp, "w", 12), intOr(gp, "h", 8)};
    if (!(g == asWritten))
        ctx.note(pointer + "/gridPos", title,
                 "gridPos moved into the 24-column grid (x " + std::to_string(g.x) + ", y " + std::to_string(g.y)
                     + ", w " + std::to_string(g.w) + ", h " + std::to_string(g.h) + ")");
    return g;
}

void convertThresholds(const json &gp, const std::string &pointer, Panel &p, ImportContext &ctx)
{
    const json &defaults = sub(sub(gp, "fieldConfig"), "defaults");
    const std::string styleMode = text(sub(sub(defaults, "custom"), "thresholdsStyle"), "mode");
    const ThresholdStyle style = styleMode.find("area") != std::string::npos ? ThresholdStyle::Band : ThresholdStyle::Line;
    const json &thresholds = sub(defaults, "thresholds");
    const std::string at = pointer + "/fieldConfig/defaults/thresholds";
    if (text(thresholds, "mode") == "percentage") {
        if (nonEmpty(sub(thresholds, "steps")))
            ctx.note(at + "/mode", p.title, "percentage thresholds are not supported (dropped)");
        return;
    }
    const json &steps = sub(thresholds, "steps");
    if (steps.is_array()) {
        for (const json &step : steps) {
            const json &value = sub(step, "value");
            if (!value.is_number() || !std::isfinite(value.get<double>()))
                continue; // the base step: the colour below every threshold
            const std::string color = text(step, "color");
            p.thresholds.push_back({value.get<double>(), severityOfColor(color), color, style});
        }
    }
    // A graph panel (before Grafana 7) has its own threshold list.
    const json &legacy = sub(gp, "thresholds");
    if (legacy.is_array()) {
        for (std::size_t i = 0; i < legacy.size(); ++i) {
            const json &t = legacy[i];
            if (!sub(t, "value").is_number() || !std::isfinite(sub(t, "value").get<double>()))
                continue;
            if (text(t, "op") == "lt") {
                ctx.note(pointer + "/thresholds/" + std::to_string(i), p.title, "below-value (lt) threshold is not supported");
                continue;
            }
            const std::string mode = text(t, "colorMode");
            const Severity s = mode == "critical" ? Severity::Critical
                : mode == "warning"              ? Severity::Warning
                                                 : Severity::Info;
            const std::string color = mode == "custom" ? text(t, "lineColor") : std::string();
            p.thresholds.push_back({sub(t, "value").get<double>(), s, color,
                                    sub(t, "fill").is_boolean() && sub(t, "fill").get<bool>() ? ThresholdStyle::Band
                                                                                              : ThresholdStyle::Line});
        }
    }
    std::stable_sort(p.thresholds.begin(), p.thresholds.end(),
                     [](const Threshold &a, const Threshold &b) { return a.value < b.value; });
    if (p.thresholds.size() > ctx.maxThresholds) {
        ctx.note(at, p.title, "more than " + std::to_string(ctx.maxThresholds) + " thresholds (the highest dropped)");
        p.thresholds.resize(ctx.maxThresholds);
    }
}

void convertUnit(const json &gp, const std::string &pointer, Panel &p, ImportContext &ctx)
{
    std::string id = text(sub(sub(gp, "fieldConfig"), "defaults"), "unit");
    std::string at = pointer + "/fieldConfig/defaults/unit";
    const json &yaxes = sub(gp, "yaxes");
    if (id.empty() && yaxes.is_array() && !yaxes.empty()) {
        id = text(yaxes[0], "format");
        at = pointer + "/yaxes/0/format";
    }
    const std::optional<UnitMapping> m = unit(id);
    if (!m) {
        ctx.note(at, p.title, "unit '" + id + "' has no ModelWatch equivalent (shown as a plain number)");
        return;
    }
    p.unit = m->unit;
    if (!m->exact)
        ctx.note(at, p.title, m->note);
}

void convertTargets(const json &gp, const std::string &pointer, Panel &p, ImportContext &ctx)
{
    const json &targets = sub(gp, "targets");
    if (!targets.is_array())
        return;
    std::set<std::string> refIds;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const json &t = targets[i];
        const std::string at = pointer + "/targets/" + std::to_string(i);
        if (const std::string ds = foreignDatasource(sub(t, "datasource")); !ds.empty()) {
            ctx.note(at, p.title, "target of data source type '" + ds + "' is not Prometheus");
            continue;
        }
        const std::string expr = text(t, "expr");
        if (expr.empty()) {
            ctx.note(at, p.title, "target without a Prometheus expr");
            continue;
        }
        Query q;
        q.refId = text(t, "refId");
        if (q.refId.empty() || refIds.contains(q.refId))
            q.refId = "Q" + std::to_string(i + 1);
        refIds.insert(q.refId);
        std::vector<std::string> replaced;
        q.expr = replaceMacros(expr, ctx.range, replaced);
        for (std::string &r : replaced)
            ctx.note(at + "/expr", p.title, std::move(r));
        q.legend = text(t, "legendFormat");
        if (q.legend == "__auto")
            q.legend.clear();
        q.hidden = sub(t, "hide").is_boolean() && sub(t, "hide").get<bool>();
        if (sub(t, "instant").is_boolean() && sub(t, "instant").get<bool>())
            ctx.note(at + "/instant", p.title, "instant query drawn as a range query");
        if (const std::string format = text(t, "format"); !format.empty() && format != "time_series")
            ctx.note(at + "/format", p.title, "format '" + format + "' is not supported (drawn as time series)");
        if (!text(t, "interval").empty())
            ctx.note(at + "/interval", p.title, "minimum interval '" + text(t, "interval") + "' not carried over");
        if (sub(t, "intervalFactor").is_number() && sub(t, "intervalFactor").get<double>() != 1.0)
            ctx.note(at + "/intervalFactor", p.title, "intervalFactor not carried over");
        if (p.queries.size() >= ctx.maxQueries) {
            ctx.note(at, p.title, "more than " + std::to_string(ctx.maxQueries) + " queries (dropped)");
            continue;
        }
        p.queries.push_back(std::move(q));
    }
}

void convertOptions(const json &gp, const std::string &pointer, const std::string &type, Panel &p, ImportContext &ctx)
{
    const json &options = sub(gp, "options");
    if (p.kind == PanelKind::Timeseries) {
        std::vector<std::string> calcs;
        if (const json &c = sub(sub(options, "legend"), "calcs"); c.is_array()) {
            for (const json &e : c)
                if (e.is_string())
                    calcs.push_back(e.get<std::string>());
        } else if (const json &legend = sub(gp, "legend"); legend.is_object()) { // graph panel
            for (const auto &[key, calc] : {std::pair{"current", "last"}, {"min", "min"}, {"max", "max"}, {"avg", "mean"}})
                if (sub(legend, key).is_boolean() && sub(legend, key).get<bool>())
                    calcs.emplace_back(calc);
        }
        for (const std::string &c : calcs) {
            const std::optional<LegendCalc> lc = legendCalc(c);
            if (!lc)
                ctx.note(pointer + "/options/legend/calcs", p.title, "legend calculation '" + c + "' is not supported");
            else if (std::find(p.timeseries.legendCalcs.begin(), p.timeseries.legendCalcs.end(), *lc)
                     == p.timeseries.legendCalcs.end())
                p.timeseries.legendCalcs.push_back(*lc);
        }
        return;
    }
    const json &calcs = sub(sub(options, "reduceOptions"), "calcs");
    if (calcs.is_array() && !calcs.empty() && calcs[0].is_string()) {
        const std::optional<StatReduce> r = statReduce(calcs[0].get<std::string>());
        if (r)
            p.stat.reduce = *r;
        else
            ctx.note(pointer + "/options/reduceOptions/calcs/0", p.title,
                     "reduction '" + calcs[0].get<std::string>() + "' is not supported (last value shown)");
    }
    p.stat.sparkline = type == "stat" && text(options, "graphMode") != "none";
    p.stat.colorByThreshold = text(options, "colorMode") != "none";
}

void noteUnsupportedParts(const json &gp, const std::string &pointer, const std::string &title, ImportContext &ctx)
{
    if (nonEmpty(sub(gp, "transformations")))
        ctx.note(pointer + "/transformations", title, "transformations are not supported");
    if (nonEmpty(sub(sub(gp, "fieldConfig"), "overrides")))
        ctx.note(pointer + "/fieldConfig/overrides", title, "field overrides are not supported");
    if (nonEmpty(sub(gp, "links")))
        ctx.note(pointer + "/links", title, "panel links are not supported");
    if (!text(gp, "repeat").empty())
        ctx.note(pointer + "/repeat", title, "repeat by variable '" + text(gp, "repeat") + "' is not supported");
    if (const json &alert = sub(gp, "alert"); alert.is_object())
        ctx.note(pointer + "/alert", title, "legacy alert '" + text(alert, "name") + "' not carried over (write an alert rule)");
}

} // namespace

const json &member(const json &j, const char *key)
{
    static const json null;
    if (!j.is_object() || !j.contains(key))
        return null;
    return j[key];
}

std::string text(const json &object, const char *key)
{
    const json &v = sub(object, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

void convertPanel(const json &gp, const std::string &pointer, ImportContext &ctx)
{
    if (!gp.is_object()) {
        ctx.note(pointer, {}, "not a panel object");
        return;
    }
    const std::string title = text(gp, "title");
    const std::string type = text(gp, "type");
    if (type == "row") {
        ctx.note(pointer, title, "row header dropped (its panels are kept)");
        if (const json &inner = sub(gp, "panels"); inner.is_array())
            for (std::size_t i = 0; i < inner.size(); ++i)
                convertPanel(inner[i], pointer + "/panels/" + std::to_string(i), ctx);
        return;
    }
    if (type != "timeseries" && type != "graph" && type != "stat" && type != "gauge" && type != "singlestat") {
        ctx.note(pointer, title, "panel type '" + type + "' is not supported");
        return;
    }
    if (const std::string ds = foreignDatasource(sub(gp, "datasource")); !ds.empty()) {
        ctx.note(pointer + "/datasource", title, "data source type '" + ds + "' is not Prometheus (panel dropped)");
        return;
    }
    if (ctx.panels.size() >= ctx.maxPanels) {
        ctx.note(pointer, title, "more than " + std::to_string(ctx.maxPanels) + " panels (dropped)");
        return;
    }
    Panel p;
    p.title = title;
    p.description = text(gp, "description");
    p.kind = type == "timeseries" || type == "graph" ? PanelKind::Timeseries : PanelKind::Stat;
    if (type == "gauge" || type == "singlestat")
        ctx.note(pointer, title, "panel type '" + type + "' shown as a stat panel");
    const int id = intOr(gp, "id", 0);
    if (id > 0 && ctx.usedIds.insert(id).second)
        p.id = id;
    p.grid = gridOf(sub(gp, "gridPos"), pointer, title, ctx);
    convertUnit(gp, pointer, p, ctx);
    convertTargets(gp, pointer, p, ctx);
    convertThresholds(gp, pointer, p, ctx);
    convertOptions(gp, pointer, type, p, ctx);
    noteUnsupportedParts(gp, pointer, title, ctx);
    ctx.panels.push_back(std::move(p));
}

} // namespace mw::dashboard::grafana
