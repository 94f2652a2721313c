#include "ServerKind.h"

namespace mw::presets {

std::string_view serverKindId(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Unknown: return "unknown";
    case ServerKind::TensorFlowServing: return "tfserving";
    case ServerKind::Triton: return "triton";
    case ServerKind::TorchServe: return "torchserve";
    case ServerKind::Vllm: return "vllm";
    case ServerKind::Tgi: return "tgi";
    case ServerKind::LlamaCpp: return "llamacpp";
    }
    return "unknown";
}

std::string_view serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Unknown: return "Unknown server";
    case ServerKind::TensorFlowServing: return "TensorFlow Serving";
    case ServerKind::Triton: return "NVIDIA Triton";
    case ServerKind::TorchServe: return "TorchServe";
    case ServerKind::Vllm: return "vLLM";
    case ServerKind::Tgi: return "Text Generation Inference";
    case ServerKind::LlamaCpp: return "llama.cpp server";
    }
    return "Unknown server";
}

std::optional<ServerKind> serverKindFromId(std::string_view id)
{
    if (id == serverKindId(ServerKind::Unknown))
        return ServerKind::Unknown;
    for (ServerKind kind : kAllServerKinds) {
        if (serverKindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

std::string_view collectorId(Collector collector)
{
    switch (collector) {
    case Collector::Process: return "process";
    case Collector::GoRuntime: return "go";
    case Collector::Python: return "python";
    case Collector::NodeExporter: return "node";
    }
    return "process";
}

std::optional<Collector> collectorFromId(std::string_view id)
{
    for (Collector collector : kAllCollectors) {
        if (collectorId(collector) == id)
            return collector;
    }
    return std::nullopt;
}

} // namespace mw::presets
