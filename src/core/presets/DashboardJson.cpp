#include "DashboardJson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace mw::presets {

namespace {

using nlohmann::json;

/// A failure while reading: the JSON path and what is wrong.
struct ReadError
{
    std::string message;
};

const json &member(const json &object, const char *key, json::value_t type, const std::string &path)
{
    const auto it = object.find(key);
    if (it == object.end())
        throw ReadError{path + key + ": missing"};
    const bool typeOk = it->type() == type
        || (type == json::value_t::number_float && it->is_number());
    if (!typeOk)
        throw ReadError{path + key + ": wrong type (" + it->type_name() + ")"};
    return *it;
}

std::string stringMember(const json &object, const char *key, const std::string &path)
{
    return member(object, key, json::value_t::string, path).get<std::string>();
}

template<typename E>
E enumMember(const json &object, const char *key, const std::string &path, std::optional<E> (*parse)(std::string_view))
{
    const std::string text = stringMember(object, key, path);
    const std::optional<E> value = parse(text);
    if (!value)
        throw ReadError{path + key + ": unknown value '" + text + "'"};
    return *value;
}

Panel readPanel(const json &object, const std::string &path)
{
    if (!object.is_object())
        throw ReadError{path + ": not an object"};
    Panel panel;
    panel.title = stringMember(object, "title", path + ".");
    if (object.contains("description"))
        panel.description = stringMember(object, "description", path + ".");
    panel.kind = enumMember<PanelKind>(object, "type", path + ".", panelKindFromId);
    panel.unit = enumMember<Unit>(object, "unit", path + ".", unitFromId);
    const json &queries = member(object, "queries", json::value_t::array, path + ".");
    for (std::size_t i = 0; i < queries.size(); ++i) {
        const std::string at = path + ".queries[" + std::to_string(i) + "]";
        if (!queries[i].is_object())
            throw ReadError{at + ": not an object"};
        panel.queries.push_back({stringMember(queries[i], "expr", at + "."), stringMember(queries[i], "legend", at + ".")});
    }
    if (object.contains("thresholds")) {
        const json &thresholds = member(object, "thresholds", json::value_t::array, path + ".");
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            const std::string at = path + ".thresholds[" + std::to_string(i) + "]";
            if (!thresholds[i].is_object())
                throw ReadError{at + ": not an object"};
            Threshold t;
            // A non-finite value is refused: JSON text has no NaN or Inf (dump()
            // writes null), so it could not survive a save and load.
            t.value = member(thresholds[i], "value", json::value_t::number_float, at + ".").get<double>();
            if (!std::isfinite(t.value))
                throw ReadError{at + ".value: not a finite number"};
            t.severity = enumMember<Severity>(thresholds[i], "severity", at + ".", severityFromId);
            panel.thresholds.push_back(t);
        }
    }
    return panel;
}

} // namespace

json dashboardToJson(const Dashboard &dashboard)
{
    json panels = json::array();
    for (const Panel &panel : dashboard.panels) {
        json queries = json::array();
        for (const PanelQuery &q : panel.queries)
            queries.push_back({{"expr", q.expr}, {"legend", q.legend}});
        json thresholds = json::array();
        for (const Threshold &t : panel.thresholds)
            thresholds.push_back({{"value", t.value}, {"severity", severityId(t.severity)}});
        panels.push_back({
            {"title", panel.title},
            {"description", panel.description},
            {"type", panelKindId(panel.kind)},
            {"unit", unitId(panel.unit)},
            {"queries", std::move(queries)},
            {"thresholds", std::move(thresholds)},
        });
    }
    return {
        {"schemaVersion", Dashboard::kSchemaVersion},
        {"server", serverKindId(dashboard.server)},
        {"title", dashboard.title},
        {"panels", std::move(panels)},
    };
}

std::optional<Dashboard> dashboardFromJson(const json &object, std::string *error)
{
    try {
        if (!object.is_object())
            throw ReadError{"not an object"};
        const json &version = member(object, "schemaVersion", json::value_t::number_float, "");
        // Compared as JSON numbers: no narrowing, so 4294967297 is not 1.
        if (!version.is_number_integer() || version != json(Dashboard::kSchemaVersion)) {
            const bool newer = version.is_number_integer() && version > json(Dashboard::kSchemaVersion);
            throw ReadError{"schemaVersion: " + version.dump()
                            + (newer ? " is newer than this ModelWatch reads (" : " is not supported (expected ")
                            + std::to_string(Dashboard::kSchemaVersion) + ")"};
        }
        Dashboard dashboard;
        dashboard.server = enumMember<ServerKind>(object, "server", "", serverKindFromId);
        dashboard.title = stringMember(object, "title", "");
        const json &panels = member(object, "panels", json::value_t::array, "");
        for (std::size_t i = 0; i < panels.size(); ++i)
            dashboard.panels.push_back(readPanel(panels[i], "panels[" + std::to_string(i) + "]"));
        return dashboard;
    } catch (const ReadError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

} // namespace mw::presets
