#pragma once

#include "prometheus/SecretRef.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace mw {

namespace dashboard {
struct SourceAuth;
}

/// How an HTTP request authenticates, shared by every client that talks to a
/// server (the Prometheus and Alertmanager API clients, the /metrics scraper,
/// the feed poller): basic auth or a bearer token, extra headers, TLS
/// material. Holds references to secrets, never secrets themselves, so it can
/// be saved in a dashboard file; HttpCredentials resolves them.
struct HttpAuth
{
    QString basicAuthUser;        ///< basic auth when not empty
    SecretRef basicAuthPassword;  ///< its password
    SecretRef bearerToken;        ///< "Authorization: Bearer ..." when set (not with basic auth)
    QList<QPair<QByteArray, QByteArray>> headers;      ///< extra headers, e.g. X-Scope-OrgID
    QList<QPair<QByteArray, SecretRef>> secretHeaders; ///< extra headers whose values are secrets

    QString caFile;             ///< PEM CA bundle replacing the system CAs
    QString clientCertFile;     ///< PEM client certificate (mutual TLS)
    QString clientKeyFile;      ///< its PEM private key (unencrypted)
    bool insecureSkipVerify = false; ///< accept any server certificate (off by default)

    /// Set by fromSource() when a reference of the document does not parse:
    /// validate() returns it, so no request goes out without that secret.
    QString invalid;

    /// Whether anything is set (an empty HttpAuth sends no credentials).
    bool isSet() const;
    /// An empty string, or why these settings cannot work (both basic auth and
    /// a bearer token, a key without a certificate, a bad header, ...).
    QString validate() const;
    /// validate() for requests to `url` alone: TLS files also need https.
    /// `what` names the URL in the message ("the base URL").
    QString validateFor(const QUrl &url, const QString &what = QStringLiteral("the URL")) const;

    /// The settings of a dashboard source (`auth`), its references parsed.
    /// Never fails: an unparsable reference lands in `invalid`.
    static HttpAuth fromSource(const dashboard::SourceAuth &auth);
};

} // namespace mw
