#include "PredictionService.h"

#include "DemoMetrics.h"
#include "FaultInjector.h"
#include "PredictJson.h"

#include <chrono>
#include <variant>

namespace mw::demo {

namespace {

double microsecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

PredictionService::PredictionService(Model model, std::string modelName, FaultInjector &faults, DemoMetrics &metrics)
    : m_model(std::move(model))
    , m_modelName(std::move(modelName))
    , m_faults(faults)
    , m_metrics(metrics)
{
}

PredictResult PredictionService::fail(RequestStatus status, std::string message)
{
    m_metrics.recordRequest(status);
    PredictResult result;
    result.status = status;
    result.error = std::move(message);
    return result;
}

PredictResult PredictionService::predict(std::span<const Features> instances)
{
    return run(instances, std::chrono::steady_clock::now());
}

PredictResult PredictionService::run(std::span<const Features> instances, std::chrono::steady_clock::time_point start)
{
    if (const std::optional<RequestStatus> injected = m_faults.injectedError()) {
        return fail(*injected, *injected == RequestStatus::Internal
                                   ? "injected fault: internal error while running the model"
                                   : "injected fault: input rejected by the model");
    }
    PredictResult result;
    result.scores.reserve(instances.size());
    const auto runStart = std::chrono::steady_clock::now();
    for (const Features &x : instances)
        result.scores.push_back(m_model.predict(x));
    const double runtimeUs = microsecondsSince(runStart);
    m_metrics.recordGraphRun(runtimeUs);

    result.extraLatencyUs = m_faults.extraLatencyUs();
    m_metrics.recordRequest(RequestStatus::Ok);
    m_metrics.recordLatency(microsecondsSince(start) + result.extraLatencyUs, runtimeUs);
    return result;
}

PredictResult PredictionService::predictJson(std::string_view body)
{
    // The request latency includes parsing, as TF Serving's REST handler does.
    const auto start = std::chrono::steady_clock::now();
    auto parsed = PredictJson::parseRequest(body);
    if (auto *error = std::get_if<PredictJson::Error>(&parsed))
        return fail(RequestStatus::InvalidArgument, std::move(error->message));
    return run(std::get<std::vector<Features>>(parsed), start);
}

} // namespace mw::demo
