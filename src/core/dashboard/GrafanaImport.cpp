#include "GrafanaImport.h"

#include "DocumentJson.h"
#include "GrafanaMaps.h"
#include "GrafanaPanel.h"
#include "JsonText.h"
#include "SectionJson.h"

#include <nlohmann/json.hpp>

namespace mw::dashboard {

using grafana::ImportContext;
using grafana::member;
using grafana::text;
using nlohmann::json;

namespace {

bool flag(const json &j, const char *key)
{
    const json &v = member(j, key);
    return v.is_boolean() && v.get<bool>();
}

std::string trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return std::string(s);
}

/// Grafana's custom variable list: "a, b, c", each item "text : value" or "value".
std::vector<std::string> customOptions(std::string_view query)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t comma = std::min(query.find(',', start), query.size());
        std::string item = trimmed(query.substr(start, comma - start));
        if (const std::size_t sep = item.find(" : "); sep != std::string::npos)
            item = trimmed(std::string_view(item).substr(sep + 3));
        if (!item.empty())
            out.push_back(std::move(item));
        start = comma + 1;
    }
    return out;
}

void convertVariable(const json &v, const std::string &pointer, Document &d, ImportContext &ctx)
{
    const std::string name = text(v, "name");
    const std::string type = text(v, "type");
    if (type == "datasource") {
        ctx.note(pointer, name, "data source variable not carried over (choose a source in ModelWatch)");
        return;
    }
    if (type != "query" && type != "custom") {
        ctx.note(pointer, name, "variable type '" + type + "' is not supported");
        return;
    }
    if (!detail::isVariableName(name)) {
        ctx.note(pointer, name, "variable name '" + name + "' is not usable");
        return;
    }
    Variable out;
    out.name = name;
    out.label = text(v, "label");
    out.multi = flag(v, "multi");
    out.includeAll = flag(v, "includeAll");
    if (type == "query") {
        out.kind = VariableKind::Query;
        const json &q = member(v, "query");
        // Grafana 9+ writes {"query": "...", "refId": ...}.
        std::string query = q.is_string() ? q.get<std::string>() : text(q, "query");
        query = trimmed(query);
        if (!query.starts_with("label_values(") || !query.ends_with(")")) {
            ctx.note(pointer + "/query", name, "variable query '" + query + "' is not label_values(...)");
            return;
        }
        out.query = std::move(query);
        if (!text(v, "regex").empty())
            ctx.note(pointer + "/regex", name, "variable regex '" + text(v, "regex") + "' not carried over");
    } else {
        out.kind = VariableKind::Custom;
        out.options = customOptions(text(v, "query"));
    }
    if (!text(v, "allValue").empty())
        ctx.note(pointer + "/allValue", name, "custom all value not carried over");
    const json &value = member(member(v, "current"), "value");
    if (value.is_string() && !value.get<std::string>().empty())
        out.current.push_back(value.get<std::string>());
    else if (value.is_array())
        for (const json &e : value)
            if (e.is_string())
                out.current.push_back(e.get<std::string>());
    if (out.current.size() > 1 && !out.multi)
        out.current.resize(1);
    for (const Variable &seen : d.variables)
        if (seen.name == out.name) {
            ctx.note(pointer, name, "repeated variable name (dropped)");
            return;
        }
    d.variables.push_back(std::move(out));
}

void convertTime(const json &g, Document &d, ImportContext &ctx)
{
    const json &time = member(g, "time");
    if (!time.is_object())
        return;
    const std::string from = text(time, "from");
    const std::string to = text(time, "to");
    if (detail::isValidTime(from) && detail::isValidTime(to)) {
        d.time = {from, to};
        if (from.starts_with("now-") && to == "now")
            ctx.range = from.substr(4);
    } else {
        ctx.note("/time", {}, "time range '" + from + "' to '" + to + "' not carried over (now-1h to now)");
    }
}

