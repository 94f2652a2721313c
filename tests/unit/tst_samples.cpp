// Every real-format payload in tests/data/samples parses with the right
// families, types and values. Counts were checked independently with grep
// (sample lines = non-comment, non-blank lines; families = TYPE lines).

#include "TestPayloads.h"

#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::expo;
using mw::test::findFamily;
using mw::test::findSample;
using mw::test::parseTestFile;

class TestSamples : public QObject
{
    Q_OBJECT

private slots:
    void counts_data();
    void counts();
    void samplesAreContiguousPerFamily_data() { counts_data(); }
    void samplesAreContiguousPerFamily();
    void tfServing();
    void triton();
    void torchServe();
    void vllm();
    void tgi();
    void llamaCpp();
    void pythonClient();
    void openMetrics();
};

void TestSamples::counts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("openMetrics");
    QTest::addColumn<int>("families");
    QTest::addColumn<int>("samples");
    QTest::addColumn<int>("helps");
    QTest::newRow("tfserving") << "samples/01_tfserving_monitoring_prometheus_metrics.txt" << false << 15 << 228 << 0;
    QTest::newRow("triton") << "samples/02_triton_8002_metrics.txt" << false << 24 << 87 << 24;
    QTest::newRow("torchserve") << "samples/03_torchserve_8082_metrics.txt" << false << 21 << 27 << 21;
    QTest::newRow("vllm") << "samples/04_vllm_v1_metrics.txt" << false << 40 << 175 << 40;
    QTest::newRow("tgi") << "samples/05_tgi_router_metrics.txt" << false << 11 << 206 << 4;
    QTest::newRow("llamacpp") << "samples/06_llamacpp_server_metrics.txt" << false << 10 << 10 << 10;
    QTest::newRow("python") << "samples/07_python_prometheus_client_process.txt" << false << 21 << 66 << 21;
    QTest::newRow("openmetrics") << "samples/08_openmetrics_1_0_exemplars.txt" << true << 9 << 41 << 7;
}

void TestSamples::counts()
{
    QFETCH(QString, file);
    QFETCH(bool, openMetrics);
    QFETCH(int, families);
    QFETCH(int, samples);
    QFETCH(int, helps);
    const auto p = parseTestFile(file, openMetrics ? Format::OpenMetrics : Format::PrometheusText);
    QVERIFY2(!p->bytes.empty(), qPrintable(file));
    QVERIFY2(p->result.ok(), p->result.error ? p->result.error->toString().c_str() : "");
    QCOMPARE(int(p->result.families.size()), families);
    QCOMPARE(int(p->result.samples.size()), samples);
    int withHelp = 0;
    for (const auto &f : p->result.families)
        withHelp += f.hasHelp;
    QCOMPARE(withHelp, helps);
    // The format is recognised from the content too.
    QCOMPARE(guessFormat(p->bytes), openMetrics ? Format::OpenMetrics : Format::PrometheusText);
}

void TestSamples::samplesAreContiguousPerFamily()
{
    QFETCH(QString, file);
    QFETCH(bool, openMetrics);
    const auto p = parseTestFile(file, openMetrics ? Format::OpenMetrics : Format::PrometheusText);
    QVERIFY(p->result.ok());
    uint32_t total = 0;
    for (uint32_t fi = 0; fi < p->result.families.size(); ++fi) {
        const MetricFamily &f = p->result.families[fi];
        total += f.sampleCount;
        for (uint32_t i = f.sampleBegin; i < f.sampleBegin + f.sampleCount; ++i) {
            QCOMPARE(p->result.samples[i].family, fi);
            QVERIFY(p->result.samples[i].name.starts_with(f.name));
        }
    }
    QCOMPARE(total, uint32_t(p->result.samples.size()));
}

