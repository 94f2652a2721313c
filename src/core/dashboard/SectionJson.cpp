#include "SectionJson.h"

#include "ObjectReader.h"

#include "alerting/PromDuration.h"

#include <QDateTime>
#include <QString>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mw::dashboard::detail {

using nlohmann::json;

namespace {

bool isNameChar(char c, bool first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

std::string secretRef(ObjectReader &r, const char *key)
{
    std::string ref = r.stringOr(key, {});
    if (!ref.empty() && !isSecretRef(ref))
        fail(r.at(key), "not a secret reference (env:VAR or keyring:service/key); secrets are never stored in a dashboard");
    return ref;
}

SourceAuth readAuth(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    SourceAuth a;
    if (const json *headers = r.optional("headers", json::value_t::object)) {
        for (const auto &[name, value] : headers->items()) {
            const std::string at = pointerChild(r.at("headers"), name);
            if (!value.is_string())
                fail(at, std::string("wrong type (") + value.type_name() + ")");
            if (name.empty())
                fail(at, "empty header name");
            if (!isSecretRef(value.get<std::string>()))
                fail(at, "not a secret reference (env:VAR or keyring:service/key)");
            a.headers.emplace(name, value.get<std::string>());
        }
    }
    a.basicAuthUser = r.stringOr("basicAuthUser", {});
    a.passwordRef = secretRef(r, "passwordRef");
    a.bearerTokenRef = secretRef(r, "bearerTokenRef");
    a.caFile = r.stringOr("caFile", {});
    a.certFile = r.stringOr("certFile", {});
    a.keyFile = r.stringOr("keyFile", {});
    a.insecureSkipVerify = r.boolOr("insecureSkipVerify", false);
    r.finish();
    if (!a.passwordRef.empty() && a.basicAuthUser.empty())
        fail(pointerChild(pointer, "passwordRef"), "needs basicAuthUser");
    if (!a.passwordRef.empty() && !a.bearerTokenRef.empty())
        fail(pointerChild(pointer, "bearerTokenRef"), "basic auth and a bearer token are exclusive");
    return a;
}

std::string durationText(ObjectReader &r, const char *key, int64_t fallback, int64_t minMs, const char *what)
{
    const std::string text = r.stringOr(key, alerting::formatPromDuration(fallback));
    const std::optional<int64_t> ms = alerting::parsePromDuration(text);
    if (!ms || *ms < minMs)
        fail(r.at(key), std::string("not a duration of at least ") + what + ": '" + text + "'");
    return text;
}

int64_t duration(ObjectReader &r, const char *key, int64_t fallback, int64_t minMs, const char *what)
{
    return *alerting::parsePromDuration(durationText(r, key, fallback, minMs, what));
}

FeedSourceOptions readFeed(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    FeedSourceOptions f;
    f.format = r.enumOr<FeedFormat>("format", FeedFormat::Auto, &feedFormatFromId, "feed format (auto, jsonl, csv)");
    f.joinWindowMs = duration(r, "joinWindow", f.joinWindowMs, 1000, "1s");
    f.windowMs = duration(r, "window", f.windowMs, 0, "0s");
    f.windowCount = r.integer("windowCount", 0, 1'000'000'000, 0);
    if (const json *classes = r.array("classes", 10'000)) {
        f.classes = stringArray(*classes, r.at("classes"));
        if (f.classes.size() == 1)
            fail(r.at("classes"), "needs at least two classes (or none: the labels of the feed)");
        for (std::size_t i = 0; i < f.classes.size(); ++i) {
            if (f.classes[i].empty())
                fail(pointerChild(r.at("classes"), i), "empty class name");
            for (std::size_t k = 0; k < i; ++k)
                if (f.classes[k] == f.classes[i])
                    fail(pointerChild(r.at("classes"), i), "repeated class '" + f.classes[i] + "'");
        }
    }
    f.positiveClass = r.stringOr("positiveClass", {});
    if (!f.positiveClass.empty() && !f.classes.empty()
        && std::find(f.classes.begin(), f.classes.end(), f.positiveClass) == f.classes.end())
        fail(r.at("positiveClass"), "'" + f.positiveClass + "' is not one of the classes");
    if (r.optional("threshold", json::value_t::number_float))
        f.threshold = r.finite("threshold");
    f.minSamples = r.integer("minSamples", 0, 1'000'000'000, f.minSamples);
    f.evaluationIntervalMs = duration(r, "evaluationInterval", f.evaluationIntervalMs, 1000, "1s");
    r.finish();
    return f;
}

json feedToJson(const FeedSourceOptions &f)
{
    return {{"format", feedFormatId(f.format)},
            {"joinWindow", alerting::formatPromDuration(f.joinWindowMs)},
            {"window", alerting::formatPromDuration(f.windowMs)},
            {"windowCount", f.windowCount},
            {"classes", f.classes},
            {"positiveClass", f.positiveClass},
            {"threshold", f.threshold},
            {"minSamples", f.minSamples},
            {"evaluationInterval", alerting::formatPromDuration(f.evaluationIntervalMs)}};
}

ScoreBucketOptions readScoreBuckets(const json &j, const std::string &pointer, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    ScoreBucketOptions b;
    b.from = r.string("from");
    if (b.from.empty())
        fail(r.at("from"), "empty: the name of the source the score-bucket queries run on");
    b.positives = r.string("positives");
    if (b.positives.empty())
        fail(r.at("positives"), "empty: the positives' cumulative score histogram, one series per le");
    b.negatives = r.string("negatives");
    if (b.negatives.empty())
        fail(r.at("negatives"), "empty: the negatives' cumulative score histogram, one series per le");
    b.minSamples = r.integer("minSamples", 0, 1'000'000'000, b.minSamples);
    b.evaluationIntervalMs = duration(r, "evaluationInterval", b.evaluationIntervalMs, 1000, "1s");
    b.backfillMs = duration(r, "backfill", b.backfillMs, 0, "0s");
    if (b.backfillMs > 7 * 24 * 3600 * 1000LL)
        fail(r.at("backfill"), "longer than 7d");
    r.finish();
    return b;
}

json scoreBucketsToJson(const ScoreBucketOptions &b)
{
    return {{"from", b.from},
            {"positives", b.positives},
            {"negatives", b.negatives},
            {"minSamples", b.minSamples},
            {"evaluationInterval", alerting::formatPromDuration(b.evaluationIntervalMs)},
            {"backfill", alerting::formatPromDuration(b.backfillMs)}};
}

} // namespace

bool isVariableName(std::string_view text)
{
    if (text.empty())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (!isNameChar(text[i], i == 0))
            return false;
    return true;
}

bool isSecretRef(std::string_view text)
{
    if (text.starts_with("env:"))
        return isVariableName(text.substr(4));
    if (text.starts_with("keyring:")) {
        const std::string_view rest = text.substr(8);
        const std::size_t slash = rest.find('/');
        return slash != std::string_view::npos && slash > 0 && slash + 1 < rest.size();
    }
    return false;
}

bool isValidTime(std::string_view text)
{
    if (text == "now")
        return true;
    if (text.starts_with("now-"))
        return alerting::parsePromDuration(text.substr(4)).has_value();
    const QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
    return QDateTime::fromString(s, Qt::ISODateWithMs).isValid();
}

json sourceToJson(const Source &s)
{
    const SourceAuth &a = s.auth;
    json auth = {{"headers", a.headers},   {"basicAuthUser", a.basicAuthUser}, {"passwordRef", a.passwordRef},
                 {"bearerTokenRef", a.bearerTokenRef}, {"caFile", a.caFile}, {"certFile", a.certFile},
                 {"keyFile", a.keyFile},   {"insecureSkipVerify", a.insecureSkipVerify}};
    json j = {{"name", s.name}, {"kind", sourceKindId(s.kind)}, {"auth", std::move(auth)}};
    if (s.kind == SourceKind::Prometheus) {
        j["url"] = s.url;
    } else if (s.kind == SourceKind::Feed) {
        j["url"] = s.url;
        j["feed"] = feedToJson(s.feed);
    } else if (s.kind == SourceKind::ScoreBuckets) {
        j["scoreBuckets"] = scoreBucketsToJson(s.scoreBuckets);
    } else {
        j["targets"] = s.targets;
        j["scrapeInterval"] = alerting::formatPromDuration(s.scrapeIntervalMs);
        j["server"] = presets::serverKindId(s.server);
    }
    return j;
}

Source sourceFromJson(const json &j, const std::string &pointer, const Limits &limits, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    Source s;
    s.name = r.string("name");
    if (s.name.empty())
        fail(r.at("name"), "empty");
    s.kind = r.enumOr<SourceKind>("kind", std::nullopt, &sourceKindFromId, "source kind");
    if (const json *auth = r.optional("auth", json::value_t::object))
        s.auth = readAuth(*auth, r.at("auth"), warnings);
    if (s.kind == SourceKind::Prometheus) {
        s.url = r.string("url");
        if (!s.url.starts_with("http://") && !s.url.starts_with("https://"))
            fail(r.at("url"), "not an http:// or https:// URL");
    } else if (s.kind == SourceKind::Feed) {
        s.url = r.string("url");
        const std::size_t scheme = s.url.find("://");
        if (s.url.empty())
            fail(r.at("url"), "empty: an http(s):// URL to poll or a file path to follow");
        if (scheme != std::string::npos && !s.url.starts_with("http://") && !s.url.starts_with("https://")
            && !s.url.starts_with("file://"))
            fail(r.at("url"), "not an http://, https:// or file:// URL, nor a file path");
        if (const json *feed = r.optional("feed", json::value_t::object))
            s.feed = readFeed(*feed, r.at("feed"), warnings);
    } else if (s.kind == SourceKind::ScoreBuckets) {
        const json *buckets = r.optional("scoreBuckets", json::value_t::object);
        if (!buckets)
            fail(r.at("scoreBuckets"), "a score_buckets source needs its from, positives and negatives");
        s.scoreBuckets = readScoreBuckets(*buckets, r.at("scoreBuckets"), warnings);
    } else {
        const json *targets = r.array("targets", limits.maxTargetsPerSource);
        if (!targets || targets->empty())
            fail(r.at("targets"), "a scrape source needs at least one target");
        s.targets = stringArray(*targets, r.at("targets"));
        for (std::size_t i = 0; i < s.targets.size(); ++i)
            if (!s.targets[i].starts_with("http://") && !s.targets[i].starts_with("https://"))
                fail(pointerChild(r.at("targets"), i), "not an http:// or https:// URL");
        const std::string interval = r.stringOr("scrapeInterval", "15s");
        const std::optional<int64_t> ms = alerting::parsePromDuration(interval);
        if (!ms || *ms < 1000)
            fail(r.at("scrapeInterval"), "not a duration of at least 1s: '" + interval + "'");
        s.scrapeIntervalMs = *ms;
        s.server = r.enumOr<presets::ServerKind>("server", presets::ServerKind::Unknown, &presets::serverKindFromId,
                                                 "server kind");
    }
    r.finish();
    return s;
}

json variableToJson(const Variable &v)
{
    json j = {{"name", v.name},       {"label", v.label},       {"kind", variableKindId(v.kind)},
              {"current", v.current}, {"multi", v.multi},       {"includeAll", v.includeAll}};
    if (v.kind == VariableKind::Query)
        j["query"] = v.query;
    else
        j["options"] = v.options;
    return j;
}

Variable variableFromJson(const json &j, const std::string &pointer, const Limits &limits, std::vector<Issue> *warnings)
{
    ObjectReader r(j, pointer, warnings);
    Variable v;
    v.name = r.string("name");
    if (!isVariableName(v.name))
        fail(r.at("name"), "not a variable name '" + v.name + "' ([A-Za-z_][A-Za-z0-9_]*)");
    v.label = r.stringOr("label", {});
    v.kind = r.enumOr<VariableKind>("kind", std::nullopt, &variableKindFromId, "variable kind");
    if (v.kind == VariableKind::Query) {
        v.query = r.string("query");
        if (!v.query.starts_with("label_values(") || !v.query.ends_with(")"))
            fail(r.at("query"), "expected label_values(metric, label) or label_values(label)");
    } else {
        const json *options = r.array("options", limits.maxOptionsPerVariable);
        if (options)
            v.options = stringArray(*options, r.at("options"));
    }
    if (const json *current = r.array("current", limits.maxOptionsPerVariable))
        v.current = stringArray(*current, r.at("current"));
    v.multi = r.boolOr("multi", false);
    v.includeAll = r.boolOr("includeAll", false);
    r.finish();
    if (v.current.size() > 1 && !v.multi)
        fail(pointerChild(pointer, "current"), "several values selected but multi is false");
    return v;
}

} // namespace mw::dashboard::detail
