#pragma once

#include "RequestStatus.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mw::demo {

/// The demo server's metrics, kept in a prometheus-cpp registry and written
/// with its TextSerializer. Names and label sets follow TensorFlow Serving
/// (tensorflow_serving/servables/tensorflow/util.cc, see
/// shared/reference/model-servers.md A1) so that ModelWatch's TF Serving
/// preset works against it unchanged:
///
///   :tensorflow:serving:request_count{model_name,status}      counter, one per Predict request
///                                                              (status = canonical code: OK, INVALID_ARGUMENT, INTERNAL)
///   :tensorflow:serving:request_latency{model_name,API,entrypoint}  histogram, µs, OK requests only
///                                                              (as TF Serving's REST layer records it), API="Predict",
///                                                              entrypoint="REST"; includes injected latency
///   :tensorflow:serving:runtime_latency{model_name,API,runtime}     histogram, µs, the model's own compute, runtime="TF1"
///   :tensorflow:core:graph_runs                                    counter, model executions
///   :tensorflow:core:graph_run_time_usecs                          counter, µs spent in them
///   :tensorflow:core:session_created                               gauge, 1 once the model is loaded
///   :tensorflow:cc:saved_model:load_attempt_count{model_path,status}  counter, 1 with status="success"
///   :tensorflow:cc:saved_model:load_latency{model_path}            counter, µs the training took
///
/// Latency buckets are TF Serving's Buckets::Exponential(10, 1.8, 33), rounded
/// to the 6 significant digits TF Serving prints (le="1.27482e+06" there is
/// 1274820 here: the same number).
///
/// Not in TF Serving (it has no memory metrics), the conventional process
/// series of Prometheus client libraries, read from /proc at scrape time:
///   process_resident_memory_bytes, process_virtual_memory_bytes (gauges),
///   process_cpu_seconds_total (counter), process_start_time_seconds, process_open_fds (gauges).
///
/// Model quality from delayed ground truth (a prediction is counted when its
/// label arrives, not when it is made):
///   model_predictions_total{model_name,predicted,actual}  counter, the confusion matrix;
///                                                         predicted/actual are "0" or "1", all four pre-created
///   model_score_positive{model_name}                      histogram of scores of actual-positive samples,
///   model_score_negative{model_name}                      same for actual-negative; le = 0.1, 0.2, ..., 1.0
///   model_labels_pending{model_name}                      gauge, predictions waiting for their label
///
/// The demo's own state:
///   modelwatch_demo_fault_active{fault}                    gauge 0/1 per fault (latency, errors, memory,
///                                                         accuracy_drift, down)
///   modelwatch_demo_ballast_bytes                          gauge, bytes held by the memory fault
///
/// Differences from TF Serving's own exporter, all from prometheus-cpp's
/// serializer: label-less samples print without `{}`, a family with no
/// series prints nothing (TF prints its TYPE line), numbers print in shortest
/// round-trip form rather than with 6 digits. So a bucket's le label reads
/// "1274820" where TF Serving writes "1.27482e+06": the same number, which
/// histogram_quantile treats alike, but a different string to Prometheus 2
/// (Prometheus 3 normalizes le when it scrapes).
class DemoMetrics
{
public:
    DemoMetrics(const std::string &modelName, const std::string &modelPath);
    ~DemoMetrics();
    DemoMetrics(const DemoMetrics &) = delete;
    DemoMetrics &operator=(const DemoMetrics &) = delete;

    /// TF Serving's request latency bucket bounds (33 finite bounds).
    static std::vector<double> latencyBuckets();
    /// The score histograms' bounds: 0.1, 0.2, ..., 1.0.
    static std::vector<double> scoreBuckets();

    /// One Predict request finished with `status`.
    void recordRequest(RequestStatus status);
    /// An OK request's latencies.
    void recordLatency(double requestUs, double runtimeUs);
    /// One execution of the model.
    void recordGraphRun(double us);
    /// The model was loaded (trained) in `us`.
    void recordModelLoad(double us);
    /// A prediction's label arrived.
    void recordLabeled(int predicted, int actual, double score);
    void setLabelsPending(std::size_t pending);
    void setFaultActive(const QString &fault, bool active);
    void setBallastBytes(std::size_t bytes);

    /// The exposition text (Prometheus text 0.0.4), process series refreshed first.
    std::string serialize();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace mw::demo
