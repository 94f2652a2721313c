#include "AlertStateJson.h"

#include "Humanize.h"
#include "JsonRead.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace mw::alerting {

namespace {

using nlohmann::json;
using V = nlohmann::json::value_t;

using detail::enumMember;
using detail::intMember;
using detail::member;
using detail::optionalInt;
using detail::optionalMember;
using detail::ReadError;
using detail::stringMap;
using detail::stringMember;

void putOptional(json &j, const char *key, const std::optional<int64_t> &v)
{
    if (v)
        j[key] = *v;
}

double parseValue(const json &object, const char *key, const std::string &path)
{
    const std::string text = stringMember(object, key, path);
    char *end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        throw ReadError{path + key + ": not a number '" + text + "'"};
    return v;
}

Labels readLabels(const json &object, const std::string &path)
{
    Labels out;
    for (const auto &[name, value] : stringMap(object, "labels", path))
        out.set(name, value);
    return out;
}

AlertInstance readInstance(const json &j, const std::string &path)
{
    if (!j.is_object())
        throw ReadError{path + ": not an object"};
    const std::string p = path + ".";
    AlertInstance a;
    a.ruleId = stringMember(j, "ruleId", p);
    a.labels = readLabels(j, p);
    a.state = enumMember(j, "state", p, &alertStateFromId, "state");
    a.value = parseValue(j, "value", p);
    a.annotations = stringMap(j, "annotations", p);
    a.activeAtMs = intMember(j, "activeAtMs", p);
    a.firedAtMs = optionalInt(j, "firedAtMs", p);
    a.resolvedAtMs = optionalInt(j, "resolvedAtMs", p);
    a.keepFiringSinceMs = optionalInt(j, "keepFiringSinceMs", p);
    a.lastNotifiedMs = optionalInt(j, "lastNotifiedMs", p);
    a.announced = member(j, "announced", V::boolean, p).get<bool>();
    if (const json *ack = optionalMember(j, "ack", V::object, p)) {
        const std::string ap = p + "ack.";
        Acknowledgement k;
        k.by = stringMember(*ack, "by", ap);
        k.atMs = intMember(*ack, "atMs", ap);
        k.comment = stringMember(*ack, "comment", ap);
        k.untilMs = optionalInt(*ack, "untilMs", ap);
        a.ack = std::move(k);
    }
    return a;
}

Snooze readSnooze(const json &j, const std::string &path)
{
    if (!j.is_object())
        throw ReadError{path + ": not an object"};
    const std::string p = path + ".";
    Snooze s;
    s.id = stringMember(j, "id", p);
    const json &matchers = member(j, "matchers", V::array, p);
    if (matchers.empty())
        throw ReadError{p + "matchers: empty"};
    for (std::size_t i = 0; i < matchers.size(); ++i) {
        const json &m = matchers[i];
        const std::string mp = p + "matchers[" + std::to_string(i) + "].";
        if (!m.is_object())
            throw ReadError{mp.substr(0, mp.size() - 1) + ": not an object"};
        const bool isRegex = member(m, "isRegex", V::boolean, mp).get<bool>();
        const json *eq = optionalMember(m, "isEqual", V::boolean, mp);
        const bool isEqual = eq ? eq->get<bool>() : true; // Alertmanager's default
        const LabelMatcher::Op op = isRegex ? (isEqual ? LabelMatcher::Op::Regex : LabelMatcher::Op::NotRegex)
                                            : (isEqual ? LabelMatcher::Op::Equal : LabelMatcher::Op::NotEqual);
        std::string error;
        auto matcher = LabelMatcher::create(stringMember(m, "name", mp), op, stringMember(m, "value", mp), &error);
        if (!matcher)
            throw ReadError{mp.substr(0, mp.size() - 1) + ": " + error};
        s.matchers.push_back(std::move(*matcher));
    }
    s.expiresMs = intMember(j, "expiresAtMs", p);
    s.by = stringMember(j, "by", p);
    s.atMs = intMember(j, "atMs", p);
    s.comment = stringMember(j, "comment", p);
    return s;
}

template<typename T>
std::optional<T> guarded(T (*read)(const json &, const std::string &), const json &j, const char *what, std::string *error)
{
    try {
        return read(j, what);
    } catch (const ReadError &e) {
        if (error)
            *error = e.message;
        return std::nullopt;
    }
}

AlertEvent readEvent(const json &j, const std::string &path)
{
    if (!j.is_object())
        throw ReadError{path + ": not an object"};
    const std::string p = path + ".";
    AlertEvent e;
    e.kind = enumMember(j, "kind", p, &eventKindFromId, "kind");
    e.atMs = intMember(j, "atMs", p);
    if (const json *inst = optionalMember(j, "instance", V::object, p))
        e.instance = readInstance(*inst, p + "instance");
    e.fromState = enumMember(j, "fromState", p, &alertStateFromId, "state");
    e.fromStatus = enumMember(j, "fromStatus", p, &alertStatusFromId, "status");
    e.toStatus = enumMember(j, "toStatus", p, &alertStatusFromId, "status");
    if (j.contains("reason"))
        e.reason = enumMember(j, "reason", p, &notifyReasonFromId, "reason");
    if (const json *s = optionalMember(j, "snooze", V::object, p))
        e.snooze = readSnooze(*s, p + "snooze");
    e.actor = stringMember(j, "actor", p);
    e.detail = stringMember(j, "detail", p);
    return e;
}

} // namespace

