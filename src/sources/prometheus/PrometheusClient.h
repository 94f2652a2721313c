#pragma once

#include "PromConnection.h"
#include "PromDecoder.h"
#include "PromRequestBuilder.h"
#include "PromRetryPolicy.h"
#include "PromTypes.h"

#include "http/ApiClient.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace mw {

/// Per-request behaviour.
struct PromRequestOptions
{
    std::chrono::milliseconds timeout{30'000}; ///< each HTTP attempt
    /// A request with a non-empty key cancels the previous in-flight request
    /// with the same key (a panel's older query): that one reports Canceled.
    QString supersedeKey;
    /// Sent as Prometheus' `timeout` parameter on query and query_range.
    std::optional<std::chrono::milliseconds> evalTimeout;
    std::optional<int> maxRetries; ///< overrides the client's retry policy
};

/// Asynchronous client of the Prometheus HTTP API (also Thanos, Mimir,
/// VictoriaMetrics). The QNetworkAccessManager lives on the owning thread.
/// Every request returns an id and ends with exactly one finished() signal,
/// always delivered from the event loop, never from inside the call. Secrets
/// of the connection are resolved before the first request goes out.
/// Connection, retry policy, size cap, cancel() and isPending() are
/// ApiClient's; the request lifecycle is ApiRequestRunner's.
class PrometheusClient : public ApiClient
{
    Q_OBJECT
public:
    explicit PrometheusClient(QObject *parent = nullptr);
    /// Requests still in flight are dropped without a signal.
    ~PrometheusClient() override;

    quint64 query(const QString &expr, std::optional<int64_t> timeMs = std::nullopt,
                  const PromRequestOptions &options = {});
    quint64 queryRange(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs,
                       const PromRequestOptions &options = {});
    /// queryRange with a "nice" step for at most `points` points per series
    /// (and never more than 11,000): PromApi::deriveStepMs.
    quint64 queryRangePoints(const QString &expr, int64_t startMs, int64_t endMs, int64_t points,
                             const PromRequestOptions &options = {});
    quint64 series(const QStringList &matchers, std::optional<int64_t> startMs = std::nullopt,
                   std::optional<int64_t> endMs = std::nullopt, const PromRequestOptions &options = {});
    quint64 labels(const PromRequestOptions &options = {});
    quint64 labelValues(const QString &labelName, const PromRequestOptions &options = {});
    quint64 metadata(const QString &metric = {}, const PromRequestOptions &options = {});
    quint64 alerts(const PromRequestOptions &options = {});
    quint64 rules(const PromRequestOptions &options = {});
    quint64 healthy(const PromRequestOptions &options = {});

    /// Blocking convenience for the CLI: spins a local QEventLoop until `id`
    /// finishes. Call it before returning to the event loop after starting `id`.
    PromResponse waitFor(quint64 id) { return waitForResponse<PromResponse>(id); }

Q_SIGNALS:
    void finished(quint64 id, const mw::PromResponse &response);

private:
    quint64 submit(PromRequest request, const PromRequestOptions &options);
};

} // namespace mw
