#pragma once

#include "HttpAuth.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslConfiguration>
#include <QString>

#include <functional>

class QNetworkRequest;
class QObject;

namespace mw {

/// An HttpAuth with its secrets resolved and its TLS files read: the
/// Authorization header value, every extra header with its value, and the TLS
/// configuration (CA bundle, client certificate and key, verification mode).
/// One implementation for every HTTP client of ModelWatch.
struct HttpCredentials
{
    QByteArray authorization;                     ///< "Basic ..." / "Bearer ...", or empty
    QList<QPair<QByteArray, QByteArray>> headers; ///< plain and resolved secret headers, in that order
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration(); ///< used for https URLs
    QString error;                                ///< why resolution failed; empty on success

    bool ok() const { return error.isEmpty(); }
    /// Whether a request carries anything of these (a header or Authorization).
    bool sendsCredentials() const { return !authorization.isEmpty() || !headers.isEmpty(); }

    /// Adds the extra headers, then Authorization, to `request`; the TLS
    /// configuration when its URL is https. HTTP/1.1 only (see the .cpp).
    void applyTo(QNetworkRequest &request) const;

    /// Checks `auth` (HttpAuth::validate()), reads its TLS files now when
    /// `tls` is set, and resolves its secret references (keyring lookups are
    /// asynchronous). Calls `done` exactly once from `context`'s event loop,
    /// never from inside this call. A failure names the role and the
    /// reference: "bearer token env:TOKEN: environment variable TOKEN is not set".
    static void resolve(const HttpAuth &auth, bool tls, QObject *context,
                        std::function<void(const HttpCredentials &)> done);

    /// The TLS part alone (synchronous): CA file, client certificate and key,
    /// insecureSkipVerify. Sets `error` when a file does not load.
    static QSslConfiguration loadTls(const HttpAuth &auth, QString &error);
};

} // namespace mw
