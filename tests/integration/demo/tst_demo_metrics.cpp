// DemoMetrics: TF Serving's names, types and buckets, read back with the
// project's own exposition parser.
#include "ScrapedMetrics.h"

#include "demo/DemoMetrics.h"

#include <QTest>

using namespace mw::demo;
using mw::expo::MetricType;
using mw::test::ScrapedMetrics;

class TestDemoMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void familiesHaveTfServingNamesAndTypes();
    void latencyBucketsAreTfServings();
    void countsRequestsByStatus();
    void recordsLatencyInMicroseconds();
    void confusionAndScoreHistograms();
    void processAndFaultSeries();
};

namespace {

ScrapedMetrics scrape(DemoMetrics &metrics)
{
    return ScrapedMetrics(metrics.serialize());
}

} // namespace

void TestDemoMetrics::familiesHaveTfServingNamesAndTypes()
{
    DemoMetrics metrics("m", "/models/m/1");
    const ScrapedMetrics s = scrape(metrics);
    QVERIFY2(s.ok(), s.error().c_str());
    QCOMPARE(s.typeOf(":tensorflow:serving:request_count"), MetricType::Counter);
    QCOMPARE(s.typeOf(":tensorflow:serving:request_latency"), MetricType::Histogram);
    QCOMPARE(s.typeOf(":tensorflow:serving:runtime_latency"), MetricType::Histogram);
    QCOMPARE(s.typeOf(":tensorflow:core:graph_runs"), MetricType::Counter);
    QCOMPARE(s.typeOf(":tensorflow:core:graph_run_time_usecs"), MetricType::Counter);
    QCOMPARE(s.typeOf(":tensorflow:core:session_created"), MetricType::Gauge);
    QCOMPARE(s.typeOf(":tensorflow:cc:saved_model:load_attempt_count"), MetricType::Counter);
    QCOMPARE(s.typeOf(":tensorflow:cc:saved_model:load_latency"), MetricType::Counter);
    QCOMPARE(s.typeOf("process_resident_memory_bytes"), MetricType::Gauge);
    QCOMPARE(s.typeOf("process_cpu_seconds_total"), MetricType::Counter);
    QCOMPARE(s.typeOf("model_predictions_total"), MetricType::Counter);
    QCOMPARE(s.typeOf("model_score_positive"), MetricType::Histogram);
    QCOMPARE(s.typeOf("model_score_negative"), MetricType::Histogram);
    QVERIFY(!s.anyHelp()); // TF Serving prints no HELP lines
    // The label sets TF Serving uses.
    QCOMPARE(s.count(":tensorflow:serving:request_latency_count",
                     {{"model_name", "m"}, {"API", "Predict"}, {"entrypoint", "REST"}}),
             1);
    QCOMPARE(s.count(":tensorflow:serving:runtime_latency_count",
                     {{"model_name", "m"}, {"API", "Predict"}, {"runtime", "TF1"}}),
             1);
    // OK exists at 0 before any request, so rate() has a series at once.
    QCOMPARE(s.count(":tensorflow:serving:request_count", {{"model_name", "m"}, {"status", "OK"}}), 1);
    QCOMPARE(s.sum(":tensorflow:serving:request_count"), 0.0);
}

void TestDemoMetrics::latencyBucketsAreTfServings()
{
    // As TF Serving prints them (shared/reference/metrics-samples/01_...).
    const std::vector<double> expected{
        10, 18, 32.4, 58.32, 104.976, 188.957, 340.122, 612.22, 1102, 1983.59, 3570.47,
        6426.84, 11568.3, 20823, 37481.3, 67466.4, 121440, 218591, 393464, 708235, 1.27482e+06,
        2.29468e+06, 4.13043e+06, 7.43477e+06, 1.33826e+07, 2.40887e+07, 4.33596e+07, 7.80473e+07, 1.40485e+08,
        2.52873e+08, 4.55172e+08, 8.19309e+08, 1.47476e+09};
    QCOMPARE(DemoMetrics::latencyBuckets(), expected);
    DemoMetrics metrics("m", "/models/m/1");
    const ScrapedMetrics s = scrape(metrics);
    QCOMPARE(s.bucketBounds(":tensorflow:serving:request_latency"), expected);
    QCOMPARE(s.bucketBounds(":tensorflow:serving:runtime_latency"), expected);
    QCOMPARE(s.bucketBounds("model_score_positive"),
             (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}));
}

void TestDemoMetrics::countsRequestsByStatus()
{
    DemoMetrics metrics("m", "/models/m/1");
    for (int i = 0; i < 5; ++i)
        metrics.recordRequest(RequestStatus::Ok);
    metrics.recordRequest(RequestStatus::Internal);
    metrics.recordRequest(RequestStatus::InvalidArgument);
    metrics.recordRequest(RequestStatus::InvalidArgument);
    const ScrapedMetrics s = scrape(metrics);
    QCOMPARE(s.sum(":tensorflow:serving:request_count", {{"status", "OK"}}), 5.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_count", {{"status", "INTERNAL"}}), 1.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_count", {{"status", "INVALID_ARGUMENT"}}), 2.0);
    QCOMPARE(s.count(":tensorflow:serving:request_count", {{"status", "NOT_FOUND"}}), 0);
}

