#include "AlertRuleJson.h"

#include "JsonRead.h"
#include "PromDuration.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace mw::alerting {

namespace {

using nlohmann::json;

using detail::enumOr;
using detail::member;
using detail::optionalMember;
using detail::ReadError;
using detail::stringMap;
using detail::stringOr;

int64_t durationOr(const json &object, const char *key, const std::string &path, int64_t fallback)
{
    const json *m = optionalMember(object, key, json::value_t::string, path);
    if (!m)
        return fallback;
    const std::string text = m->get<std::string>();
    const std::optional<int64_t> ms = parsePromDuration(text);
    if (!ms)
        throw ReadError{path + key + ": not a duration '" + text + "'"};
    return *ms;
}

double finiteNumber(const json &object, const char *key, const std::string &path)
{
    const double v = member(object, key, json::value_t::number_float, path).get<double>();
    if (!std::isfinite(v))
        throw ReadError{path + key + ": not a finite number"};
    return v;
}

AlertRule readRule(const json &j, const std::string &path)
{
    if (!j.is_object())
        throw ReadError{(path.empty() ? std::string("rule") : path.substr(0, path.size() - 1)) + ": not an object"};
    AlertRule r;
    r.id = member(j, "id", json::value_t::string, path).get<std::string>();
    r.name = member(j, "name", json::value_t::string, path).get<std::string>();
    r.group = stringOr(j, "group", path, {});
    r.expr = member(j, "expr", json::value_t::string, path).get<std::string>();
    const json &cond = member(j, "condition", json::value_t::object, path);
    const std::string cpath = path + "condition.";
    const std::string kind = member(cond, "kind", json::value_t::string, cpath).get<std::string>();
    const std::optional<ConditionKind> k = conditionKindFromId(kind);
    if (!k)
        throw ReadError{cpath + "kind: unknown kind '" + kind + "'"};
    r.kind = *k;
    if (r.kind == ConditionKind::Threshold) {
        const std::string op = member(cond, "op", json::value_t::string, cpath).get<std::string>();
        const std::optional<CompareOp> o = compareOpFromId(op);
        if (!o)
            throw ReadError{cpath + "op: unknown operator '" + op + "'"};
        r.op = *o;
        r.threshold = finiteNumber(cond, "threshold", cpath);
        if (optionalMember(cond, "clearThreshold", json::value_t::number_float, cpath))
            r.clearThreshold = finiteNumber(cond, "clearThreshold", cpath);
    }
    r.intervalMs = durationOr(j, "interval", path, r.intervalMs);
    r.forMs = durationOr(j, "for", path, r.forMs);
    r.keepFiringForMs = durationOr(j, "keepFiringFor", path, r.keepFiringForMs);
    r.repeatIntervalMs = durationOr(j, "repeatInterval", path, 0);
    r.severity = enumOr(j, "severity", path, r.severity, &severityFromId, "severity");
    r.unit = enumOr(j, "unit", path, r.unit, &valueUnitFromId, "unit");
    r.noData = enumOr(j, "noData", path, r.noData, &statePolicyFromId, "policy");
    r.onError = enumOr(j, "onError", path, r.onError, &statePolicyFromId, "policy");
    r.labels = stringMap(j, "labels", path);
    r.annotations = stringMap(j, "annotations", path);
    if (const std::optional<std::string> problem = validateRule(r))
        throw ReadError{path + *problem};
    return r;
}

} // namespace

json alertRuleToJson(const AlertRule &rule)
{
    json cond = {{"kind", conditionKindId(rule.kind)}};
    if (rule.kind == ConditionKind::Threshold) {
        cond["op"] = compareOpId(rule.op);
        cond["threshold"] = rule.threshold;
        if (rule.clearThreshold)
            cond["clearThreshold"] = *rule.clearThreshold;
    }
    json j = {
        {"id", rule.id},
        {"name", rule.name},
        {"group", rule.group},
        {"expr", rule.expr},
        {"condition", std::move(cond)},
        {"interval", formatPromDuration(rule.intervalMs)},
        {"for", formatPromDuration(rule.forMs)},
        {"keepFiringFor", formatPromDuration(rule.keepFiringForMs)},
        {"severity", severityId(rule.severity)},
        {"unit", valueUnitId(rule.unit)},
        {"noData", statePolicyId(rule.noData)},
        {"onError", statePolicyId(rule.onError)},
        {"labels", rule.labels},
        {"annotations", rule.annotations},
    };
    if (rule.repeatIntervalMs > 0)
        j["repeatInterval"] = formatPromDuration(rule.repeatIntervalMs);
    return j;
}

std::optional<AlertRule> alertRuleFromJson(const json &j, std::string *error)
{
    try {
        return readRule(j, {});
    } catch (const ReadError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

json alertRulesToJson(const std::vector<AlertRule> &rules)
{
    json a = json::array();
    for (const AlertRule &r : rules)
        a.push_back(alertRuleToJson(r));
    return a;
}

std::optional<std::vector<AlertRule>> alertRulesFromJson(const json &j, std::string *error)
{
    try {
        if (!j.is_array())
            throw ReadError{"rules: not an array"};
        std::vector<AlertRule> out;
        for (std::size_t i = 0; i < j.size(); ++i)
            out.push_back(readRule(j[i], "[" + std::to_string(i) + "]."));
        return out;
    } catch (const ReadError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

} // namespace mw::alerting
