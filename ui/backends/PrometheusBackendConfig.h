#pragma once

#include "dashboard/Document.h"
#include "prometheus/PromConnection.h"
#include "prometheus/SecretRef.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <optional>
#include <utility>
#include <vector>

namespace mw::view {

/// What a PrometheusBackend needs: the client's connection (basic auth
/// password and bearer token stay references, the client resolves them),
/// the extra headers whose values are secret references (the backend
/// resolves them before its first request), and its health-poll interval.
struct PrometheusBackendConfig
{
    PrometheusConnection connection;
    std::vector<std::pair<QByteArray, SecretRef>> headerSecrets;
    std::chrono::milliseconds healthInterval{15'000};

    /// The configuration of a dashboard source of kind Prometheus, or nullopt
    /// with `error` set to one sentence naming the source and the problem.
    static std::optional<PrometheusBackendConfig> fromSource(const dashboard::Source &source, QString *error);
};

} // namespace mw::view