void TestDemoMetrics::recordsLatencyInMicroseconds()
{
    DemoMetrics metrics("m", "/models/m/1");
    metrics.recordLatency(50.0, 20.0);
    metrics.recordLatency(650'000.0, 30.0);
    metrics.recordGraphRun(20.0);
    const ScrapedMetrics s = scrape(metrics);
    QCOMPARE(s.sum(":tensorflow:serving:request_latency_count"), 2.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_latency_sum"), 650'050.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_latency_bucket", {{"le", "58.32"}}), 1.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_latency_bucket", {{"le", "393464"}}), 1.0);
    QCOMPARE(s.sum(":tensorflow:serving:request_latency_bucket", {{"le", "708235"}}), 2.0);
    QCOMPARE(s.sum(":tensorflow:serving:runtime_latency_sum"), 50.0);
    QCOMPARE(s.sum(":tensorflow:core:graph_runs"), 1.0);
    QCOMPARE(s.sum(":tensorflow:core:graph_run_time_usecs"), 20.0);
}

void TestDemoMetrics::confusionAndScoreHistograms()
{
    DemoMetrics metrics("m", "/models/m/1");
    metrics.recordLabeled(1, 1, 0.95);
    metrics.recordLabeled(1, 0, 0.55);
    metrics.recordLabeled(0, 1, 0.05);
    metrics.recordLabeled(0, 0, 0.15);
    metrics.recordLabeled(0, 0, 0.25);
    const ScrapedMetrics s = scrape(metrics);
    QCOMPARE(s.count("model_predictions_total"), 4); // all four cells exist
    QCOMPARE(s.sum("model_predictions_total", {{"predicted", "1"}, {"actual", "1"}}), 1.0);
    QCOMPARE(s.sum("model_predictions_total", {{"predicted", "1"}, {"actual", "0"}}), 1.0);
    QCOMPARE(s.sum("model_predictions_total", {{"predicted", "0"}, {"actual", "1"}}), 1.0);
    QCOMPARE(s.sum("model_predictions_total", {{"predicted", "0"}, {"actual", "0"}}), 2.0);
    QCOMPARE(s.sum("model_score_positive_count"), 2.0);
    QCOMPARE(s.sum("model_score_positive_bucket", {{"le", "0.1"}}), 1.0);
    QCOMPARE(s.sum("model_score_positive_bucket", {{"le", "0.9"}}), 1.0);
    QCOMPARE(s.sum("model_score_positive_bucket", {{"le", "1"}}), 2.0);
    QCOMPARE(s.sum("model_score_negative_count"), 3.0);
    QCOMPARE(s.sum("model_score_negative_bucket", {{"le", "0.2"}}), 1.0);
    QCOMPARE(s.sum("model_score_negative_bucket", {{"le", "0.3"}}), 2.0);
    QCOMPARE(s.sum("model_score_negative_bucket", {{"le", "0.5"}}), 2.0);
    QCOMPARE(s.sum("model_score_negative_bucket", {{"le", "0.6"}}), 3.0);
}

void TestDemoMetrics::processAndFaultSeries()
{
    DemoMetrics metrics("m", "/models/m/1");
    metrics.recordModelLoad(1234.0);
    metrics.setFaultActive(QStringLiteral("latency"), true);
    metrics.setFaultActive(QStringLiteral("down"), false);
    metrics.setBallastBytes(4096);
    metrics.setLabelsPending(3);
    const ScrapedMetrics s = scrape(metrics);
    QVERIFY(s.sum("process_resident_memory_bytes") > 1'000'000.0);
    QVERIFY(s.sum("process_virtual_memory_bytes") >= s.sum("process_resident_memory_bytes"));
    QVERIFY(s.sum("process_start_time_seconds") > 1.5e9);
    QVERIFY(s.sum("process_open_fds") >= 3.0);
    QCOMPARE(s.sum(":tensorflow:cc:saved_model:load_attempt_count", {{"model_path", "/models/m/1"}, {"status", "success"}}),
             1.0);
    QCOMPARE(s.sum(":tensorflow:cc:saved_model:load_latency"), 1234.0);
    QCOMPARE(s.sum(":tensorflow:core:session_created"), 1.0);
    QCOMPARE(s.sum("modelwatch_demo_fault_active", {{"fault", "latency"}}), 1.0);
    QCOMPARE(s.sum("modelwatch_demo_fault_active", {{"fault", "down"}}), 0.0);
    QCOMPARE(s.sum("modelwatch_demo_ballast_bytes"), 4096.0);
    QCOMPARE(s.sum("model_labels_pending", {{"model_name", "m"}}), 3.0);
}

QTEST_GUILESS_MAIN(TestDemoMetrics)
#include "tst_demo_metrics.moc"
