#include "Detector.h"

#include "exposition/ParseResult.h"

#include <algorithm>
#include <span>
#include <string_view>

namespace mw::presets {

namespace {

enum class Match : uint8_t { Exact, Prefix };

struct Rule
{
    Match match;
    std::string_view text;
    int weight;
};

constexpr int kKey = 3;
constexpr int kOwnPrefix = 2;
constexpr int kHint = 1;

// Key families first: a family counts for the first rule it matches.
constexpr Rule kTfServing[] = {
    {Match::Exact, ":tensorflow:serving:request_count", kKey},
    {Match::Exact, ":tensorflow:serving:request_latency", kKey},
    {Match::Exact, ":tensorflow:serving:runtime_latency", kKey},
    {Match::Prefix, ":tensorflow:", kOwnPrefix},
};

constexpr Rule kTriton[] = {
    {Match::Exact, "nv_inference_request_success", kKey},
    {Match::Exact, "nv_inference_request_failure", kKey},
    {Match::Exact, "nv_inference_count", kKey},
    {Match::Exact, "nv_inference_exec_count", kKey},
    {Match::Exact, "nv_inference_request_duration_us", kKey},
    {Match::Prefix, "nv_inference_", kOwnPrefix},
    {Match::Prefix, "nv_model_", kOwnPrefix},
    {Match::Prefix, "nv_cache_", kOwnPrefix},
    {Match::Prefix, "nv_pinned_memory_pool_", kOwnPrefix},
    {Match::Prefix, "nv_gpu_", kHint},
    {Match::Prefix, "nv_cpu_", kHint},
    {Match::Prefix, "nv_energy_", kHint},
};

constexpr Rule kTorchServe[] = {
    {Match::Exact, "ts_inference_requests_total", kKey},
    {Match::Exact, "ts_inference_latency_microseconds", kKey},
    {Match::Exact, "ts_queue_latency_microseconds", kKey},
    {Match::Prefix, "ts_", kHint},
    {Match::Exact, "Requests2XX", kHint},
    {Match::Exact, "Requests4XX", kHint},
    {Match::Exact, "Requests5XX", kHint},
    {Match::Exact, "QueueTime", kHint},
    {Match::Exact, "WorkerThreadTime", kHint},
    {Match::Exact, "WorkerLoadTime", kHint},
    {Match::Exact, "HandlerTime", kHint},
    {Match::Exact, "PredictionTime", kHint},
    {Match::Exact, "CPUUtilization", kHint},
    {Match::Exact, "MemoryUtilization", kHint},
    {Match::Exact, "MemoryUsed", kHint},
    {Match::Exact, "MemoryAvailable", kHint},
    {Match::Exact, "DiskUtilization", kHint},
    {Match::Exact, "DiskUsage", kHint},
    {Match::Exact, "DiskAvailable", kHint},
    {Match::Exact, "GPUUtilization", kHint},
    {Match::Exact, "GPUMemoryUtilization", kHint},
    {Match::Exact, "GPUMemoryUsed", kHint},
};

constexpr Rule kVllm[] = {
    {Match::Exact, "vllm:num_requests_running", kKey},
    {Match::Exact, "vllm:prompt_tokens_total", kKey},
    {Match::Exact, "vllm:generation_tokens_total", kKey},
    {Match::Exact, "vllm:request_success_total", kKey},
    {Match::Exact, "vllm:e2e_request_latency_seconds", kKey},
    {Match::Prefix, "vllm:", kOwnPrefix},
};

constexpr Rule kTgi[] = {
    {Match::Exact, "tgi_request_count", kKey},
    {Match::Exact, "tgi_request_success", kKey},
    {Match::Exact, "tgi_request_duration", kKey},
    {Match::Exact, "tgi_queue_size", kKey},
    {Match::Prefix, "tgi_", kOwnPrefix},
};

constexpr Rule kLlamaCpp[] = {
    {Match::Exact, "llamacpp:prompt_tokens_total", kKey},
    {Match::Exact, "llamacpp:tokens_predicted_total", kKey},
    {Match::Prefix, "llamacpp:", kOwnPrefix},
};

std::span<const Rule> rulesFor(ServerKind kind)
{
    switch (kind) {
    case ServerKind::TensorFlowServing: return kTfServing;
    case ServerKind::Triton: return kTriton;
    case ServerKind::TorchServe: return kTorchServe;
    case ServerKind::Vllm: return kVllm;
    case ServerKind::Tgi: return kTgi;
    case ServerKind::LlamaCpp: return kLlamaCpp;
    case ServerKind::Unknown: break;
    }
    return {};
}

std::string_view collectorPrefix(Collector collector)
{
    switch (collector) {
    case Collector::Process: return "process_";
    case Collector::GoRuntime: return "go_";
    case Collector::Python: return "python_";
    case Collector::NodeExporter: return "node_";
    }
    return "process_";
}

bool matches(const Rule &rule, std::string_view family)
{
    return rule.match == Match::Exact ? family == rule.text : family.starts_with(rule.text);
}

} // namespace

bool Detection::hasCollector(Collector collector) const
{
    return std::any_of(collectors.begin(), collectors.end(),
                       [collector](const CollectorMatch &m) { return m.collector == collector; });
}

Detection Detector::detect(const MetricNameSet &names)
{
    const std::vector<std::string> families = names.families();
    Detection detection;
    for (ServerKind kind : kAllServerKinds) {
        KindScore score{kind, 0, {}};
        const std::span<const Rule> rules = rulesFor(kind);
        for (const std::string &family : families) {
            const auto rule = std::find_if(rules.begin(), rules.end(),
                                           [&family](const Rule &r) { return matches(r, family); });
            if (rule == rules.end())
                continue;
            score.score += rule->weight;
            score.evidence.push_back(family);
        }
        if (score.score > 0)
            detection.candidates.push_back(std::move(score));
    }
    // Stable: equal scores keep kAllServerKinds order.
    std::stable_sort(detection.candidates.begin(), detection.candidates.end(),
                     [](const KindScore &a, const KindScore &b) { return a.score > b.score; });

    if (!detection.candidates.empty() && detection.candidates.front().score >= kMinScore) {
        const KindScore &best = detection.candidates.front();
        const int runnerUp = detection.candidates.size() > 1 ? detection.candidates[1].score : 0;
        detection.kind = best.kind;
        detection.score = best.score;
        detection.evidence = best.evidence;
        const double saturation = std::min(1.0, static_cast<double>(best.score) / kFullScore);
        detection.confidence = saturation * best.score / static_cast<double>(best.score + runnerUp);
    }

    for (Collector collector : kAllCollectors) {
        CollectorMatch match{collector, {}};
        for (const std::string &family : families) {
            if (std::string_view(family).starts_with(collectorPrefix(collector)))
                match.evidence.push_back(family);
        }
        if (!match.evidence.empty())
            detection.collectors.push_back(std::move(match));
    }
    return detection;
}

Detection Detector::detect(const expo::ParseResult &result)
{
    return detect(MetricNameSet::declaredIn(result));
}

} // namespace mw::presets
