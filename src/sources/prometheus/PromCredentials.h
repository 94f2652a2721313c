#pragma once

#include "PromConnection.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QString>

#include <functional>

class QObject;

namespace mw {

/// A connection's secrets and TLS material, resolved at connect time:
/// the Authorization header value and the TLS configuration (CA bundle,
/// client certificate and key, verification mode).
struct PromCredentials
{
    QByteArray authorization;  ///< "Basic ..." / "Bearer ...", or empty
    QSslConfiguration ssl;     ///< used for https base URLs
    QString error;             ///< why resolution failed; empty on success

    bool ok() const { return error.isEmpty(); }

    /// Reads the TLS files now and resolves the secret references (keyring
    /// lookups are asynchronous). Calls `done` exactly once from `context`'s
    /// event loop.
    static void resolve(const PrometheusConnection &connection, QObject *context,
                        std::function<void(const PromCredentials &)> done);

    /// The TLS part alone (synchronous): CA file, client certificate and key,
    /// insecureSkipVerify. Sets `error` when a file does not load.
    static QSslConfiguration loadTls(const PrometheusConnection &connection, QString &error);
};

} // namespace mw
