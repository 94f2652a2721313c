#include "PromDecoder.h"

#include "PromJsonReader.h"

#include <nlohmann/json.hpp>

#include <exception>

namespace mw {

using nlohmann::json;
using R = PromJsonReader;

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

/// nlohmann's what() without its "[json.exception.parse_error.101] " prefix.
std::string plainWhat(const std::exception &e)
{
    std::string what = e.what();
    if (what.rfind("[json.exception.", 0) == 0) {
        const auto close = what.find("] ");
        if (close != std::string::npos)
            what.erase(0, close + 2);
    }
    return what;
}

QStringList stringsOf(const json &root, const char *key)
{
    QStringList out;
    if (const json *list = R::find(root, key)) {
        for (const std::string &s : R::stringList(*list, key))
            out.append(qs(s));
    }
    return out;
}

PromSeries decodeSample(const json &item, const std::string &path, bool matrix, PromResponse &out)
{
    R::expectObject(item, path);
    PromSeries series;
    series.labels = R::labelMap(R::at(item, "metric", path), R::member(path, "metric"));
    const char *histogramKey = matrix ? "histograms" : "histogram";
    const json *histogram = R::find(item, histogramKey);
    if (histogram)
        out.decodeWarnings.append(u"native histogram samples at " + qs(R::member(path, histogramKey))
                                  + u" ignored (not supported)");
    if (matrix) {
        const json *values = R::find(item, "values");
        if (!values && !histogram)
            R::fail(R::member(path, "values"), "missing");
        if (values) {
            const std::string valuesPath = R::member(path, "values");
            R::expectArray(*values, valuesPath);
            series.points.reserve(values->size());
            for (std::size_t i = 0; i < values->size(); ++i)
                series.points.push_back(R::samplePair((*values)[i], R::index(valuesPath, i)));
        }
    } else {
        const json *value = R::find(item, "value");
        if (!value && !histogram)
            R::fail(R::member(path, "value"), "missing");
        if (value)
            series.points.push_back(R::samplePair(*value, R::member(path, "value")));
    }
    return series;
}

PromQueryData decodeQuery(const json &data, PromResponse &out)
{
    PromQueryData q;
    const std::string &type = R::string(R::at(data, "resultType", "data"), "data.resultType");
    const json &result = R::at(data, "result", "data");
    const std::string path = "data.result";
    if (type == "vector" || type == "matrix") {
        const bool matrix = type == "matrix";
        q.type = matrix ? PromResultType::Matrix : PromResultType::Vector;
        R::expectArray(result, path);
        q.series.reserve(result.size());
        for (std::size_t i = 0; i < result.size(); ++i)
            q.series.push_back(decodeSample(result[i], R::index(path, i), matrix, out));
    } else if (type == "scalar") {
        q.type = PromResultType::Scalar;
        q.scalar = R::samplePair(result, path);
    } else if (type == "string") {
        q.type = PromResultType::String;
        R::expectArray(result, path);
        if (result.size() != 2)
            R::fail(path, "expected [timestamp, \"string\"], got an array of " + std::to_string(result.size()));
        q.stringTime = R::timestampMs(result[0], R::index(path, 0));
        q.string = R::string(result[1], R::index(path, 1));
    } else {
        R::fail("data.resultType", "unknown result type \"" + type.substr(0, 40)
                                       + "\" (expected vector, matrix, scalar or string)");
    }
    return q;
}

std::vector<PromLabels> decodeSeries(const json &data)
{
    std::vector<PromLabels> out;
    R::expectArray(data, "data");
    out.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i)
        out.push_back(R::labelMap(data[i], R::index("data", i)));
    return out;
}

PromMetadata decodeMetadata(const json &data)
{
    PromMetadata out;
    R::expectObject(data, "data");
    for (const auto &[name, entries] : data.items()) {
        const std::string path = R::member("data", name);
        R::expectArray(entries, path);
        std::vector<PromMetricMetadata> list;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string entryPath = R::index(path, i);
            R::expectObject(entries[i], entryPath);
            list.push_back({R::optionalString(entries[i], "type", entryPath),
                            R::optionalString(entries[i], "help", entryPath),
                            R::optionalString(entries[i], "unit", entryPath)});
        }
        out.emplace_back(name, std::move(list));
    }
    return out;
}