void TestSamples::tfServing()
{
    const auto p = parseTestFile(QStringLiteral("samples/01_tfserving_monitoring_prometheus_metrics.txt"),
                                 Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    // A TYPE line with no samples is still a family.
    const MetricFamily *fake = findFamily(r, ":tensorflow:api:op:using_fake_quantization");
    QVERIFY(fake);
    QCOMPARE(fake->type, MetricType::Counter);
    QCOMPARE(fake->sampleCount, 0u);
    QVERIFY(!fake->hasHelp);
    // name{} with a leading colon and no labels.
    const Sample *runs = findSample(r, ":tensorflow:core:graph_runs");
    QVERIFY(runs);
    QCOMPARE(runs->labelCount, 0u);
    QCOMPARE(runs->value, 21558640.0);
    QCOMPARE(runs->seriesText, std::string_view(":tensorflow:core:graph_runs{}"));
    QCOMPARE(runs->line, 11u);
    const MetricFamily *latency = findFamily(r, ":tensorflow:serving:request_latency");
    QVERIFY(latency);
    QCOMPARE(latency->type, MetricType::Histogram);
    const Sample *bucket = findSample(r, ":tensorflow:serving:request_latency_bucket",
                                      {{"entrypoint", "REST"}, {"le", "1.27482e+06"}, {"model_name", "resnet"}});
    QVERIFY(bucket);
    QCOMPARE(bucket->value, 3512.0);
    QCOMPARE(r.families[bucket->family].name, std::string_view(":tensorflow:serving:request_latency"));
    const Sample *ok = findSample(r, ":tensorflow:serving:request_count", {{"model_name", "resnet"}, {"status", "OK"}});
    QVERIFY(ok);
    QCOMPARE(ok->value, 3895.0);
}

void TestSamples::triton()
{
    const auto p = parseTestFile(QStringLiteral("samples/02_triton_8002_metrics.txt"), Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    const Sample *nanQuantile = findSample(r, "nv_inference_queue_summary_us",
                                           {{"model", "ensemble_llm"}, {"quantile", "0.5"}});
    QVERIFY(nanQuantile);
    QVERIFY(std::isnan(nanQuantile->value)); // prometheus-cpp writes "Nan"
    const MetricFamily *summary = findFamily(r, "nv_inference_queue_summary_us");
    QVERIFY(summary);
    QCOMPARE(summary->type, MetricType::Summary);
    // _count and _sum come before the quantiles and still belong to the family.
    QCOMPARE(r.samples[summary->sampleBegin].name, std::string_view("nv_inference_queue_summary_us_count"));
    const Sample *success = findSample(r, "nv_inference_request_success", {{"model", "text_encoder"}});
    QVERIFY(success);
    QCOMPARE(success->value, 9811.0);
    const MetricFamily *fam = findFamily(r, "nv_inference_request_success");
    QCOMPARE(fam->help, std::string_view("Number of successful inference requests, all batch sizes"));
}

void TestSamples::torchServe()
{
    const auto p = parseTestFile(QStringLiteral("samples/03_torchserve_8082_metrics.txt"), Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    // Trailing comma in every label set; an escaped quote inside a value.
    const Sample *tiny = findSample(r, "ts_inference_requests_total", {{"model_name", "bert \"tiny\""}});
    QVERIFY(tiny);
    QCOMPARE(tiny->value, 17.0);
    QCOMPARE(tiny->labelCount, 3u);
    // Java's Double.toString with a capital E.
    const Sample *latency = findSample(r, "ts_inference_latency_microseconds", {{"model_name", "resnet18"}});
    QVERIFY(latency);
    QCOMPARE(latency->value, 4013298134.0);
    const Sample *queue = findSample(r, "ts_queue_latency_microseconds", {{"model_name", "resnet18"}});
    QVERIFY(queue);
    QCOMPARE(queue->value, 18823641.0);
    const MetricFamily *disk = findFamily(r, "DiskUsage");
    QVERIFY(disk);
    QCOMPARE(disk->help, std::string_view("Torchserve prometheus gauge metric with unit: Gigabytes"));
}

void TestSamples::vllm()
{
    const auto p = parseTestFile(QStringLiteral("samples/04_vllm_v1_metrics.txt"), Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    const MetricFamily *created = findFamily(r, "vllm:prefix_cache_queries_created");
    QVERIFY(created); // client_python puts _created in its own gauge family
    QCOMPARE(created->type, MetricType::Gauge);
    QCOMPARE(created->sampleCount, 1u);
    QCOMPARE(r.samples[created->sampleBegin].value, 1.7559174123456e+09);
    const Sample *queries = findSample(r, "vllm:prefix_cache_queries_total");
    QVERIFY(queries);
    QCOMPARE(queries->value, 4390112.0);
    QCOMPARE(r.labelValue(*queries, "model_name").value(), std::string_view("meta-llama/Llama-3.1-8B-Instruct"));
    const Sample *cache = findSample(r, "vllm:kv_cache_usage_perc");
    QVERIFY(cache);
    QCOMPARE(cache->value, 0.4213362068965517);
    QCOMPARE(findFamily(r, "vllm:time_to_first_token_seconds")->type, MetricType::Histogram);
}

void TestSamples::tgi()
{
    const auto p = parseTestFile(QStringLiteral("samples/05_tgi_router_metrics.txt"), Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    const Sample *count = findSample(r, "tgi_request_count");
    QVERIFY(count); // a counter without _total
    QCOMPARE(count->value, 5121.0);
    QCOMPARE(findFamily(r, "tgi_request_count")->type, MetricType::Counter);
    const Sample *bucket = findSample(r, "tgi_request_duration_bucket", {{"le", "0.49878850951194753"}});
    QVERIFY(bucket);
    QCOMPARE(bucket->value, 6.0);
    const MetricFamily *skipped = findFamily(r, "tgi_request_skipped_tokens");
    QVERIFY(skipped);
    QCOMPARE(skipped->type, MetricType::Summary);
    const Sample *q999 = findSample(r, "tgi_request_skipped_tokens", {{"quantile", "0.999"}});
    QVERIFY(q999);
    QCOMPARE(q999->value, 4.0);
}

void TestSamples::llamaCpp()
{
    const auto p = parseTestFile(QStringLiteral("samples/06_llamacpp_server_metrics.txt"), Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    const Sample *prompt = findSample(r, "llamacpp:prompt_tokens_total");
    QVERIFY(prompt);
    QCOMPARE(prompt->value, 1234570.0); // 6 significant digits: 1.23457e+06
    QCOMPARE(prompt->labelCount, 0u);
    QCOMPARE(findSample(r, "llamacpp:predicted_tokens_seconds")->value, 43.3482);
}

void TestSamples::pythonClient()
{
    const auto p = parseTestFile(QStringLiteral("samples/07_python_prometheus_client_process.txt"),
                                 Format::PrometheusText);
    const ParseResult &r = p->result;
    QVERIFY(r.ok());
    const MetricFamily *gpu = findFamily(r, "gpu_memory_used_bytes");
    QVERIFY(gpu);
    // Only \\ and \n are escapes in Prometheus text HELP.
    QCOMPARE(gpu->help, std::string_view("GPU memory in use (nvidia-smi).\nPath: C:\\nvml\\nvml.dll"));
    const Sample *rss = findSample(r, "process_resident_memory_bytes");
    QVERIFY(rss);
    QCOMPARE(rss->value, 412536832.0);
    const Sample *empty = findSample(r, "model_infer_request_duration_created", {{"version", ""}});
    QVERIFY(empty); // an empty label value is a value
    QCOMPARE(empty->value, 1755917399.512);
}

void TestSamples::openMetrics()
{
    const auto p = parseTestFile(QStringLiteral("samples/08_openmetrics_1_0_exemplars.txt"), Format::OpenMetrics);
    const ParseResult &r = p->result;
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    QCOMPARE(r.format, Format::OpenMetrics);

    const MetricFamily *requests = findFamily(r, "inference_requests");
    QVERIFY(requests);
    QCOMPARE(requests->type, MetricType::Counter);
    QCOMPARE(requests->sampleCount, 6u); // _total and _created in one family
    const Sample *ok = findSample(r, "inference_requests_total", {{"model", "resnet50"}, {"outcome", "ok"}});
    QVERIFY(ok);
    QCOMPARE(ok->value, 48213.0);
    QVERIFY(ok->exemplar >= 0);
    const Exemplar &ex = r.exemplars[size_t(ok->exemplar)];
    QCOMPARE(ex.value, 1.0);
    QVERIFY(ex.hasTimestamp);
    QCOMPARE(ex.timestamp, 1755917811.045);
    QCOMPARE(ex.labelCount, 1u);
    QCOMPARE(r.labels[ex.labelBegin].value, std::string_view("4bf92f3577b34da6a3ce929d0e0e4736"));

    const MetricFamily *latency = findFamily(r, "inference_latency_seconds");
    QVERIFY(latency);
    QCOMPARE(latency->type, MetricType::Histogram);
    QCOMPARE(latency->unit, std::string_view("seconds"));
    const Sample *empty = findSample(r, "inference_latency_seconds_bucket", {{"le", "0.25"}});
    QVERIFY(empty && empty->exemplar >= 0);
    QCOMPARE(r.exemplars[size_t(empty->exemplar)].labelCount, 0u); // "# {} 0.2021"
    QCOMPARE(r.exemplars[size_t(empty->exemplar)].value, 0.2021);
    QVERIFY(!r.exemplars[size_t(empty->exemplar)].hasTimestamp);

    const MetricFamily *gpu = findFamily(r, "gpu_memory_used_bytes");
    QVERIFY(gpu);
    QCOMPARE(gpu->help, std::string_view("GPU memory in use \"per device\".\nSampled via NVML."));
    const Sample *withTs = findSample(r, "gpu_memory_used_bytes", {{"gpu", "1"}});
    QVERIFY(withTs && withTs->hasTimestamp);
    QCOMPARE(withTs->timestampMs, int64_t(1755917811000));

    QCOMPARE(findFamily(r, "batch_size_inflight")->type, MetricType::GaugeHistogram);
    QCOMPARE(findSample(r, "batch_size_inflight_gsum")->value, 41.0);
    const MetricFamily *info = findFamily(r, "model_server");
    QVERIFY(info);
    QCOMPARE(info->type, MetricType::Info);
    QCOMPARE(r.labelValue(*findSample(r, "model_server_info"), "version").value(), std::string_view("1.14.2"));
    QCOMPARE(findFamily(r, "model_state")->type, MetricType::StateSet);
    QCOMPARE(findFamily(r, "model_state")->sampleCount, 6u);
    QCOMPARE(findFamily(r, "scheduler_mode")->type, MetricType::Untyped);
    QCOMPARE(metricTypeName(MetricType::Untyped, Format::OpenMetrics), std::string_view("unknown"));
    QCOMPARE(findSample(r, "dropped_connections_total")->value, 0.0);
}

QTEST_GUILESS_MAIN(TestSamples)
#include "tst_samples.moc"
