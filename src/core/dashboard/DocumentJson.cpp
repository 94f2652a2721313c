#include "DocumentJson.h"

#include "Migration.h"
#include "ObjectReader.h"
#include "PanelJson.h"
#include "SectionJson.h"

#include "alerting/AlertRuleJson.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <set>

namespace mw::dashboard {

using detail::fail;
using detail::ObjectReader;
using detail::ReadFailure;
using nlohmann::json;

namespace {

constexpr const char *kRuleMembers[] = {"id",       "name",     "group",          "expr",      "condition",
                                        "interval", "for",      "keepFiringFor",  "repeatInterval",
                                        "severity", "unit",     "noData",         "onError",   "labels",
                                        "annotations", "panelId", "source"};

/// alertRuleFromJson()'s "condition.op: unknown operator" under the rule's pointer.
Issue ruleIssue(const std::string &rulePointer, const std::string &message)
{
    Issue issue = issueFromDottedPath(message);
    issue.pointer = rulePointer + issue.pointer;
    return issue;
}

DocumentRule readRule(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    if (!j.is_object())
        fail(pointer, std::string("not an object (") + j.type_name() + ")");
    std::string error;
    std::optional<alerting::AlertRule> rule = alerting::alertRuleFromJson(j, &error);
    if (!rule)
        throw ReadFailure{ruleIssue(pointer, error)};
    DocumentRule r{std::move(*rule), std::nullopt, {}};
    ObjectReader reader(j, pointer, warnings);
    for (const char *key : kRuleMembers)
        reader.markKnown(key);
    if (j.contains("panelId") && !j.at("panelId").is_null())
        r.panelId = int(reader.integer("panelId", 1, 1'000'000'000));
    r.source = reader.stringOr("source", "");
    reader.finish();
    return r;
}

template<typename T, typename Read>
std::vector<T> readList(ObjectReader &r, const char *key, std::size_t max, Read read)
{
    std::vector<T> out;
    if (const json *list = r.array(key, max))
        for (std::size_t i = 0; i < list->size(); ++i)
            out.push_back(read((*list)[i], pointerChild(r.at(key), i)));
    return out;
}

void checkUnique(const std::vector<std::string> &names, const std::string &listPointer, const char *member,
                 const char *what)
{
    std::set<std::string> seen;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (!seen.insert(names[i]).second)
            fail(pointerChild(pointerChild(listPointer, i), member), std::string("repeated ") + what + " '" + names[i] + "'");
}

Document readCurrent(const json &j, const Limits &limits, std::vector<Issue> *warnings)
{
    ObjectReader r(j, {}, warnings);
    (void)r.optional("schemaVersion", json::value_t::number_integer);
    Document d;
    d.title = r.stringOr("title", {});
    d.uid = r.stringOr("uid", {});
    d.server = r.enumOr<presets::ServerKind>("server", presets::ServerKind::Unknown, &presets::serverKindFromId,
                                             "server kind");
    if (const json *time = r.optional("time", json::value_t::object)) {
        ObjectReader t(*time, r.at("time"), warnings);
        d.time.from = t.stringOr("from", d.time.from);
        d.time.to = t.stringOr("to", d.time.to);
        if (!detail::isValidTime(d.time.from))
            fail(t.at("from"), "not a time (now, now-DURATION or ISO 8601): '" + d.time.from + "'");
        if (!detail::isValidTime(d.time.to))
            fail(t.at("to"), "not a time (now, now-DURATION or ISO 8601): '" + d.time.to + "'");
        t.finish();
    }
    d.refresh = r.enumOr<Refresh>("refresh", Refresh::Off, &refreshFromId, "refresh interval (off, 1s, 5s, 10s, 30s, 1m)");
    d.sources = readList<Source>(r, "sources", limits.maxSources, [&](const json &e, const std::string &p) {
        return detail::sourceFromJson(e, p, limits, warnings);
    });
    d.variables = readList<Variable>(r, "variables", limits.maxVariables, [&](const json &e, const std::string &p) {
        return detail::variableFromJson(e, p, limits, warnings);
    });
    d.panels = readList<Panel>(r, "panels", limits.maxPanels, [&](const json &e, const std::string &p) {
        return panelFromJson(e, p, limits, warnings);
    });
    d.rules = readList<DocumentRule>(r, "rules", limits.maxRules, [&](const json &e, const std::string &p) {
        return readRule(e, p, warnings);
    });
    r.finish();

    std::vector<std::string> names;
    for (const Source &s : d.sources)
        names.push_back(s.name);
    checkUnique(names, "/sources", "name", "source name");
    names.clear();
    for (const Variable &v : d.variables)
        names.push_back(v.name);
    checkUnique(names, "/variables", "name", "variable name");
    names.clear();
    for (const Panel &p : d.panels)
        names.push_back(std::to_string(p.id));
    checkUnique(names, "/panels", "id", "panel id");
    names.clear();
    for (const DocumentRule &rule : d.rules)
        names.push_back(rule.rule.id);
    checkUnique(names, "/rules", "id", "rule id");
    for (std::size_t i = 0; i < d.sources.size(); ++i) {
        if (d.sources[i].kind != SourceKind::ScoreBuckets)
            continue;
        const std::string &from = d.sources[i].scoreBuckets.from;
        const auto upstream = std::find_if(d.sources.begin(), d.sources.end(), [&](const Source &s) { return s.name == from; });
        const std::string at = pointerChild(pointerChild(pointerChild("/sources", i), "scoreBuckets"), "from");
        if (upstream == d.sources.end())
            fail(at, "no source is named '" + from + "'");
        if (upstream->kind != SourceKind::Prometheus && upstream->kind != SourceKind::Scrape)
            fail(at, "'" + from + "' is a " + std::string(sourceKindId(upstream->kind))
                         + " source; score buckets are read from a prometheus or scrape source");
    }
    for (std::size_t i = 0; i < d.panels.size(); ++i)
        if (!d.panels[i].source.empty() && !d.sourceOf(d.panels[i]))
            fail(pointerChild(pointerChild("/panels", i), "source"), "no source is named '" + d.panels[i].source + "'");
    for (std::size_t i = 0; i < d.rules.size(); ++i)
        if (d.rules[i].panelId && !d.panel(*d.rules[i].panelId))
            fail(pointerChild(pointerChild("/rules", i), "panelId"),
                 "no panel has id " + std::to_string(*d.rules[i].panelId));
    for (std::size_t i = 0; i < d.rules.size(); ++i) {
        const std::string &name = d.rules[i].source;
        if (!name.empty() && std::none_of(d.sources.begin(), d.sources.end(), [&](const Source &s) { return s.name == name; }))
            fail(pointerChild(pointerChild("/rules", i), "source"), "no source is named '" + name + "'");
    }
    return d;
}

} // namespace

json documentToJson(const Document &d)
{
    json sources = json::array();
    for (const Source &s : d.sources)
        sources.push_back(detail::sourceToJson(s));
    json variables = json::array();
    for (const Variable &v : d.variables)
        variables.push_back(detail::variableToJson(v));
    json panels = json::array();
    for (const Panel &p : d.panels)
        panels.push_back(panelToJson(p));
    json rules = json::array();
    for (const DocumentRule &r : d.rules) {
        json j = alerting::alertRuleToJson(r.rule);
        if (r.panelId)
            j["panelId"] = *r.panelId;
        if (!r.source.empty())
            j["source"] = r.source;
        rules.push_back(std::move(j));
    }
    return {
        {"schemaVersion", Document::kSchemaVersion},
        {"title", d.title},
        {"uid", d.uid},
        {"server", presets::serverKindId(d.server)},
        {"time", {{"from", d.time.from}, {"to", d.time.to}}},
        {"refresh", refreshId(d.refresh)},
        {"sources", std::move(sources)},
        {"variables", std::move(variables)},
        {"panels", std::move(panels)},
        {"rules", std::move(rules)},
    };
}

std::string documentToText(const Document &document)
{
    return documentToJson(document).dump(2) + "\n";
}

ReadResult documentFromJson(const json &j, const Limits &limits)
{
    ReadResult result;
    try {
        if (!j.is_object())
            fail({}, std::string("not an object (") + j.type_name() + ")");
        const auto version = j.find("schemaVersion");
        if (version == j.end())
            fail("/schemaVersion", "missing");
        if (!version->is_number_integer())
            fail("/schemaVersion", std::string("not an integer (") + version->dump() + ")");
        if (*version > json(Document::kSchemaVersion))
            fail("/schemaVersion", version->dump() + " is newer than this ModelWatch reads ("
                                       + std::to_string(Document::kSchemaVersion) + ")");
        if (*version < json(1))
            fail("/schemaVersion", version->dump() + " is not supported (1.." + std::to_string(Document::kSchemaVersion) + ")");
        result.fromVersion = version->get<int>();
        if (result.fromVersion < Document::kSchemaVersion) {
            Issue issue;
            std::optional<json> migrated = migrateToCurrent(j, result.fromVersion, &issue);
            if (!migrated)
                throw ReadFailure{issue};
            Document d = readCurrent(*migrated, limits, &result.warnings);
            result.document = std::move(d);
        } else {
            Document d = readCurrent(j, limits, &result.warnings);
            result.document = std::move(d);
        }
    } catch (const ReadFailure &f) {
        result.document.reset();
        result.error = f.issue;
    }
    return result;
}

} // namespace mw::dashboard
