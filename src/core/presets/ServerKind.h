#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mw::presets {

/// The model servers ModelWatch has preset dashboards for. Unknown: nothing
/// server-specific matched (a dashboard of the generic collectors only).
enum class ServerKind : uint8_t {
    Unknown,
    TensorFlowServing,
    Triton,
    TorchServe,
    Vllm,
    Tgi,
    LlamaCpp,
};

/// Client-library and exporter collectors that appear next to any server.
enum class Collector : uint8_t {
    Process,      ///< process_* (every official client library)
    GoRuntime,    ///< go_* (Go client)
    Python,       ///< python_* (prometheus_client)
    NodeExporter, ///< node_* (node_exporter)
};

inline constexpr ServerKind kAllServerKinds[] = {
    ServerKind::TensorFlowServing, ServerKind::Triton, ServerKind::TorchServe,
    ServerKind::Vllm,              ServerKind::Tgi,    ServerKind::LlamaCpp,
};
inline constexpr Collector kAllCollectors[] = {Collector::Process, Collector::GoRuntime, Collector::Python,
                                               Collector::NodeExporter};

/// Stable ids used in JSON and on the command line: "unknown", "tfserving",
/// "triton", "torchserve", "vllm", "tgi", "llamacpp".
std::string_view serverKindId(ServerKind kind);
/// Human-readable names ("TensorFlow Serving", ...).
std::string_view serverKindName(ServerKind kind);
std::optional<ServerKind> serverKindFromId(std::string_view id);

/// "process", "go", "python", "node".
std::string_view collectorId(Collector collector);
std::optional<Collector> collectorFromId(std::string_view id);

} // namespace mw::presets
