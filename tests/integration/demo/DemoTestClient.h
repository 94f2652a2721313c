#pragma once

#include "ScrapedMetrics.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkReply;

namespace mw::test {

/// An HTTP client for the demo server's endpoints: requests over real
/// sockets, waits bounded by kReplyTimeoutMs (a QSignalSpy, never a sleep).
class DemoTestClient
{
public:
    static constexpr int kReplyTimeoutMs = 10'000;

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

    explicit DemoTestClient(QUrl base);
    ~DemoTestClient();

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
    QUrl m_base;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

} // namespace mw::test
