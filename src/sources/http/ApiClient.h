#pragma once

#include "ApiRequestRunner.h"
#include "ApiResponseCall.h"

#include "prometheus/PromConnection.h"
#include "prometheus/PromRetryPolicy.h"

#include <QObject>

namespace mw {

/// The public face the HTTP API clients share: connection, retry policy,
/// size cap, cancel and pending state of requests by id. A subclass adds its
/// endpoints, its finished(id, response) signal and waitFor(); the request
/// lifecycle itself is ApiRequestRunner's.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxResponseBytes = ApiRequestRunner::kDefaultMaxResponseBytes;

    /// Requests still in flight are dropped without a signal.
    ~ApiClient() override;

    /// Takes effect for requests started afterwards; secrets resolve again.
    void setConnection(const PrometheusConnection &connection) { m_runner->setConnection(connection); }
    const PrometheusConnection &connection() const { return m_runner->connection(); }
    void setRetryPolicy(const PromRetryPolicy &policy) { m_runner->setRetryPolicy(policy); }
    const PromRetryPolicy &retryPolicy() const { return m_runner->retryPolicy(); }
    /// Response size cap, enforced while downloading (default 64 MiB).
    void setMaxResponseBytes(qint64 bytes) { m_runner->setMaxResponseBytes(bytes); }

    /// Ends a request with Canceled (also one waiting for a retry). No-op for unknown ids.
    void cancel(quint64 id) { m_runner->cancel(id); }
    void cancelAll() { m_runner->cancelAll(); }
    /// Ids whose finished() signal has not been delivered yet.
    bool isPending(quint64 id) const { return m_runner->isPending(id); }

Q_SIGNALS:
    /// A retryable failure: the next attempt starts after `delayMs`.
    void retryScheduled(quint64 id, int retry, qint64 delayMs, const QString &reason);

protected:
    /// Logs to `log`, the subclass's category.
    ApiClient(ApiRequestRunner::Category log, QObject *parent);

    /// Spins a local QEventLoop until `id` is delivered; for an unknown or
    /// delivered id, a response with kind InvalidRequest.
    template <typename Response> Response waitForResponse(quint64 id)
    {
        if (const auto call = m_runner->waitFor(id))
            return ApiResponseCall<Response>::of(*call);
        Response r;
        r.error = ApiRequestRunner::unknownRequest(id);
        return r;
    }

    ApiRequestRunner *const m_runner;
};

} // namespace mw
