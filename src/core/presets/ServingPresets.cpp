// Preset panels of the classic model servers. Metric and label names are the
// servers' own (see tests/data/samples); durations stay in the unit the server
// exports (TF Serving and Triton counters in µs, Triton's histogram in ms).

#include "PresetDefinitions.h"

namespace mw::presets::preset {

namespace {

constexpr const char *kTfRequests = ":tensorflow:serving:request_count";
constexpr const char *kTritonSuccess = "nv_inference_request_success";

/// A Triton cumulative duration counter per successful request.
std::string perTritonRequest(const char *durationCounter, std::string_view by)
{
    return ratioOfRates(durationCounter, kTritonSuccess, by);
}

/// `(sum by (BY) (rate(NUM)) or sum by (BY) (rate(DEN)) * 0) / sum by (BY) (rate(DEN))`:
/// the share of DEN matched by NUM, 0 (not absent) while NUM has no series yet.
std::string shareOf(std::string_view numerator, std::string_view denominator, std::string_view by)
{
    return "(" + sumRate(numerator, by) + " or " + sumRate(denominator, by) + " * 0) / " + sumRate(denominator, by);
}

} // namespace

std::vector<PresetPanel> tfServingPanels()
{
    const std::string errors = std::string(kTfRequests) + "{status!=\"OK\"}";
    return {
        panel("Requests/s", Unit::RequestsPerSecond, {{sumRate(kTfRequests, "model_name"), legend("", "model_name")}},
              "Requests by model, any status (:tensorflow:serving:request_count)."),
        withThresholds(panel("Error rate", Unit::Ratio,
                             {{shareOf(errors, kTfRequests, "model_name"), legend("", "model_name")}},
                             "Share of requests whose status is not OK (INVALID_ARGUMENT, DEADLINE_EXCEEDED, ...)."),
                       0.01, 0.05),
        panel("Request latency p50/p95/p99", Unit::Microseconds,
              quantiles(":tensorflow:serving:request_latency_bucket"),
              "All models and entrypoints. The REST entrypoint records OK responses only."),
        panel("Mean request latency", Unit::Microseconds,
              {{ratioOfRates(":tensorflow:serving:request_latency_sum", ":tensorflow:serving:request_latency_count",
                             "model_name"),
                legend("", "model_name")}},
              "Mean latency by model, from the histogram's _sum and _count."),
        panel("Model runtime latency p50/p95/p99", Unit::Microseconds,
              quantiles(":tensorflow:serving:runtime_latency_bucket"),
              "Time in the model runtime (TF1/TFRT), without request parsing and queuing.", true),
        panel("Batch queue time p50/p95/p99", Unit::Microseconds,
              quantiles(":tensorflow:serving:batching_session:queuing_latency_bucket"),
              "Time requests wait in the batching queue (--enable_batching only).", true),
        panel("Batch size", Unit::Count,
              {{ratioOfRates(":tensorflow:serving:batching_session:input_batch_size_sum",
                             ":tensorflow:serving:batching_session:input_batch_size_count"),
                "mean"},
               {"histogram_quantile(0.99, " + sumRate(":tensorflow:serving:batching_session:input_batch_size_bucket", "le")
                    + ")",
                "p99"}},
              "Size of the batches formed (--enable_batching only). TF Serving exports no memory metrics: "
              "add node_exporter for the host.",
              true),
    };
}

std::vector<PresetPanel> tritonPanels()
{
    constexpr const char *kSuccess = kTritonSuccess;
    constexpr const char *kFailure = "nv_inference_request_failure";
    return {
        panel("Requests/s", Unit::RequestsPerSecond, {{sumRate(kSuccess, "model"), legend("", "model")}},
              "Successful inference requests by model (nv_inference_request_success)."),
        withThresholds(
            panel("Error rate", Unit::Ratio,
                  {{sumRate(kFailure, "model") + " / (" + sumRate(kSuccess, "model") + " + " + sumRate(kFailure, "model")
                        + ")",
                    legend("", "model")}},
                  "Failed over all requests by model; failures of every reason (REJECTED, CANCELED, BACKEND, OTHER)."),
            0.01, 0.05),
        panel("Mean request latency", Unit::Microseconds,
              {{perTritonRequest("nv_inference_request_duration_us", "model"), legend("", "model")}},
              "Triton exports cumulative duration counters: Δduration / Δsuccessful requests. Percentiles need "
              "--metrics-config histogram_latencies=true."),
        panel("Queue time (mean per request)", Unit::Microseconds,
              {{perTritonRequest("nv_inference_queue_duration_us", "model"), legend("", "model")}},
              "Δnv_inference_queue_duration_us / Δsuccessful requests."),
        panel("Latency breakdown (mean per request)", Unit::Microseconds,
              {{perTritonRequest("nv_inference_queue_duration_us", {}), "queue"},
               {perTritonRequest("nv_inference_compute_input_duration_us", {}), "compute input"},
               {perTritonRequest("nv_inference_compute_infer_duration_us", {}), "compute infer"},
               {perTritonRequest("nv_inference_compute_output_duration_us", {}), "compute output"}},
              "All models: where a request's time goes.", true),
        panel("Batch size", Unit::Count,
              {{ratioOfRates("nv_inference_count", "nv_inference_exec_count", "model"), legend("", "model")}},
              "Inferences per model execution: Δnv_inference_count / Δnv_inference_exec_count."),
        panel("Pending requests", Unit::Count,
              {{"sum by (model) (nv_inference_pending_request_count)", legend("", "model")}},
              "Requests waiting to be executed, by model.", true),
        panel("Time to first response p50/p95/p99", Unit::Milliseconds,
              quantiles("nv_inference_first_response_histogram_ms_bucket", "model"),
              "Opt-in histogram (decoupled models); default buckets 100, 500, 2000, 5000 ms.", true),
        panel("GPU utilization", Unit::Ratio, {{"nv_gpu_utilization", legend("", "gpu_uuid")}}, {}, true),
        panel("GPU memory", Unit::Bytes,
              {{"nv_gpu_memory_used_bytes", legend("used", "gpu_uuid")},
               {"nv_gpu_memory_total_bytes", legend("total", "gpu_uuid")}},
              {}, true),
        panel("GPU power", Unit::Watts,
              {{"nv_gpu_power_usage", legend("", "gpu_uuid")}, {"nv_gpu_power_limit", legend("limit", "gpu_uuid")}}, {},
              true),
        panel("Host CPU utilization", Unit::Ratio, {{"nv_cpu_utilization", "CPU"}}, "System-wide, not Triton's own.",
              true),
        panel("Host memory", Unit::Bytes,
              {{"nv_cpu_memory_used_bytes", "used"}, {"nv_cpu_memory_total_bytes", "total"}},
              "System-wide RAM, not Triton's resident set.", true),
    };
}

std::vector<PresetPanel> torchServePanels()
{
    constexpr const char *kRequests = "ts_inference_requests_total";
    // Java simpleclient creates RequestsNXX at the first such response.
    const std::string server5xx = "(" + sumRate("Requests5XX") + " or vector(0))";
    return {
        panel("Requests/s", Unit::RequestsPerSecond, {{sumRate(kRequests, "model_name"), legend("", "model_name")}},
              "Inference requests by model (ts_inference_requests_total)."),
        withThresholds(panel("Server error rate (5xx)", Unit::Ratio,
                             {{server5xx + " / (" + sumRate("Requests2XX") + " + " + server5xx + ")", "5xx"}},
                             "Host-level API responses: 5xx over 2xx + 5xx (client 4xx left out)."),
                       0.01, 0.05),
        panel("Mean inference latency", Unit::Microseconds,
              {{ratioOfRates("ts_inference_latency_microseconds", kRequests, "model_name"), legend("", "model_name")}},
              "TorchServe exports cumulative µs counters: Δlatency / Δrequests. There are no histograms."),
        panel("Queue time (mean per request)", Unit::Microseconds,
              {{ratioOfRates("ts_queue_latency_microseconds", kRequests, "model_name"), legend("", "model_name")}},
              "Δts_queue_latency_microseconds / Δrequests."),
        panel("Handler and prediction time (last)", Unit::Milliseconds,
              {{"HandlerTime", legend("handler", "ModelName")}, {"PredictionTime", legend("prediction", "ModelName")}},
              "Gauges holding the last request's value, not a distribution.", true),
        panel("Host memory", Unit::Bytes,
              {{"MemoryUsed * 1048576", "used"}, {"MemoryAvailable * 1048576", "available"}},
              "System-wide, reported in MiB and scaled to bytes; collected about once a minute.", true),
        panel("GPU memory used", Unit::Bytes, {{"GPUMemoryUsed * 1048576", legend("GPU", "DeviceId")}},
              "Reported in MiB and scaled to bytes.", true),
        panel("GPU utilization", Unit::Percent, {{"GPUUtilization", legend("GPU", "DeviceId")}}, {}, true),
        panel("CPU utilization", Unit::Percent, {{"CPUUtilization", "host"}}, "System-wide.", true),
    };
}

} // namespace mw::presets::preset
