#include "DemoMetrics.h"

#include "ProcessStats.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <array>
#include <cmath>
#include <map>

namespace mw::demo {

namespace {

constexpr std::size_t kStatusCount = 4;

/// `value` rounded to 6 significant digits, as absl::StrCat(double) prints
/// it. Scaled by exact powers of ten only (never multiplied by 0.1), so the
/// result is the double nearest the printed decimal: 1.27482e+06 is 1274820.
double sixDigits(double value)
{
    if (value == 0.0 || !std::isfinite(value))
        return value;
    const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value)))) - 5;
    if (exponent >= 0) {
        const double unit = std::pow(10.0, exponent);
        return std::round(value / unit) * unit;
    }
    const double scale = std::pow(10.0, -exponent);
    return std::round(value * scale) / scale;
}

} // namespace

struct DemoMetrics::Impl
{
    explicit Impl(const std::string &model, const std::string &path)
        : modelName(model)
        , modelPath(path)
    {
    }

    std::string modelName;
    std::string modelPath;
    prometheus::Registry registry;

    prometheus::Family<prometheus::Counter> *requestCount = nullptr;
    std::array<prometheus::Counter *, kStatusCount> requestsByStatus{};
    prometheus::Histogram *requestLatency = nullptr;
    prometheus::Histogram *runtimeLatency = nullptr;
    prometheus::Counter *graphRuns = nullptr;
    prometheus::Counter *graphRunTime = nullptr;
    prometheus::Gauge *sessionCreated = nullptr;
    prometheus::Counter *loadAttempts = nullptr;
    prometheus::Counter *loadLatency = nullptr;

    prometheus::Gauge *resident = nullptr;
    prometheus::Gauge *virtualMemory = nullptr;
    prometheus::Counter *cpuSeconds = nullptr;
    prometheus::Gauge *startTime = nullptr;
    prometheus::Gauge *openFds = nullptr;

    std::array<std::array<prometheus::Counter *, 2>, 2> confusion{}; ///< [predicted][actual]
    prometheus::Histogram *scorePositive = nullptr;
    prometheus::Histogram *scoreNegative = nullptr;
    prometheus::Gauge *labelsPending = nullptr;

    prometheus::Family<prometheus::Gauge> *faultActive = nullptr;
    prometheus::Gauge *ballast = nullptr;
};

DemoMetrics::DemoMetrics(const std::string &modelName, const std::string &modelPath)
    : d(std::make_unique<Impl>(modelName, modelPath))
{
    using namespace prometheus;
    Registry &r = d->registry;
    const std::string &m = d->modelName;

    // No Help(): TF Serving prints no HELP lines, and prometheus-cpp prints
    // none for an empty help text.
    d->requestCount = &BuildCounter().Name(":tensorflow:serving:request_count").Register(r);
    // OK exists from the start (at 0), so rate() has a series before the first request.
    d->requestsByStatus[static_cast<std::size_t>(RequestStatus::Ok)] =
        &d->requestCount->Add({{"model_name", m}, {"status", std::string(statusName(RequestStatus::Ok))}});

    d->requestLatency = &BuildHistogram()
                             .Name(":tensorflow:serving:request_latency")
                             .Register(r)
                             .Add({{"model_name", m}, {"API", "Predict"}, {"entrypoint", "REST"}}, latencyBuckets());
    d->runtimeLatency = &BuildHistogram()
                             .Name(":tensorflow:serving:runtime_latency")
                             .Register(r)
                             .Add({{"model_name", m}, {"API", "Predict"}, {"runtime", "TF1"}}, latencyBuckets());
    d->graphRuns = &BuildCounter().Name(":tensorflow:core:graph_runs").Register(r).Add({});
    d->graphRunTime = &BuildCounter().Name(":tensorflow:core:graph_run_time_usecs").Register(r).Add({});
    d->sessionCreated = &BuildGauge().Name(":tensorflow:core:session_created").Register(r).Add({});
    d->loadAttempts = &BuildCounter()
                           .Name(":tensorflow:cc:saved_model:load_attempt_count")
                           .Register(r)
                           .Add({{"model_path", d->modelPath}, {"status", "success"}});
    d->loadLatency = &BuildCounter()
                          .Name(":tensorflow:cc:saved_model:load_latency")
                          .Register(r)
                          .Add({{"model_path", d->modelPath}});

    d->resident = &BuildGauge().Name("process_resident_memory_bytes").Register(r).Add({});
    d->virtualMemory = &BuildGauge().Name("process_virtual_memory_bytes").Register(r).Add({});
    d->cpuSeconds = &BuildCounter().Name("process_cpu_seconds_total").Register(r).Add({});
    d->startTime = &BuildGauge().Name("process_start_time_seconds").Register(r).Add({});
    d->openFds = &BuildGauge().Name("process_open_fds").Register(r).Add({});

    auto &confusion = BuildCounter().Name("model_predictions_total").Register(r);
    for (int predicted = 0; predicted < 2; ++predicted) {
        for (int actual = 0; actual < 2; ++actual) {
            d->confusion[static_cast<std::size_t>(predicted)][static_cast<std::size_t>(actual)] =
                &confusion.Add({{"model_name", m},
                                {"predicted", std::to_string(predicted)},
                                {"actual", std::to_string(actual)}});
        }
    }
    d->scorePositive = &BuildHistogram().Name("model_score_positive").Register(r).Add({{"model_name", m}}, scoreBuckets());
    d->scoreNegative = &BuildHistogram().Name("model_score_negative").Register(r).Add({{"model_name", m}}, scoreBuckets());
    d->labelsPending = &BuildGauge().Name("model_labels_pending").Register(r).Add({{"model_name", m}});

    d->faultActive = &BuildGauge().Name("modelwatch_demo_fault_active").Register(r);
    d->ballast = &BuildGauge().Name("modelwatch_demo_ballast_bytes").Register(r).Add({});
}