json alertInstanceToJson(const AlertInstance &a)
{
    json labels = json::object();
    for (const Labels::Pair &l : a.labels.pairs())
        labels[l.name] = l.value;
    json j = {
        {"ruleId", a.ruleId},
        {"labels", std::move(labels)},
        {"state", alertStateId(a.state)},
        {"value", formatGoFloat(a.value)},
        {"annotations", a.annotations},
        {"activeAtMs", a.activeAtMs},
        {"announced", a.announced},
    };
    putOptional(j, "firedAtMs", a.firedAtMs);
    putOptional(j, "resolvedAtMs", a.resolvedAtMs);
    putOptional(j, "keepFiringSinceMs", a.keepFiringSinceMs);
    putOptional(j, "lastNotifiedMs", a.lastNotifiedMs);
    if (a.ack) {
        json ack = {{"by", a.ack->by}, {"atMs", a.ack->atMs}, {"comment", a.ack->comment}};
        putOptional(ack, "untilMs", a.ack->untilMs);
        j["ack"] = std::move(ack);
    }
    return j;
}

json snoozeToJson(const Snooze &s)
{
    json matchers = json::array();
    for (const LabelMatcher &m : s.matchers)
        matchers.push_back({{"name", m.name()}, {"value", m.value()}, {"isRegex", m.isRegex()}, {"isEqual", m.isEqual()}});
    return {{"id", s.id}, {"matchers", std::move(matchers)}, {"expiresAtMs", s.expiresMs},
            {"by", s.by}, {"atMs", s.atMs}, {"comment", s.comment}};
}

json alertEventToJson(const AlertEvent &e)
{
    json j = {
        {"kind", eventKindId(e.kind)},
        {"atMs", e.atMs},
        {"fromState", alertStateId(e.fromState)},
        {"fromStatus", alertStatusId(e.fromStatus)},
        {"toStatus", alertStatusId(e.toStatus)},
        {"actor", e.actor},
        {"detail", e.detail},
    };
    if (e.kind != EventKind::SnoozeAdded && e.kind != EventKind::SnoozeRemoved)
        j["instance"] = alertInstanceToJson(e.instance);
    if (e.kind == EventKind::Notification)
        j["reason"] = notifyReasonId(e.reason);
    if (e.snooze)
        j["snooze"] = snoozeToJson(*e.snooze);
    return j;
}

std::optional<AlertInstance> alertInstanceFromJson(const json &j, std::string *error)
{
    return guarded(&readInstance, j, "instance", error);
}

std::optional<Snooze> snoozeFromJson(const json &j, std::string *error)
{
    return guarded(&readSnooze, j, "snooze", error);
}

std::optional<AlertEvent> alertEventFromJson(const json &j, std::string *error)
{
    return guarded(&readEvent, j, "event", error);
}

} // namespace mw::alerting