void noteDashboardParts(const json &g, ImportContext &ctx)
{
    const json &links = member(g, "links");
    if (links.is_array() && !links.empty())
        ctx.note("/links", {}, "dashboard links are not supported");
    const json &list = member(member(g, "annotations"), "list");
    if (!list.is_array())
        return;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json &a = list[i];
        if (!a.is_object() || (a.contains("builtIn") && a.at("builtIn") == json(1)))
            continue; // Grafana's own "Annotations & Alerts"
        ctx.note("/annotations/list/" + std::to_string(i), text(a, "name"), "annotations are not supported");
    }
}

void assignIds(std::vector<Panel> &panels)
{
    int next = 1;
    for (const Panel &p : panels)
        next = std::max(next, p.id + 1);
    for (Panel &p : panels)
        if (p.id == 0)
            p.id = next++;
}

} // namespace

std::string NotCarried::toString() const
{
    std::string out = pointer;
    if (!panelTitle.empty())
        out += " \"" + panelTitle + "\"";
    return out + ": " + what;
}

GrafanaImport importGrafana(const json &g, const Limits &limits)
{
    GrafanaImport result;
    if (!g.is_object()) {
        result.error = Issue{{}, std::string("not a Grafana dashboard (") + g.type_name() + ", expected an object)", 0, 0};
        return result;
    }
    // The HTTP API's shape: {"dashboard": {...}, "meta": {...}}.
    if (const json &inner = member(g, "dashboard"); inner.is_object() && !g.contains("panels"))
        return importGrafana(inner, limits);
    const json &panels = member(g, "panels");
    if (!panels.is_array()) {
        const bool oldRows = g.contains("rows");
        result.error = Issue{oldRows ? "/rows" : "/panels",
                             oldRows ? "Grafana's pre-5.0 row layout (schemaVersion < 16) is not supported: "
                                       "open and save the dashboard in a newer Grafana first"
                                     : "missing or not an array: not a Grafana dashboard",
                             0, 0};
        return result;
    }
    ImportContext ctx;
    ctx.maxPanels = limits.maxPanels;
    ctx.maxQueries = limits.maxQueriesPerPanel;
    ctx.maxThresholds = limits.maxThresholdsPerPanel;
    Document d;
    d.title = text(g, "title");
    d.uid = text(g, "uid");
    convertTime(g, d, ctx);
    if (const json &r = member(g, "refresh"); r.is_string()) {
        const std::optional<Refresh> refresh = grafana::refresh(r.get<std::string>());
        if (refresh)
            d.refresh = *refresh;
        else
            ctx.note("/refresh", {}, "refresh '" + r.get<std::string>() + "' is not one of off, 1s, 5s, 10s, 30s, 1m (off)");
    }
    if (const json &list = member(member(g, "templating"), "list"); list.is_array())
        for (std::size_t i = 0; i < list.size() && d.variables.size() < limits.maxVariables; ++i)
            convertVariable(list[i], "/templating/list/" + std::to_string(i), d, ctx);
    for (std::size_t i = 0; i < panels.size(); ++i)
        grafana::convertPanel(panels[i], "/panels/" + std::to_string(i), ctx);
    noteDashboardParts(g, ctx);
    assignIds(ctx.panels);
    d.panels = std::move(ctx.panels);
    result.notCarried = std::move(ctx.notCarried);
    // The result must be a document ModelWatch reads back exactly.
    ReadResult check = documentFromJson(documentToJson(d), limits);
    if (!check.document) {
        result.error = Issue{check.error->pointer, "converted dashboard is invalid: " + check.error->message, 0, 0};
        result.notCarried.clear();
        return result;
    }
    result.document = std::move(d);
    return result;
}

GrafanaImport importGrafanaText(std::string_view textIn, const Limits &limits)
{
    json g;
    if (std::optional<Issue> syntax = parseJsonText(textIn, limits, g)) {
        GrafanaImport r;
        r.error = std::move(syntax);
        return r;
    }
    return importGrafana(g, limits);
}

} // namespace mw::dashboard