DemoMetrics::~DemoMetrics() = default;

std::vector<double> DemoMetrics::latencyBuckets()
{
    // Buckets::Exponential(10, 1.8, 33): 10 * 1.8^i for i in [0, 33).
    std::vector<double> bounds;
    bounds.reserve(33);
    for (int i = 0; i < 33; ++i)
        bounds.push_back(sixDigits(10.0 * std::pow(1.8, i)));
    return bounds;
}

std::vector<double> DemoMetrics::scoreBuckets()
{
    std::vector<double> bounds;
    for (int i = 1; i <= 10; ++i)
        bounds.push_back(static_cast<double>(i) / 10.0);
    return bounds;
}

void DemoMetrics::recordRequest(RequestStatus status)
{
    prometheus::Counter *&counter = d->requestsByStatus[static_cast<std::size_t>(status)];
    if (!counter) // error statuses appear when first seen, as in TF Serving
        counter = &d->requestCount->Add({{"model_name", d->modelName}, {"status", std::string(statusName(status))}});
    counter->Increment();
}

void DemoMetrics::recordLatency(double requestUs, double runtimeUs)
{
    d->requestLatency->Observe(requestUs);
    d->runtimeLatency->Observe(runtimeUs);
}

void DemoMetrics::recordGraphRun(double us)
{
    d->graphRuns->Increment();
    d->graphRunTime->Increment(std::max(0.0, us));
}

void DemoMetrics::recordModelLoad(double us)
{
    d->loadAttempts->Increment();
    d->loadLatency->Increment(std::max(0.0, us));
    d->sessionCreated->Set(1.0);
}

void DemoMetrics::recordLabeled(int predicted, int actual, double score)
{
    const auto p = static_cast<std::size_t>(predicted != 0 ? 1 : 0);
    const auto a = static_cast<std::size_t>(actual != 0 ? 1 : 0);
    d->confusion[p][a]->Increment();
    (a == 1 ? d->scorePositive : d->scoreNegative)->Observe(score);
}

void DemoMetrics::setLabelsPending(std::size_t pending)
{
    d->labelsPending->Set(static_cast<double>(pending));
}

void DemoMetrics::setFaultActive(const QString &fault, bool active)
{
    d->faultActive->Add({{"fault", fault.toStdString()}}).Set(active ? 1.0 : 0.0);
}

void DemoMetrics::setBallastBytes(std::size_t bytes)
{
    d->ballast->Set(static_cast<double>(bytes));
}

std::string DemoMetrics::serialize()
{
    if (const std::optional<ProcessStats> stats = ProcessStats::read()) {
        d->resident->Set(stats->residentBytes);
        d->virtualMemory->Set(stats->virtualBytes);
        // A counter only goes up: add what was used since the last scrape.
        const double cpuDelta = stats->cpuSeconds - d->cpuSeconds->Value();
        if (cpuDelta > 0.0)
            d->cpuSeconds->Increment(cpuDelta);
        d->startTime->Set(stats->startTimeSeconds);
        d->openFds->Set(stats->openFds);
    }
    return prometheus::TextSerializer().Serialize(d->registry.Collect());
}

} // namespace mw::demo
