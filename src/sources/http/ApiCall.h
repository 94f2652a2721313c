#pragma once

#include "prometheus/PromConnection.h"
#include "prometheus/PromCredentials.h"
#include "prometheus/PromReplyClassifier.h"
#include "prometheus/PromTypes.h"

#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

class QNetworkAccessManager;

namespace mw {

/// How ApiRequestRunner treats one request.
struct ApiCallOptions
{
    std::chrono::milliseconds timeout{30'000}; ///< each HTTP attempt
    std::optional<int> maxRetries;             ///< overrides the runner's retry policy
    /// Non-empty: cancels the previous in-flight request with the same key.
    QString supersedeKey;
};

/// The client-specific half of one API request: how an attempt goes on the
/// wire, how a complete reply is decoded and classified, and which failures
/// may be retried. ApiRequestRunner does the rest (attempts, timeouts,
/// retries, the size cap, delivery). A subclass keeps its client's response
/// value, which the runner fills through classify() and fail().
class ApiCall
{
public:
    ApiCall() = default;
    ApiCall(const ApiCall &) = delete;
    ApiCall &operator=(const ApiCall &) = delete;
    virtual ~ApiCall();

    /// Sends one attempt with the resolved credentials.
    virtual QNetworkReply *send(QNetworkAccessManager &nam, const PrometheusConnection &connection,
                                const PromCredentials &credentials) = 0;
    /// A complete HTTP response: decodes it into the response and returns
    /// its error (kind None: success).
    virtual PromError classify(const PromReplyFacts &facts) = 0;
    /// A failure before any HTTP status arrived (refused, TLS, ...).
    virtual PromError transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                                     const QStringList &sslErrors) const = 0;
    /// The response becomes `error` alone.
    virtual void fail(const PromError &error) = 0;
    /// Stamps the number of HTTP attempts made on the response.
    virtual void setAttempts(int attempts) = 0;

    /// Whether a failure the retry policy calls retryable may be retried for
    /// this request (a request that is not safe to send twice says no).
    virtual bool mayRetry(const PromError &error) const;
    /// The error of an attempt that ran out of time. Default: "timed out
    /// after 30 s waiting for host:port", noting a response that had started.
    virtual PromError timeoutError(std::chrono::milliseconds timeout, const PromReplyFacts &facts) const;
    /// Whether a Content-Length above the cap (without Content-Encoding) is
    /// refused before any of the body downloads. Default: yes.
    virtual bool refusesAnnouncedOversize() const;
};

} // namespace mw
