#include "AmDecoder.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mw {

namespace {

using json = nlohmann::json;

/// Thrown inside this file only, caught by decode().
struct ShapeError
{
    std::string path;
    std::string what;
};

std::string join(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

std::string at(const std::string &path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

const json &member(const json &o, const char *key, const std::string &path)
{
    const auto it = o.find(key);
    if (it == o.end())
        throw ShapeError{join(path, key), "missing"};
    return *it;
}

const json *optionalMember(const json &o, const char *key)
{
    const auto it = o.find(key);
    return it == o.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const json &v, const std::string &path)
{
    if (!v.is_string())
        throw ShapeError{path, std::string("expected a string, got ") + v.type_name()};
    return v.get<std::string>();
}

bool boolean(const json &v, const std::string &path)
{
    if (!v.is_boolean())
        throw ShapeError{path, std::string("expected true or false, got ") + v.type_name()};
    return v.get<bool>();
}

const json &object(const json &v, const std::string &path)
{
    if (!v.is_object())
        throw ShapeError{path, std::string("expected an object, got ") + v.type_name()};
    return v;
}

const json &array(const json &v, const std::string &path)
{
    if (!v.is_array())
        throw ShapeError{path, std::string("expected an array, got ") + v.type_name()};
    return v;
}

int64_t time(const json &o, const char *key, const std::string &path, bool required)
{
    const json *v = optionalMember(o, key);
    if (!v) {
        if (required)
            throw ShapeError{join(path, key), "missing"};
        return 0;
    }
    const std::string s = text(*v, join(path, key));
    const std::optional<int64_t> ms = parseRfc3339(s);
    if (!ms)
        throw ShapeError{join(path, key), "\"" + s + "\" is not an RFC 3339 time"};
    return *ms;
}

PromLabels labelSet(const json &v, const std::string &path)
{
    PromLabels out;
    for (const auto &[name, value] : object(v, path).items())
        out.emplace_back(name, text(value, join(path, name)));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> strings(const json &v, const std::string &path)
{
    std::vector<std::string> out;
    const json &a = array(v, path);
    for (std::size_t i = 0; i < a.size(); ++i)
        out.push_back(text(a[i], at(path, i)));
    return out;
}

AmAlert alert(const json &v, const std::string &path)
{
    const json &o = object(v, path);
    AmAlert a;
    a.labels = labelSet(member(o, "labels", path), join(path, "labels"));
    if (const json *ann = optionalMember(o, "annotations"))
        a.annotations = labelSet(*ann, join(path, "annotations"));
    a.startsAtMs = time(o, "startsAt", path, true);
    a.endsAtMs = time(o, "endsAt", path, true);
    a.updatedAtMs = time(o, "updatedAt", path, false);
    a.fingerprint = text(member(o, "fingerprint", path), join(path, "fingerprint"));
    if (const json *g = optionalMember(o, "generatorURL"))
        a.generatorUrl = text(*g, join(path, "generatorURL"));
    if (const json *r = optionalMember(o, "receivers")) {
        const std::string rp = join(path, "receivers");
        const json &list = array(*r, rp);
        for (std::size_t i = 0; i < list.size(); ++i)
            a.receivers.push_back(text(member(object(list[i], at(rp, i)), "name", at(rp, i)), join(at(rp, i), "name")));
    }
    const std::string sp = join(path, "status");
    const json &status = object(member(o, "status", path), sp);
    a.state = text(member(status, "state", sp), join(sp, "state"));
    a.silencedBy = strings(member(status, "silencedBy", sp), join(sp, "silencedBy"));
    a.inhibitedBy = strings(member(status, "inhibitedBy", sp), join(sp, "inhibitedBy"));
    if (const json *m = optionalMember(status, "mutedBy")) // Alertmanager 0.27+
        a.mutedBy = strings(*m, join(sp, "mutedBy"));
    return a;
}

AmSilence silence(const json &v, const std::string &path)
{
    const json &o = object(v, path);
    AmSilence s;
    s.id = text(member(o, "id", path), join(path, "id"));
    const std::string mp = join(path, "matchers");
    const json &matchers = array(member(o, "matchers", path), mp);
    for (std::size_t i = 0; i < matchers.size(); ++i) {
        const std::string p = at(mp, i);
        const json &m = object(matchers[i], p);
        AmMatcher matcher;
        matcher.name = text(member(m, "name", p), join(p, "name"));
        matcher.value = text(member(m, "value", p), join(p, "value"));
        matcher.isRegex = boolean(member(m, "isRegex", p), join(p, "isRegex"));
        if (const json *eq = optionalMember(m, "isEqual")) // absent before 0.22: equality
            matcher.isEqual = boolean(*eq, join(p, "isEqual"));
        s.matchers.push_back(std::move(matcher));
    }
    s.startsAtMs = time(o, "startsAt", path, true);
    s.endsAtMs = time(o, "endsAt", path, true);
    s.updatedAtMs = time(o, "updatedAt", path, false);
    s.createdBy = text(member(o, "createdBy", path), join(path, "createdBy"));
    s.comment = text(member(o, "comment", path), join(path, "comment"));
    const std::string sp = join(path, "status");
    s.state = text(member(object(member(o, "status", path), sp), "state", sp), join(sp, "state"));
    return s;
}

/// Parses with a depth limit; false when the body is not JSON or too deep.
bool parse(std::string_view body, json &out, std::string &why)
{
    bool tooDeep = false;
    json::parser_callback_t limit = [&tooDeep](int depth, json::parse_event_t, json &) {
        if (depth > AmDecoder::kMaxDepth)
            tooDeep = true;
        return !tooDeep;
    };
    out = json::parse(body.begin(), body.end(), limit, false);
    if (tooDeep) {
        why = "nested deeper than " + std::to_string(AmDecoder::kMaxDepth) + " levels";
        return false;
    }
    if (out.is_discarded()) {
        why = body.empty() ? std::string("the body is empty") : std::string("the body is not valid JSON");
        return false;
    }
    return true;
}

void fail(AmResponse &out, PromErrorKind kind, const QString &message)
{
    out.error.kind = kind;
    out.error.message = message;
    out.alerts.clear();
    out.silences.clear();
    out.silenceId.clear();
}

} // namespace

void AmDecoder::decode(std::string_view body, AmDataKind kind, AmResponse &out)
{
    if (kind == AmDataKind::Empty)
        return;
    if (kind == AmDataKind::Text) {
        out.text = QString::fromUtf8(body.data(), static_cast<qsizetype>(body.size())).trimmed();
        return;
    }
    json doc;
    std::string why;
    if (!parse(body, doc, why))
        return fail(out, PromErrorKind::NotJson, QString::fromStdString("Alertmanager's answer is not JSON: " + why));
    try {
        if (kind == AmDataKind::SilenceId) {
            out.silenceId = text(member(object(doc, "(body)"), "silenceID", {}), "silenceID");
            if (out.silenceId.empty())
                throw ShapeError{"silenceID", "empty"};
        } else {
            const json &list = array(doc, "(body)");
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (kind == AmDataKind::Alerts)
                    out.alerts.push_back(alert(list[i], at("", i)));
                else
                    out.silences.push_back(silence(list[i], at("", i)));
            }
        }
    } catch (const ShapeError &e) {
        fail(out, PromErrorKind::BadResponse,
             QString::fromStdString("unexpected Alertmanager answer at " + e.path + ": " + e.what));
    }
}

std::optional<std::string> AmDecoder::errorMessage(std::string_view body)
{
    json doc;
    std::string why;
    if (!parse(body, doc, why))
        return std::nullopt;
    if (doc.is_string())
        return doc.get<std::string>();
    if (doc.is_object()) {
        const auto it = doc.find("message");
        if (it != doc.end() && it->is_string())
            return it->get<std::string>();
    }
    return std::nullopt;
}

} // namespace mw
