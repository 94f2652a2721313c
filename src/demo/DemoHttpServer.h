#pragma once

#include <QHostAddress>
#include <QHttpServer>
#include <QObject>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

class QHttpServerRequest;
class QHttpServerResponder;

namespace mw::demo {

class FaultInjector;
class PredictionFeed;
class PredictionService;

/// The demo's HTTP face on QHttpServer (Qt 6.4):
///
///   POST /v1/models/NAME:predict      TF Serving REST predict ({"instances": [[8 numbers], ...]})
///   GET  /v1/models/NAME              TF Serving model status
///   GET  /monitoring/prometheus/metrics   Prometheus text (503 while the "down" fault is on)
///   GET  /v1/feed?since=SEQ[&limit=N]     labeled predictions as JSON lines (application/x-ndjson)
///   GET  /faults                      {"faults": {"latency": false, ...}}
///   POST /faults/NAME                 body {"enabled": true|false} or ?enabled=1|0|true|false|on|off
///
/// Errors are TF Serving's {"error": "..."} with the HTTP status TF Serving
/// maps the canonical code to. Replies to predict requests are held back by
/// the injected latency without blocking the event loop.
class DemoHttpServer : public QObject
{
    Q_OBJECT

public:
    struct Backend
    {
        PredictionService &service;
        PredictionFeed &feed;
        FaultInjector &faults;
        std::function<std::string()> metricsText;
    };

    static constexpr std::size_t kMaxFeedLines = 10'000;

    explicit DemoHttpServer(Backend backend, QObject *parent = nullptr);
    ~DemoHttpServer() override;

    /// Listens on `address`:`port` (0: any free port); returns the port, 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);

private:
    struct Reply
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
    };

    void handleModel(const QString &target, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    Reply predict(const QHttpServerRequest &request, double &delayUs);
    Reply modelStatus() const;
    Reply metrics();
    Reply feed(const QHttpServerRequest &request) const;
    Reply faultList() const;
    Reply setFault(const QString &name, const QHttpServerRequest &request);
    static Reply jsonError(int status, std::string_view message);
    static void send(QHttpServerResponder &responder, const Reply &reply);
    void sendLater(QHttpServerResponder &&responder, Reply reply, int delayMs);

    Backend m_backend;
    QHttpServer m_http;
    /// Replies held back by the latency fault, by id: the responder is
    /// move-only and the client may hang up meanwhile (the QPointer notices).
    struct Delayed;
    std::unordered_map<quint64, std::unique_ptr<Delayed>> m_delayed;
    quint64 m_nextDelayed = 0;
};

} // namespace mw::demo
