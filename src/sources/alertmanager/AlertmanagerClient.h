#pragma once

#include "AmRequestBuilder.h"
#include "AmTypes.h"

#include "http/ApiClient.h"
#include "prometheus/PromRetryPolicy.h"

#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <memory>
#include <vector>

namespace mw {

/// Asynchronous client of Alertmanager's API v2: alerts, silences (list,
/// create, expire), posting alerts, and /-/healthy. Shares the Prometheus
/// client's parts: the request lifecycle (ApiRequestRunner), the connection
/// (secret references, TLS), secret resolution (PromCredentials), the
/// transport error classification and the retry policy. Every request
/// returns an id and ends with exactly one finished() signal, delivered from
/// the event loop, never from inside the call. Creating or expiring a
/// silence is retried only when the request cannot have reached the server
/// (connection refused, host not found): a retry after a timeout could make
/// a second silence.
class AlertmanagerClient : public ApiClient
{
    Q_OBJECT
public:
    explicit AlertmanagerClient(QObject *parent = nullptr);
    /// Requests still in flight are dropped without a signal.
    ~AlertmanagerClient() override;

    quint64 alerts(const AmAlertQuery &query = {}, const AmRequestOptions &options = {});
    quint64 silences(const QStringList &filter = {}, const AmRequestOptions &options = {});
    /// Answers with the new (or updated) silence's id in AmResponse::silenceId.
    quint64 createSilence(const AmSilenceSpec &spec, const AmRequestOptions &options = {});
    quint64 deleteSilence(const QString &silenceId, const AmRequestOptions &options = {});
    quint64 postAlerts(const std::vector<AmPostableAlert> &alerts, const AmRequestOptions &options = {});
    quint64 healthy(const AmRequestOptions &options = {});
    quint64 ready(const AmRequestOptions &options = {});

    /// Blocking convenience for the CLI and tests: spins a local QEventLoop
    /// until `id` finishes.
    AmResponse waitFor(quint64 id) { return waitForResponse<AmResponse>(id); }

Q_SIGNALS:
    void finished(quint64 id, const mw::AmResponse &response);

private:
    quint64 submit(AmRequest request, const AmRequestOptions &options, QString silenceId = {});
};

} // namespace mw