PromAlert decodeAlert(const json &item, const std::string &path)
{
    R::expectObject(item, path);
    PromAlert alert;
    alert.labels = R::labelMap(R::at(item, "labels", path), R::member(path, "labels"));
    if (const json *annotations = R::find(item, "annotations"))
        alert.annotations = R::labelMap(*annotations, R::member(path, "annotations"));
    alert.state = R::string(R::at(item, "state", path), R::member(path, "state"));
    alert.activeAt = R::optionalString(item, "activeAt", path);
    if (const json *value = R::find(item, "value"))
        alert.value = R::sampleValue(*value, R::member(path, "value"));
    return alert;
}

std::vector<PromAlert> decodeAlerts(const json &data)
{
    std::vector<PromAlert> out;
    const json &alerts = R::at(data, "alerts", "data");
    R::expectArray(alerts, "data.alerts");
    for (std::size_t i = 0; i < alerts.size(); ++i)
        out.push_back(decodeAlert(alerts[i], R::index("data.alerts", i)));
    return out;
}

PromRule decodeRule(const json &item, const std::string &path)
{
    R::expectObject(item, path);
    PromRule rule;
    const std::string &type = R::string(R::at(item, "type", path), R::member(path, "type"));
    if (type == "alerting")
        rule.type = PromRule::Type::Alerting;
    else if (type == "recording")
        rule.type = PromRule::Type::Recording;
    else
        R::fail(R::member(path, "type"), "unknown rule type \"" + type.substr(0, 40) + '"');
    rule.name = R::string(R::at(item, "name", path), R::member(path, "name"));
    rule.query = R::string(R::at(item, "query", path), R::member(path, "query"));
    rule.health = R::optionalString(item, "health", path);
    rule.lastError = R::optionalString(item, "lastError", path);
    rule.state = R::optionalString(item, "state", path);
    if (const json *duration = R::find(item, "duration"))
        rule.durationSeconds = R::number(*duration, R::member(path, "duration"));
    if (const json *labels = R::find(item, "labels"))
        rule.labels = R::labelMap(*labels, R::member(path, "labels"));
    if (const json *annotations = R::find(item, "annotations"))
        rule.annotations = R::labelMap(*annotations, R::member(path, "annotations"));
    if (const json *alerts = R::find(item, "alerts")) {
        const std::string alertsPath = R::member(path, "alerts");
        R::expectArray(*alerts, alertsPath);
        for (std::size_t i = 0; i < alerts->size(); ++i)
            rule.alerts.push_back(decodeAlert((*alerts)[i], R::index(alertsPath, i)));
    }
    return rule;
}

std::vector<PromRuleGroup> decodeRules(const json &data)
{
    std::vector<PromRuleGroup> out;
    const json &groups = R::at(data, "groups", "data");
    R::expectArray(groups, "data.groups");
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const std::string path = R::index("data.groups", g);
        const json &item = groups[g];
        R::expectObject(item, path);
        PromRuleGroup group;
        group.name = R::string(R::at(item, "name", path), R::member(path, "name"));
        group.file = R::optionalString(item, "file", path);
        if (const json *interval = R::find(item, "interval"))
            group.intervalSeconds = R::number(*interval, R::member(path, "interval"));
        const json &rules = R::at(item, "rules", path);
        const std::string rulesPath = R::member(path, "rules");
        R::expectArray(rules, rulesPath);
        for (std::size_t i = 0; i < rules.size(); ++i)
            group.rules.push_back(decodeRule(rules[i], R::index(rulesPath, i)));
        out.push_back(std::move(group));
    }
    return out;
}

PromData decodeData(const json &data, PromDataKind kind, PromResponse &out)
{
    switch (kind) {
    case PromDataKind::Query: return decodeQuery(data, out);
    case PromDataKind::Series: return decodeSeries(data);
    case PromDataKind::StringList: return R::stringList(data, "data");
    case PromDataKind::Metadata: return decodeMetadata(data);
    case PromDataKind::Alerts: return decodeAlerts(data);
    case PromDataKind::Rules: return decodeRules(data);
    }
    return std::monostate{};
}

