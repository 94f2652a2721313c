#pragma once

#include "MetricNameSet.h"
#include "ServerKind.h"

#include <string>
#include <vector>

namespace mw::expo {
class ParseResult;
}

namespace mw::presets {

/// How well one server kind matched.
struct KindScore
{
    ServerKind kind = ServerKind::Unknown;
    int score = 0;
    std::vector<std::string> evidence; ///< matching metric families, sorted
};

/// A generic collector found in the payload.
struct CollectorMatch
{
    Collector collector = Collector::Process;
    std::vector<std::string> evidence; ///< matching metric families, sorted
};

/// The outcome of Detector::detect().
struct Detection
{
    ServerKind kind = ServerKind::Unknown; ///< the primary kind, Unknown below kMinScore
    int score = 0;                         ///< the primary kind's score
    double confidence = 0.0;               ///< 0..1; 0 for Unknown
    std::vector<std::string> evidence;     ///< families that matched the primary kind
    std::vector<KindScore> candidates;     ///< every kind with a positive score, best first
    std::vector<CollectorMatch> collectors; ///< in kAllCollectors order

    bool hasCollector(Collector collector) const;
};

/// Recognises model servers from their metric names alone, so it works on a
/// scraped payload and on a Prometheus server's name list alike.
///
/// Scoring: each metric family (MetricNameSet::familyOf) counts once, for the
/// first rule of a kind it matches: a server's key family (a name it always
/// exports, e.g. `nv_inference_request_success`) scores 3, a name under its
/// own prefix (`vllm:`, `llamacpp:`, `:tensorflow:`, `nv_inference_`, `tgi_`,
/// `ts_`) 2, and names that are only suggestive on their own (Triton's
/// `nv_gpu_*`, TorchServe's CamelCase system metrics) 1. The primary kind is
/// the best score of at least kMinScore; ties go to the earlier kind in
/// kAllServerKinds. Confidence = min(1, score / kFullScore) scaled by
/// score / (score + runner-up score), so a payload that looks like two servers
/// (Triton's vLLM backend exports nv_* and vllm:*) reports about 0.5.
class Detector
{
public:
    static constexpr int kMinScore = 3;
    static constexpr int kFullScore = 9;

    static Detection detect(const MetricNameSet &names);
    /// Over MetricNameSet::declaredIn(result): a family announced by a TYPE
    /// line with no samples yet is evidence too.
    static Detection detect(const expo::ParseResult &result);
};

} // namespace mw::presets
