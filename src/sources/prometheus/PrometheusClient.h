#pragma once

#include "PromConnection.h"
#include "PromDecoder.h"
#include "PromRequestBuilder.h"
#include "PromRetryPolicy.h"
#include "PromTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

class QNetworkAccessManager;

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
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxResponseBytes = qint64{64} << 20;

    explicit PrometheusClient(QObject *parent = nullptr);
    /// Requests still in flight are dropped without a signal.
    ~PrometheusClient() override;

    /// Takes effect for requests started afterwards; secrets resolve again.
    void setConnection(const PrometheusConnection &connection);
    const PrometheusConnection &connection() const { return m_connection; }
    void setRetryPolicy(const PromRetryPolicy &policy) { m_retry = policy; }
    const PromRetryPolicy &retryPolicy() const { return m_retry; }
    /// Response size cap, enforced while downloading (default 64 MiB).
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }

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

    /// Ends a request with Canceled (also one waiting for a retry). No-op for unknown ids.
    void cancel(quint64 id);
    void cancelAll();
    /// Ids whose finished() signal has not been delivered yet.
    bool isPending(quint64 id) const { return m_undelivered.contains(id); }

    /// Blocking convenience for the CLI: spins a local QEventLoop until `id`
    /// finishes. Call it before returning to the event loop after starting `id`.
    PromResponse waitFor(quint64 id);

Q_SIGNALS:
    void finished(quint64 id, const mw::PromResponse &response);
    /// A retryable failure: the next attempt starts after `delayMs`.
    void retryScheduled(quint64 id, int retry, qint64 delayMs, const QString &reason);

private:
    struct Job;
    enum class SecretState : uint8_t { Unresolved, Resolving, Resolved };

    quint64 submit(PromRequest request, const PromRequestOptions &options);
    void resolveSecrets();
    void secretsResolved(const QString &error);
    void startAttempt(const std::shared_ptr<Job> &job);
    void onMetaData(const std::shared_ptr<Job> &job);
    void onReadyRead(const std::shared_ptr<Job> &job);
    void onReplyFinished(const std::shared_ptr<Job> &job);
    void onTimeout(const std::shared_ptr<Job> &job);
    void attemptFailed(const std::shared_ptr<Job> &job, PromResponse response);
    void finish(const std::shared_ptr<Job> &job, PromResponse response);
    void finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message);
    void tooLarge(const std::shared_ptr<Job> &job, qint64 bytes, bool announced);
    void dropReply(const std::shared_ptr<Job> &job);
    std::shared_ptr<Job> findJob(quint64 id) const;

    QNetworkAccessManager *m_nam;
    PrometheusConnection m_connection;
    PromRetryPolicy m_retry;
    qint64 m_maxResponseBytes = kDefaultMaxResponseBytes;
    quint64 m_nextId = 1;
    std::vector<std::shared_ptr<Job>> m_jobs;
    QHash<QString, quint64> m_bySupersedeKey;
    QSet<quint64> m_undelivered;

    // Connect-time state: resolved secrets and TLS material.
    SecretState m_secretState = SecretState::Unresolved;
    quint64 m_secretGeneration = 0;
    QByteArray m_authorization;
    QSslConfiguration m_ssl;
    std::vector<std::shared_ptr<Job>> m_waitingForSecrets;
};

} // namespace mw