void setError(PromResponse &out, PromErrorKind kind, QString message, int httpStatus)
{
    out.data = std::monostate{};
    out.error.kind = kind;
    out.error.message = std::move(message);
    out.error.httpStatus = httpStatus;
}

/// Parses `body`; on failure fills `out.error` and returns a discarded value.
json parseRoot(std::string_view body, PromResponse &out, int httpStatus)
{
    if (body.empty()) {
        setError(out, PromErrorKind::NotJson, QStringLiteral("empty response body where JSON was expected"), httpStatus);
        return json(json::value_t::discarded);
    }
    const int depth = R::nestingDepth(body);
    if (depth > PromDecoder::kMaxDepth) {
        setError(out, PromErrorKind::BadResponse,
                 u"JSON nested " + QString::number(depth) + u" levels deep (limit "
                     + QString::number(PromDecoder::kMaxDepth) + u"): not a Prometheus API response",
                 httpStatus);
        return json(json::value_t::discarded);
    }
    try {
        return json::parse(body.begin(), body.end());
    } catch (const json::exception &e) {
        setError(out, PromErrorKind::NotJson, u"response is not valid JSON: " + qs(plainWhat(e)), httpStatus);
    }
    return json(json::value_t::discarded);
}

/// Fills out.error from an error envelope.
void takeErrorEnvelope(const json &root, PromResponse &out, int httpStatus)
{
    const std::string errorType = R::optionalString(root, "errorType", "");
    const std::string error = R::optionalString(root, "error", "");
    setError(out, PromErrorKind::Api,
             qs(errorType.empty() ? std::string("error") : errorType) + u": "
                 + (error.empty() ? QStringLiteral("(the server gave no message)") : qs(error)),
             httpStatus);
    out.error.errorType = qs(errorType);
}

} // namespace

void PromDecoder::decode(std::string_view body, PromDataKind kind, PromResponse &out, int httpStatus)
{
    const json root = parseRoot(body, out, httpStatus);
    if (root.is_discarded())
        return;
    try {
        if (!root.is_object())
            R::fail("(root)", std::string("expected the API envelope object, got ") + R::typeName(root));
        const std::string &status = R::string(R::at(root, "status", "(root)"), "status");
        out.warnings = stringsOf(root, "warnings");
        out.infos = stringsOf(root, "infos");
        if (status == "error")
            return takeErrorEnvelope(root, out, httpStatus);
        if (status != "success")
            R::fail("status", "expected \"success\" or \"error\", got \"" + status.substr(0, 40) + '"');
        out.data = decodeData(R::at(root, "data", "(root)"), kind, out);
    } catch (const PromJsonReader::ShapeError &e) {
        setError(out, PromErrorKind::BadResponse, u"unexpected response at " + qs(e.path) + u": " + qs(e.what),
                 httpStatus);
    } catch (const json::exception &e) {
        setError(out, PromErrorKind::BadResponse, u"unexpected response: " + qs(plainWhat(e)), httpStatus);
    }
}

bool PromDecoder::decodeErrorEnvelope(std::string_view body, PromResponse &out, int httpStatus)
{
    PromResponse probe;
    const json root = parseRoot(body, probe, httpStatus);
    if (root.is_discarded() || !root.is_object())
        return false;
    const auto status = root.find("status");
    if (status == root.end() || !status->is_string() || status->get_ref<const std::string &>() != "error")
        return false;
    try {
        out.warnings = stringsOf(root, "warnings");
        out.infos = stringsOf(root, "infos");
        takeErrorEnvelope(root, out, httpStatus);
    } catch (const PromJsonReader::ShapeError &e) {
        setError(out, PromErrorKind::BadResponse,
                 u"HTTP " + QString::number(httpStatus) + u" with a malformed error envelope at " + qs(e.path)
                     + u": " + qs(e.what),
                 httpStatus);
    }
    return true;
}

} // namespace mw
