#pragma once

#include "PromConnection.h"
#include "PromDecoder.h"

#include "http/HttpCredentials.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <optional>

namespace mw {

/// One Prometheus API call before it goes on the wire: a plain value.
struct PromRequest
{
    QByteArray method; ///< "GET" or "POST" (form-encoded body)
    QString apiPath;   ///< "/api/v1/query", appended to the base URL's path prefix
    QList<QPair<QByteArray, QString>> params;
    std::optional<PromDataKind> kind; ///< empty: plain text (/-/healthy)
    QString invalid;                  ///< non-empty: why this request must not be sent
};

/// Builds the request of each endpoint and checks its arguments, so that an
/// invalid request is refused before it reaches the server. Pure.
class PromRequestBuilder
{
public:
    using Eval = std::optional<std::chrono::milliseconds>; ///< Prometheus' `timeout` parameter

    static PromRequest query(const QString &expr, std::optional<int64_t> timeMs, Eval evalTimeout = {});
    /// Refused when end < start, step <= 0 or more than 11,000 points per series.
    static PromRequest queryRange(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs,
                                  Eval evalTimeout = {});
    static PromRequest series(const QStringList &matchers, std::optional<int64_t> startMs,
                              std::optional<int64_t> endMs);
    static PromRequest labels();
    static PromRequest labelValues(const QString &labelName);
    static PromRequest metadata(const QString &metric);
    static PromRequest alerts();
    static PromRequest rules();
    static PromRequest healthy();

    /// The HTTP request for `request` on `connection`: URL under the base
    /// URL's prefix (GET parameters in the query, POST ones in `body`), Accept,
    /// the credentials (extra headers, Authorization, TLS configuration:
    /// HttpCredentials::applyTo), no less-safe redirects, no cache.
    static QNetworkRequest networkRequest(const PromRequest &request, const PrometheusConnection &connection,
                                          const HttpCredentials &credentials, QByteArray &body);
};

} // namespace mw
