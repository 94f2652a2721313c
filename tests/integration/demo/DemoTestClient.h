#pragma once

#include "ScrapedMetrics.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>

#include <cstdint>
#include <memory>

class QNetworkReply;

namespace mw::demo {
class DemoServer;
}

namespace mw::test {

/// A demo server as the demo tests drive it, and an HTTP client for its
/// endpoints. The server listens on 127.0.0.1 on any free port, generates no
/// load unless a test asks for it, and labels a prediction 1 s after it on a
/// clock of the test's own that only advance() steps. Requests go over real
/// sockets; waits are bounded by kReplyTimeoutMs (a QSignalSpy, never a sleep).
class DemoTestClient
{
public:
    static constexpr int kReplyTimeoutMs = 10'000;
    /// The label clock when the server starts.
    static constexpr int64_t kStartMs = 1'764'000'000'000;

    struct Reply
    {
        int status = 0; ///< 0: no reply within kReplyTimeoutMs
        QByteArray body;
        QByteArray contentType;
    };

    /// The confusion matrix as model_predictions_total reports it.
    struct Confusion
    {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        double total() const { return tp + fp + fn + tn; }
        double accuracy() const { return total() > 0 ? (tp + tn) / total() : 0.0; }
        Confusion operator-(const Confusion &o) const { return {tp - o.tp, fp - o.fp, fn - o.fn, tn - o.tn}; }
    };

    DemoTestClient();
    ~DemoTestClient();
    DemoTestClient(const DemoTestClient &) = delete;
    DemoTestClient &operator=(const DemoTestClient &) = delete;

    /// Starts the server; false with `error` set when it cannot listen.
    bool start(QString &error);
    demo::DemoServer &server() { return *m_server; }

    /// The label clock, in milliseconds since the epoch.
    int64_t nowMs() const { return m_nowMs; }
    /// Steps the label clock and releases what is due.
    void advance(int64_t ms);

    /// Starts a request; the caller owns the reply.
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body = {});
    /// Waits for `reply` (taking ownership) and returns what it carried.
    Reply await(QNetworkReply *reply);
    Reply get(const QString &path) { return await(send("GET", path)); }
    Reply post(const QString &path, const QByteArray &body = {}) { return await(send("POST", path, body)); }

    /// GET /monitoring/prometheus/metrics, parsed by the format its Content-Type names.
    ScrapedMetrics scrape();
    Confusion confusion();

    /// {"instances": [...]} with `instances` rows of 8 features around `value`.
    static QByteArray predictBody(int instances, double value = 0.5);

private:
    int64_t m_nowMs = kStartMs;
    std::unique_ptr<demo::DemoServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam; ///< gone before the server
};

} // namespace mw::test
