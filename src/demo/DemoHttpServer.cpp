#include "DemoHttpServer.h"

#include "DemoLog.h"
#include "FaultInjector.h"
#include "PredictJson.h"
#include "PredictionFeed.h"
#include "PredictionService.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <cmath>

namespace mw::demo {

using namespace Qt::Literals::StringLiterals;
using nlohmann::json;

namespace {

const QByteArray kJson = "application/json"_ba;

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::optional<bool> parseSwitch(const QString &value)
{
    const QString v = value.trimmed().toLower();
    if (v == "1"_L1 || v == "true"_L1 || v == "on"_L1)
        return true;
    if (v == "0"_L1 || v == "false"_L1 || v == "off"_L1)
        return false;
    return std::nullopt;
}

} // namespace

struct DemoHttpServer::Delayed
{
    explicit Delayed(QHttpServerResponder &&r, Reply rep)
        : responder(std::move(r))
        , socket(responder.socket())
        , reply(std::move(rep))
    {
    }
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    Reply reply;
};

DemoHttpServer::DemoHttpServer(Backend backend, QObject *parent)
    : QObject(parent)
    , m_backend(std::move(backend))
    , m_http(this)
{
    // One route per path, every method: the handlers answer a wrong method
    // with 405 in TF Serving's error shape instead of a bare 404.
    m_http.route(u"/v1/models/<arg>"_s, [this](QString target, const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
        handleModel(target, request, std::move(responder));
    });
    m_http.route(u"/monitoring/prometheus/metrics"_s,
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     send(responder, request.method() == QHttpServerRequest::Method::Get
                                         ? metrics()
                                         : jsonError(405, "use GET"));
                 });
    m_http.route(u"/v1/feed"_s, [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        send(responder, request.method() == QHttpServerRequest::Method::Get ? feed(request) : jsonError(405, "use GET"));
    });
    m_http.route(u"/faults"_s, [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        send(responder, request.method() == QHttpServerRequest::Method::Get ? faultList() : jsonError(405, "use GET"));
    });
    m_http.route(u"/faults/<arg>"_s, [this](QString name, const QHttpServerRequest &request,
                                            QHttpServerResponder &&responder) {
        send(responder, setFault(name, request));
    });
    m_http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        send(responder, jsonError(404, "no such endpoint: " + request.url().path().toStdString()));
    });
}

DemoHttpServer::~DemoHttpServer() = default;

quint16 DemoHttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_http.listen(address, port);
}

void DemoHttpServer::handleModel(const QString &target, const QHttpServerRequest &request,
                                 QHttpServerResponder &&responder)
{
    // TF Serving puts the verb after a colon in the last segment:
    // /v1/models/NAME:predict. QHttpServer hands us "NAME:predict" whole.
    const qsizetype colon = target.indexOf(u':');
    const QString name = colon < 0 ? target : target.left(colon);
    const QString verb = colon < 0 ? QString() : target.mid(colon + 1);
    if (name.toStdString() != m_backend.service.modelName()) {
        // Not counted in request_count: arbitrary names would make arbitrary series.
        send(responder, jsonError(404, "Servable not found for request: Latest(" + name.toStdString() + ")"));
        return;
    }
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    if (verb.isEmpty()) {
        send(responder, get ? modelStatus() : jsonError(405, "use GET for the model status"));
    } else if (verb == "predict"_L1) {
        if (!post) {
            send(responder, jsonError(405, "use POST for :predict"));
            return;
        }
        double delayUs = 0.0;
        Reply reply = predict(request, delayUs);
        const int delayMs = static_cast<int>(std::lround(delayUs / 1000.0));
        if (delayMs > 0)
            sendLater(std::move(responder), std::move(reply), delayMs);
        else
            send(responder, reply);
    } else {
        send(responder, jsonError(404, "unsupported verb: " + verb.toStdString() + " (only :predict)"));
    }
}

DemoHttpServer::Reply DemoHttpServer::predict(const QHttpServerRequest &request, double &delayUs)
{
    const QByteArray body = request.body();
    const PredictResult result = m_backend.service.predictJson(std::string_view(body.constData(), body.size()));
    delayUs = result.extraLatencyUs;
    if (result.status != RequestStatus::Ok) {
        const int http = body.size() > static_cast<qsizetype>(PredictJson::kMaxBodyBytes) ? 413 : httpStatusFor(result.status);
        return jsonError(http, result.error);
    }
    return {200, kJson, toBytes(PredictJson::response(result.scores))};
}

