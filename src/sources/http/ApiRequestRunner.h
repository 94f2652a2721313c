#pragma once

#include "ApiCall.h"

#include "prometheus/PromConnection.h"
#include "prometheus/PromCredentials.h"
#include "prometheus/PromRetryPolicy.h"
#include "prometheus/PromTypes.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QSet>

#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace mw {

/// The request lifecycle shared by the HTTP API clients (Prometheus,
/// Alertmanager): resolves the connection's secrets before the first request,
/// sends each attempt through its own QNetworkAccessManager with a
/// per-attempt timeout, enforces the response size cap while downloading,
/// retries retryable failures with the retry policy's backoff, and ends every
/// request with exactly one finished() signal, always delivered from the event
/// loop, never from inside the call. What differs between the clients lives
/// in their ApiCall subclasses.
class ApiRequestRunner : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxResponseBytes = qint64{64} << 20;
    using Category = QMessageLogger::CategoryFunction;

    /// Logs to the owning client's category (`log`).
    explicit ApiRequestRunner(Category log, QObject *parent = nullptr);
    /// Requests still in flight are dropped without a signal.
    ~ApiRequestRunner() override;

    /// Takes effect for requests started afterwards; secrets resolve again.
    void setConnection(const PrometheusConnection &connection);
    const PrometheusConnection &connection() const { return m_connection; }
    void setRetryPolicy(const PromRetryPolicy &policy) { m_retry = policy; }
    const PromRetryPolicy &retryPolicy() const { return m_retry; }
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }

    /// Starts `call` once the secrets are resolved; a non-empty `invalid` ends
    /// it with InvalidRequest instead, before anything is sent.
    quint64 submit(std::shared_ptr<ApiCall> call, const ApiCallOptions &options, const QString &invalid = {});
    /// Ends a request with Canceled (also one waiting for a retry). No-op for unknown ids.
    void cancel(quint64 id);
    void cancelAll();
    /// Ids whose finished() signal has not been delivered yet.
    bool isPending(quint64 id) const { return m_undelivered.contains(id); }
    /// Spins a local QEventLoop until `id` is delivered and returns its call;
    /// null when `id` is unknown or already delivered.
    std::shared_ptr<ApiCall> waitFor(quint64 id);
    /// The error waitFor()'s callers report for such an id.
    static PromError unknownRequest(quint64 id);

Q_SIGNALS:
    /// `call` holds the response (the client's ApiCall subclass).
    void finished(quint64 id, const std::shared_ptr<mw::ApiCall> &call);
    /// A retryable failure: the next attempt starts after `delayMs`.
    void retryScheduled(quint64 id, int retry, qint64 delayMs, const QString &reason);

private:
    struct Job;
    enum class SecretState : uint8_t { Unresolved, Resolving, Resolved };

    void resolveSecrets();
    void secretsResolved(const QString &error);
    void startAttempt(const std::shared_ptr<Job> &job);
    void onMetaData(const std::shared_ptr<Job> &job);
    void onReadyRead(const std::shared_ptr<Job> &job);
    void onReplyFinished(const std::shared_ptr<Job> &job);
    void onTimeout(const std::shared_ptr<Job> &job);
    void attemptFailed(const std::shared_ptr<Job> &job, const PromError &error);
    void finish(const std::shared_ptr<Job> &job, const PromError &error);
    void finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message);
    void tooLarge(const std::shared_ptr<Job> &job, qint64 bytes, bool announced);
    void dropReply(const std::shared_ptr<Job> &job);
    std::shared_ptr<Job> findJob(quint64 id) const;

    Category m_log;
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
    PromCredentials m_credentials;
    std::vector<std::shared_ptr<Job>> m_waitingForSecrets;
};

} // namespace mw
