#pragma once

#include "SecretRef.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace mw {

/// How to reach one Prometheus-compatible server (Prometheus, Thanos, Mimir,
/// VictoriaMetrics). Holds references to secrets, never secrets themselves, so
/// it can be saved in a dashboard file.
struct PrometheusConnection
{
    /// http(s)://host[:port][/prefix]; API paths are appended to the prefix
    /// ("http://host/prometheus" -> "http://host/prometheus/api/v1/query").
    QUrl baseUrl;

    QString basicAuthUser;        ///< basic auth when not empty
    SecretRef basicAuthPassword;  ///< its password
    SecretRef bearerToken;        ///< "Authorization: Bearer ..." when set (not with basic auth)
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra headers, e.g. X-Scope-OrgID

    QString caFile;             ///< PEM CA bundle replacing the system CAs
    QString clientCertFile;     ///< PEM client certificate (mutual TLS)
    QString clientKeyFile;      ///< its PEM private key (unencrypted)
    bool insecureSkipVerify = false; ///< accept any server certificate (off by default)

    /// An empty string, or why this connection cannot work (bad URL, both basic
    /// auth and bearer token, a key without a certificate, ...).
    QString validate() const;
    /// baseUrl's path prefix joined with `apiPath` ("/api/v1/query").
    QUrl endpoint(const QString &apiPath) const;
};

} // namespace mw