DemoHttpServer::Reply DemoHttpServer::modelStatus() const
{
    const json status{{"model_version_status",
                       json::array({{{"version", "1"},
                                     {"state", "AVAILABLE"},
                                     {"status", {{"error_code", "OK"}, {"error_message", ""}}}}})}};
    return {200, kJson, toBytes(status.dump(2))};
}

DemoHttpServer::Reply DemoHttpServer::metrics()
{
    if (m_backend.faults.isActive(Fault::Down))
        return {503, "text/plain"_ba, "metrics endpoint down (fault injection: down)\n"_ba};
    // TF Serving answers "text/plain" with no version parameter.
    return {200, "text/plain"_ba, toBytes(m_backend.metricsText())};
}

DemoHttpServer::Reply DemoHttpServer::feed(const QHttpServerRequest &request) const
{
    const QUrlQuery query = request.query();
    bool ok = true;
    uint64_t since = 0;
    if (query.hasQueryItem(u"since"_s)) {
        since = query.queryItemValue(u"since"_s).toULongLong(&ok);
        if (!ok)
            return jsonError(400, "since must be a non-negative integer (a feed sequence number)");
    }
    std::size_t limit = 1000;
    if (query.hasQueryItem(u"limit"_s)) {
        const qulonglong l = query.queryItemValue(u"limit"_s).toULongLong(&ok);
        if (!ok || l == 0)
            return jsonError(400, "limit must be a positive integer");
        limit = std::min<std::size_t>(static_cast<std::size_t>(l), kMaxFeedLines);
    }
    const auto entries = m_backend.feed.since(since, limit);
    return {200, "application/x-ndjson"_ba, toBytes(PredictionFeed::toJsonLines(entries))};
}

DemoHttpServer::Reply DemoHttpServer::faultList() const
{
    json faults = json::object();
    for (Fault fault : FaultInjector::kAll)
        faults[FaultInjector::name(fault).toStdString()] = m_backend.faults.isActive(fault);
    return {200, kJson, toBytes(json{{"faults", faults}}.dump(2))};
}

DemoHttpServer::Reply DemoHttpServer::setFault(const QString &name, const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return jsonError(405, "use POST to switch a fault, GET /faults to list them");
    const std::optional<Fault> fault = FaultInjector::fromName(name);
    if (!fault) {
        std::string known;
        for (Fault f : FaultInjector::kAll)
            known += (known.empty() ? "" : ", ") + FaultInjector::name(f).toStdString();
        return jsonError(404, "unknown fault '" + name.toStdString() + "' (known: " + known + ")");
    }
    std::optional<bool> enabled;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(u"enabled"_s)) {
        enabled = parseSwitch(query.queryItemValue(u"enabled"_s));
    } else {
        const QByteArray body = request.body();
        const json doc = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
        if (doc.is_object() && doc.contains("enabled") && doc["enabled"].is_boolean())
            enabled = doc["enabled"].get<bool>();
    }
    if (!enabled)
        return jsonError(400, "say whether to switch it on or off: body {\"enabled\": true} or ?enabled=1");
    m_backend.faults.setActive(*fault, *enabled);
    return {200, kJson, toBytes(json{{"fault", name.toStdString()}, {"enabled", *enabled}}.dump())};
}

DemoHttpServer::Reply DemoHttpServer::jsonError(int status, std::string_view message)
{
    return {status, kJson, toBytes(PredictJson::error(message))};
}

void DemoHttpServer::send(QHttpServerResponder &responder, const Reply &reply)
{
    responder.write(reply.body, reply.contentType, static_cast<QHttpServerResponder::StatusCode>(reply.status));
}

void DemoHttpServer::sendLater(QHttpServerResponder &&responder, Reply reply, int delayMs)
{
    const quint64 id = m_nextDelayed++;
    m_delayed.emplace(id, std::make_unique<Delayed>(std::move(responder), std::move(reply)));
    QTimer::singleShot(delayMs, this, [this, id] {
        const auto it = m_delayed.find(id);
        if (it == m_delayed.end())
            return;
        Delayed &delayed = *it->second;
        if (delayed.socket && delayed.socket->state() == QAbstractSocket::ConnectedState)
            send(delayed.responder, delayed.reply);
        else
            qCDebug(lcDemo) << "client left before its delayed reply";
        m_delayed.erase(it);
    });
}

} // namespace mw::demo
