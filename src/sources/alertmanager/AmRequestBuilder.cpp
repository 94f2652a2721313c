#include "AmRequestBuilder.h"

#include "prometheus/PromRequestBuilder.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>

namespace mw {

namespace {

using json = nlohmann::ordered_json;

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

json labelsJson(const PromLabels &labels)
{
    json o = json::object();
    for (const auto &[name, value] : labels)
        o[name] = value;
    return o;
}

QByteArray dump(const json &j)
{
    // Strings came from QString or from decoded JSON; replace, never throw.
    return QByteArray::fromStdString(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

QString checkSilence(const AmSilenceSpec &s)
{
    if (s.matchers.empty())
        return QStringLiteral("a silence needs at least one matcher");
    for (const AmMatcher &m : s.matchers)
        if (m.name.empty())
            return QStringLiteral("a silence matcher needs a label name");
    if (s.endsAtMs <= s.startsAtMs)
        return QStringLiteral("a silence must end after it starts");
    if (s.createdBy.empty())
        return QStringLiteral("a silence needs createdBy (who silenced it)");
    if (s.comment.empty())
        return QStringLiteral("a silence needs a comment");
    return {};
}

} // namespace

AmRequest AmRequestBuilder::alerts(const AmAlertQuery &q)
{
    AmRequest r{"GET", QStringLiteral("/api/v2/alerts"), {}, {}, AmDataKind::Alerts, {}};
    for (const QString &f : q.filter) {
        if (f.trimmed().isEmpty())
            r.invalid = QStringLiteral("an alert filter must not be empty");
        r.query.append({"filter", f});
    }
    for (const auto &[name, value] : {std::pair{"active", q.active}, std::pair{"silenced", q.silenced},
                                      std::pair{"inhibited", q.inhibited}, std::pair{"unprocessed", q.unprocessed}})
        if (value)
            r.query.append({name, boolText(*value)});
    if (!q.receiver.isEmpty())
        r.query.append({"receiver", q.receiver});
    return r;
}

AmRequest AmRequestBuilder::silences(const QStringList &filter)
{
    AmRequest r{"GET", QStringLiteral("/api/v2/silences"), {}, {}, AmDataKind::Silences, {}};
    for (const QString &f : filter)
        r.query.append({"filter", f});
    return r;
}

QByteArray AmRequestBuilder::silenceJson(const AmSilenceSpec &s)
{
    json o = json::object();
    if (!s.id.empty())
        o["id"] = s.id;
    json matchers = json::array();
    for (const AmMatcher &m : s.matchers)
        matchers.push_back({{"name", m.name}, {"value", m.value}, {"isRegex", m.isRegex}, {"isEqual", m.isEqual}});
    o["matchers"] = std::move(matchers);
    o["startsAt"] = formatRfc3339(s.startsAtMs);
    o["endsAt"] = formatRfc3339(s.endsAtMs);
    o["createdBy"] = s.createdBy;
    o["comment"] = s.comment;
    return dump(o);
}

AmRequest AmRequestBuilder::createSilence(const AmSilenceSpec &spec)
{
    AmRequest r{"POST", QStringLiteral("/api/v2/silences"), {}, silenceJson(spec), AmDataKind::SilenceId, {}};
    r.invalid = checkSilence(spec);
    return r;
}

AmRequest AmRequestBuilder::deleteSilence(const QString &silenceId)
{
    static const QRegularExpression uuid(QStringLiteral("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    AmRequest r{"DELETE", u"/api/v2/silence/" + silenceId, {}, {}, AmDataKind::Empty, {}};
    if (!uuid.match(silenceId).hasMatch()) {
        r.apiPath = QStringLiteral("/api/v2/silence/");
        r.invalid = u"\"" + silenceId + u"\" is not a silence id (Alertmanager's ids are UUIDs)";
    }
    return r;
}

QByteArray AmRequestBuilder::alertsJson(const std::vector<AmPostableAlert> &alerts)
{
    json list = json::array();
    for (const AmPostableAlert &a : alerts) {
        json o = json::object();
        o["labels"] = labelsJson(a.labels);
        o["annotations"] = labelsJson(a.annotations);
        if (a.startsAtMs)
            o["startsAt"] = formatRfc3339(*a.startsAtMs);
        if (a.endsAtMs)
            o["endsAt"] = formatRfc3339(*a.endsAtMs);
        if (!a.generatorUrl.empty())
            o["generatorURL"] = a.generatorUrl;
        list.push_back(std::move(o));
    }
    return dump(list);
}

AmRequest AmRequestBuilder::postAlerts(const std::vector<AmPostableAlert> &alerts)
{
    AmRequest r{"POST", QStringLiteral("/api/v2/alerts"), {}, alertsJson(alerts), AmDataKind::Empty, {}};
    if (alerts.empty())
        r.invalid = QStringLiteral("no alerts to post");
    for (const AmPostableAlert &a : alerts)
        if (a.labels.empty())
            r.invalid = QStringLiteral("an alert needs at least one label");
    return r;
}

AmRequest AmRequestBuilder::healthy()
{
    return {"GET", QStringLiteral("/-/healthy"), {}, {}, AmDataKind::Text, {}};
}

AmRequest AmRequestBuilder::ready()
{
    return {"GET", QStringLiteral("/-/ready"), {}, {}, AmDataKind::Text, {}};
}

QNetworkRequest AmRequestBuilder::networkRequest(const AmRequest &rq, const AlertmanagerConnection &connection,
                                                 const HttpCredentials &credentials)
{
    // A GET with the query parameters gets the URL, headers, authorization,
    // TLS and redirect policy exactly as the Prometheus client sends them.
    const PromRequest shape{"GET", rq.apiPath, rq.query, std::nullopt, {}};
    QByteArray unused;
    QNetworkRequest request = PromRequestBuilder::networkRequest(shape, connection, credentials, unused);
    request.setRawHeader("Accept", rq.kind == AmDataKind::Text ? QByteArray("text/plain, */*")
                                                               : QByteArray("application/json"));
    if (rq.method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return request;
}

} // namespace mw
