#pragma once

#include "AmRequestBuilder.h"
#include "AmTypes.h"

#include "prometheus/PromRetryPolicy.h"

#include <QObject>
#include <QSet>
#include <QSslConfiguration>

#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace mw {

/// Asynchronous client of Alertmanager's API v2: alerts, silences (list,
/// create, expire), posting alerts, and /-/healthy. Built like the
/// Prometheus client and sharing its parts: the connection (secret
/// references, TLS), secret resolution (PromCredentials), the transport
/// error classification and the retry policy. Every request returns an id and
/// ends with exactly one finished() signal, delivered from the event loop,
/// never from inside the call. Creating or expiring a silence is retried only
/// when the request cannot have reached the server (connection refused, host
/// not found): a retry after a timeout could make a second silence.
class AlertmanagerClient : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxResponseBytes = qint64{64} << 20;

    explicit AlertmanagerClient(QObject *parent = nullptr);
    /// Requests still in flight are dropped without a signal.
    ~AlertmanagerClient() override;

    /// Takes effect for requests started afterwards; secrets resolve again.
    void setConnection(const AlertmanagerConnection &connection);
    const AlertmanagerConnection &connection() const { return m_connection; }
    void setRetryPolicy(const PromRetryPolicy &policy) { m_retry = policy; }
    void setMaxResponseBytes(qint64 bytes) { m_maxResponseBytes = bytes; }

    quint64 alerts(const AmAlertQuery &query = {}, const AmRequestOptions &options = {});
    quint64 silences(const QStringList &filter = {}, const AmRequestOptions &options = {});
    /// Answers with the new (or updated) silence's id in AmResponse::silenceId.
    quint64 createSilence(const AmSilenceSpec &spec, const AmRequestOptions &options = {});
    quint64 deleteSilence(const QString &silenceId, const AmRequestOptions &options = {});
    quint64 postAlerts(const std::vector<AmPostableAlert> &alerts, const AmRequestOptions &options = {});
    quint64 healthy(const AmRequestOptions &options = {});
    quint64 ready(const AmRequestOptions &options = {});

    /// Ends a request with Canceled (also one waiting for a retry).
    void cancel(quint64 id);
    void cancelAll();
    bool isPending(quint64 id) const { return m_undelivered.contains(id); }

    /// Blocking convenience for the CLI and tests: spins a local QEventLoop
    /// until `id` finishes.
    AmResponse waitFor(quint64 id);

Q_SIGNALS:
    void finished(quint64 id, const mw::AmResponse &response);
    /// A retryable failure: the next attempt starts after `delayMs`.
    void retryScheduled(quint64 id, int retry, qint64 delayMs, const QString &reason);

private:
    struct Job;
    enum class SecretState : uint8_t { Unresolved, Resolving, Resolved };

    quint64 submit(AmRequest request, const AmRequestOptions &options, QString silenceId = {});
    void resolveSecrets();
    void startAttempt(const std::shared_ptr<Job> &job);
    void onReadyRead(const std::shared_ptr<Job> &job);
    void onReplyFinished(const std::shared_ptr<Job> &job);
    void onTimeout(const std::shared_ptr<Job> &job);
    void attemptFailed(const std::shared_ptr<Job> &job, AmResponse response);
    void finish(const std::shared_ptr<Job> &job, AmResponse response);
    void finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message);
    void dropReply(const std::shared_ptr<Job> &job);
    std::shared_ptr<Job> findJob(quint64 id) const;

    QNetworkAccessManager *m_nam;
    AlertmanagerConnection m_connection;
    PromRetryPolicy m_retry;
    qint64 m_maxResponseBytes = kDefaultMaxResponseBytes;
    quint64 m_nextId = 1;
    std::vector<std::shared_ptr<Job>> m_jobs;
    QSet<quint64> m_undelivered;

    SecretState m_secretState = SecretState::Unresolved;
    quint64 m_secretGeneration = 0;
    QByteArray m_authorization;
    QSslConfiguration m_ssl;
    std::vector<std::shared_ptr<Job>> m_waitingForSecrets;
};

} // namespace mw
