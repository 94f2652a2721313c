#pragma once

#include "http/HttpAuth.h"

#include <QString>
#include <QUrl>

namespace mw {

/// How to reach one Prometheus-compatible server (Prometheus, Thanos, Mimir,
/// VictoriaMetrics): its base URL and how to authenticate (HttpAuth, whose
/// fields it inherits: basicAuthUser, bearerToken, headers, caFile, ...).
/// Holds references to secrets, never secrets themselves, so it can be saved
/// in a dashboard file.
struct PrometheusConnection : HttpAuth
{
    /// http(s)://host[:port][/prefix]; API paths are appended to the prefix
    /// ("http://host/prometheus" -> "http://host/prometheus/api/v1/query").
    QUrl baseUrl;

    /// An empty string, or why this connection cannot work (a bad URL, or
    /// what HttpAuth::validateFor() says of it).
    QString validate() const;
    /// baseUrl's path prefix joined with `apiPath` ("/api/v1/query").
    QUrl endpoint(const QString &apiPath) const;
};

} // namespace mw
