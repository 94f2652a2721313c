#pragma once

#include "Model.h"
#include "RequestStatus.h"

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mw::demo {

class DemoMetrics;
class FaultInjector;

/// The outcome of one Predict request.
struct PredictResult
{
    RequestStatus status = RequestStatus::Ok;
    std::string error;          ///< set unless status is Ok
    std::vector<double> scores; ///< P(class 1) per instance, when Ok
    double extraLatencyUs = 0;  ///< injected latency: the HTTP reply is held back this long
};

/// Runs the model for a Predict request and records what TF Serving records
/// for it: request_count always, latency histograms for OK requests only.
/// Both the HTTP endpoint and the in-process load generator come through
/// here, so their requests count alike (entrypoint="REST" for both: the
/// generator stands for REST clients).
class PredictionService
{
public:
    PredictionService(Model model, std::string modelName, FaultInjector &faults, DemoMetrics &metrics);

    const std::string &modelName() const { return m_modelName; }
    const Model &model() const { return m_model; }

    PredictResult predict(std::span<const Features> instances);
    /// Parses a TF Serving REST body, then predicts; an invalid body is an
    /// INVALID_ARGUMENT request.
    PredictResult predictJson(std::string_view body);

private:
    PredictResult run(std::span<const Features> instances, std::chrono::steady_clock::time_point start);
    PredictResult fail(RequestStatus status, std::string message);

    Model m_model;
    std::string m_modelName;
    FaultInjector &m_faults;
    DemoMetrics &m_metrics;
};

} // namespace mw::demo
