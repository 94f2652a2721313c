#pragma once

#include "dashboard/Document.h"
#include "prometheus/PromConnection.h"

#include <QString>

#include <chrono>
#include <optional>

namespace mw::view {

/// What a PrometheusBackend needs: the client's connection (the basic auth
/// password, the bearer token and the header values stay references, the
/// client resolves them before its first request) and its health-poll interval.
struct PrometheusBackendConfig
{
    PrometheusConnection connection;
    std::chrono::milliseconds healthInterval{15'000};

    /// The configuration of a dashboard source of kind Prometheus, or nullopt
    /// with `error` set to one sentence naming the source and the problem.
    static std::optional<PrometheusBackendConfig> fromSource(const dashboard::Source &source, QString *error);
};

} // namespace mw::view
