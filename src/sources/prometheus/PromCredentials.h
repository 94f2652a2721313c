#pragma once

#include "PromConnection.h"

#include "http/HttpCredentials.h"

#include <functional>

class QObject;

namespace mw {

/// A Prometheus (or Alertmanager) connection's secrets and TLS material,
/// resolved at connect time: HttpCredentials, after the connection's own check.
struct PromCredentials : HttpCredentials
{
    PromCredentials() = default;
    explicit PromCredentials(HttpCredentials credentials)
        : HttpCredentials(std::move(credentials))
    {
    }

    /// Checks the connection (PrometheusConnection::validate()), reads the TLS
    /// files now for an https base URL and resolves the secret references
    /// (HttpCredentials::resolve). Calls `done` exactly once from `context`'s
    /// event loop.
    static void resolve(const PrometheusConnection &connection, QObject *context,
                        std::function<void(const PromCredentials &)> done);
};

} // namespace mw
