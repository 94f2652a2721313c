// Server detection and preset dashboards against every real-format payload in
// tests/data/samples (and a node_exporter fixture in tests/data/presets): the
// exact kind, and panels whose metric and label names all exist in the payload.

#include "TestPayloads.h"

#include "presets/Detector.h"
#include "presets/ExprReferences.h"
#include "presets/PresetBuilder.h"

#include <QDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

#include <algorithm>
#include <set>

using namespace mw;
using namespace mw::presets;
using mw::test::parseTestFile;

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QStringList toList(const std::vector<std::string> &v)
{
    QStringList out;
    for (const std::string &s : v)
        out << qs(s);
    return out;
}

QStringList collectorIds(const Detection &d)
{
    QStringList out;
    for (const CollectorMatch &m : d.collectors)
        out << qs(collectorId(m.collector));
    return out;
}

/// The PromQL subset the local engine evaluates (functions and aggregations).
const std::set<std::string> &supportedFunctions()
{
    static const std::set<std::string> kSet{
        "rate", "irate", "increase", "delta", "avg_over_time", "min_over_time", "max_over_time",
        "sum_over_time", "count_over_time", "last_over_time", "histogram_quantile", "sum", "avg", "min",
        "max", "count", "topk", "bottomk", "abs", "clamp_min", "clamp_max", "round", "scalar", "vector", "time"};
    return kSet;
}

/// `{{label}}` placeholders of a legend.
std::vector<std::string> legendLabels(const std::string &legend)
{
    std::vector<std::string> out;
    for (std::size_t at = legend.find("{{"); at != std::string::npos; at = legend.find("{{", at + 2)) {
        const std::size_t end = legend.find("}}", at);
        if (end == std::string::npos)
            break;
        out.push_back(legend.substr(at + 2, end - at - 2));
    }
    return out;
}

struct Built
{
    std::unique_ptr<test::OwnedParse> parsed;
    Detection detection;
    Dashboard dashboard;
};

Built buildFor(const QString &file)
{
    Built b;
    const std::string bytes = test::readTestFile(file);
    b.parsed = parseTestFile(file, expo::guessFormat(bytes));
    b.detection = Detector::detect(b.parsed->result);
    b.dashboard = PresetBuilder::build(b.detection, MetricNameSet::fromPayload(b.parsed->result));
    return b;
}

const Panel *findPanel(const Dashboard &d, const QString &title)
{
    const auto it = std::find_if(d.panels.begin(), d.panels.end(),
                                 [&title](const Panel &p) { return qs(p.title) == title; });
    return it == d.panels.end() ? nullptr : &*it;
}

} // namespace

class TestPresets : public QObject
{
    Q_OBJECT

private slots:
    void tableCoversEverySample();
    void detectsEverySample_data();
    void detectsEverySample();
    void panelNamesExistInPayload_data() { detectsEverySample_data(); }
    void panelNamesExistInPayload();
    void everyPresetUsesTheSubset();
    void unitsPerPanel_data();
    void unitsPerPanel();
    void optionalPanelsNeedTheirMetrics();
    void detectsFromPrometheusNameList();
    void typeLinesAreEvidenceButNotSeries();
    void nothingRecognised();
    void twoServersLowerConfidence();
};

// The payloads of the detection table, which must be every file the samples folder holds.
constexpr const char *kSampleFiles[] = {
    "01_tfserving_monitoring_prometheus_metrics.txt", "02_triton_8002_metrics.txt",
    "03_torchserve_8082_metrics.txt",                 "04_vllm_v1_metrics.txt",
    "05_tgi_router_metrics.txt",                      "06_llamacpp_server_metrics.txt",
    "07_python_prometheus_client_process.txt",        "08_openmetrics_1_0_exemplars.txt",
};

void TestPresets::tableCoversEverySample()
{
    const QStringList files = QDir(QStringLiteral(MW_TEST_DATA_DIR "/samples")).entryList(QDir::Files, QDir::Name);
    QStringList inTable;
    for (const char *f : kSampleFiles)
        inTable << QString::fromLatin1(f);
    QCOMPARE(files, inTable);
}

void TestPresets::detectsEverySample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("collectors");
    QTest::addColumn<QString>("keyEvidence");
    QTest::addColumn<QStringList>("droppedPanels");
    QTest::addColumn<int>("panels");
    auto sample = [](int i) -> QString { return QStringLiteral("samples/") + QString::fromLatin1(kSampleFiles[i]); };
    QTest::newRow("tfserving") << sample(0) << u"tfserving"_s << QStringList{} << u":tensorflow:serving:request_latency"_s
                               << QStringList{} << 7;
    QTest::newRow("triton") << sample(1) << u"triton"_s << QStringList{} << u"nv_inference_request_success"_s
                            << QStringList{} << 13;
    QTest::newRow("torchserve") << sample(2) << u"torchserve"_s << QStringList{} << u"ts_inference_requests_total"_s
                                << QStringList{} << 9;
    QTest::newRow("vllm") << sample(3) << u"vllm"_s << QStringList{u"process"_s, u"python"_s}
                          << u"vllm:e2e_request_latency_seconds"_s << QStringList{} << 12 + 3 + 1;
    QTest::newRow("tgi") << sample(4) << u"tgi"_s << QStringList{} << u"tgi_request_duration"_s
                         << QStringList{u"Generated tokens/s"_s} << 9;
    QTest::newRow("llamacpp") << sample(5) << u"llamacpp"_s << QStringList{} << u"llamacpp:tokens_predicted_total"_s
                              << QStringList{} << 6;
    QTest::newRow("python") << sample(6) << u"unknown"_s << QStringList{u"process"_s, u"python"_s} << u""_s << QStringList{}
                            << 3 + 1;
    QTest::newRow("openmetrics") << sample(7) << u"unknown"_s << QStringList{} << u""_s << QStringList{} << 0;
    QTest::newRow("node_exporter") << u"presets/node_exporter_1.8_metrics.txt"_s << u"unknown"_s
                                   << QStringList{u"process"_s, u"go"_s, u"node"_s} << u""_s << QStringList{} << 5 + 3 + 3;
}

void TestPresets::detectsEverySample()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QStringList, collectors);
    QFETCH(QString, keyEvidence);
    const Built b = buildFor(file);
    QVERIFY2(!b.parsed->bytes.empty(), qPrintable(file));
    QVERIFY2(b.parsed->result.ok(), b.parsed->result.error ? b.parsed->result.error->toString().c_str() : "");
    QCOMPARE(qs(serverKindId(b.detection.kind)), kind);
    QCOMPARE(collectorIds(b.detection), collectors);
    if (kind == u"unknown") {
        QCOMPARE(b.detection.confidence, 0.0);
        QVERIFY(b.detection.evidence.empty());
    } else {
        QVERIFY2(b.detection.evidence.size() >= 3, qPrintable(toList(b.detection.evidence).join(u',')));
        QVERIFY2(toList(b.detection.evidence).contains(keyEvidence),
                 qPrintable(toList(b.detection.evidence).join(u',')));
        // A payload of one server only: nothing else competes.
        QCOMPARE(b.detection.candidates.size(), std::size_t{1});
        QCOMPARE(b.detection.confidence, 1.0);
        QCOMPARE(b.detection.score, b.detection.candidates.front().score);
    }
    // The same names as a Prometheus server would list them give the same answer.
    const Detection fromNames = Detector::detect(MetricNameSet::fromPayload(b.parsed->result));
    QCOMPARE(qs(serverKindId(fromNames.kind)), kind);
    QCOMPARE(collectorIds(fromNames), collectors);
}

// Every metric an expression selects, every label it groups or matches on and
// every label its legend shows exists in the payload the dashboard was built
// for: no panel is born empty. Optional panels are dropped only as listed.
void TestPresets::panelNamesExistInPayload()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QStringList, droppedPanels);
    QFETCH(int, panels);
    const Built b = buildFor(file);
    QVERIFY(b.parsed->result.ok());
    const expo::ParseResult &r = b.parsed->result;
    QCOMPARE(int(b.dashboard.panels.size()), panels);
    QCOMPARE(qs(serverKindId(b.dashboard.server)), kind);

    for (const Panel &panel : b.dashboard.panels) {
        QVERIFY2(!panel.queries.empty(), panel.title.c_str());
        QVERIFY2(!droppedPanels.contains(qs(panel.title)), panel.title.c_str());
        for (const PanelQuery &q : panel.queries) {
            const ExprReferences refs = ExprReferences::scan(q.expr);
            const std::string where = panel.title + ": " + q.expr;
            QVERIFY2(refs.error.empty(), (where + " — " + refs.error).c_str());
            QVERIFY2(!refs.metrics.empty(), where.c_str());
            std::set<std::string_view> labelsSeen;
            for (const std::string &metric : refs.metrics) {
                bool found = false;
                for (const expo::Sample &s : r.samples) {
                    if (s.name != metric)
                        continue;
                    found = true;
                    for (auto l = r.labelsBegin(s); l != r.labelsEnd(s); ++l)
                        labelsSeen.insert(l->name);
                }
                QVERIFY2(found, (where + " — no sample named " + metric).c_str());
            }
            std::vector<std::string> labels = refs.labels;
            const std::vector<std::string> shown = legendLabels(q.legend);
            labels.insert(labels.end(), shown.begin(), shown.end());
            for (const std::string &label : labels)
                QVERIFY2(labelsSeen.count(label), (where + " — no label " + label).c_str());
        }
    }
    // The dropped ones are exactly the optional panels that name absent metrics.
    QStringList dropped;
    std::vector<PresetPanel> all = PresetBuilder::panels(b.detection.kind);
    for (const CollectorMatch &m : b.detection.collectors) {
        const std::vector<PresetPanel> more = PresetBuilder::panels(m.collector);
        all.insert(all.end(), more.begin(), more.end());
    }
    for (const PresetPanel &p : all) {
        if (!findPanel(b.dashboard, qs(p.panel.title)))
            dropped << qs(p.panel.title);
    }
    QCOMPARE(dropped, droppedPanels);
}

// Over every preset, whether or not a sample exercises it: only functions of
// the local engine's subset, and lexically sound expressions.
void TestPresets::everyPresetUsesTheSubset()
{
    std::vector<PresetPanel> all;
    for (ServerKind kind : kAllServerKinds) {
        const std::vector<PresetPanel> p = PresetBuilder::panels(kind);
        QVERIFY2(p.size() >= 5, serverKindId(kind).data());
        all.insert(all.end(), p.begin(), p.end());
    }
    for (Collector c : kAllCollectors) {
        const std::vector<PresetPanel> p = PresetBuilder::panels(c);
        QVERIFY(!p.empty());
        all.insert(all.end(), p.begin(), p.end());
    }
    for (const PresetPanel &p : all) {
        QVERIFY(!p.panel.title.empty());
        QVERIFY(!p.panel.queries.empty());
        for (const PanelQuery &q : p.panel.queries) {
            const ExprReferences refs = ExprReferences::scan(q.expr);
            QVERIFY2(refs.error.empty(), (q.expr + " — " + refs.error).c_str());
            for (const std::string &f : refs.functions)
                QVERIFY2(supportedFunctions().count(f), (q.expr + " — unsupported " + f).c_str());
            // Rates use the one window the panels document.
            for (std::size_t at = q.expr.find('['); at != std::string::npos; at = q.expr.find('[', at + 1))
                QCOMPARE(q.expr.substr(at, 4), std::string(preset::kRateWindow));
            QVERIFY2(!q.legend.empty(), q.expr.c_str());
        }
    }
}

void TestPresets::unitsPerPanel_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("unit");
    const QString tf = QStringLiteral("samples/01_tfserving_monitoring_prometheus_metrics.txt");
    const QString triton = QStringLiteral("samples/02_triton_8002_metrics.txt");
    const QString ts = QStringLiteral("samples/03_torchserve_8082_metrics.txt");
    const QString vllm = QStringLiteral("samples/04_vllm_v1_metrics.txt");
    const QString tgi = QStringLiteral("samples/05_tgi_router_metrics.txt");
    const QString llama = QStringLiteral("samples/06_llamacpp_server_metrics.txt");
    const QString node = QStringLiteral("presets/node_exporter_1.8_metrics.txt");
    QTest::newRow("tf requests") << tf << u"Requests/s"_s << u"requests_per_second"_s;
    QTest::newRow("tf errors") << tf << u"Error rate"_s << u"ratio"_s;
    QTest::newRow("tf latency µs") << tf << u"Request latency p50/p95/p99"_s << u"microseconds"_s;
    QTest::newRow("tf queue µs") << tf << u"Batch queue time p50/p95/p99"_s << u"microseconds"_s;
    QTest::newRow("tf batch") << tf << u"Batch size"_s << u"count"_s;
    QTest::newRow("triton mean µs") << triton << u"Mean request latency"_s << u"microseconds"_s;
    QTest::newRow("triton queue µs") << triton << u"Queue time (mean per request)"_s << u"microseconds"_s;
    QTest::newRow("triton first response ms") << triton << u"Time to first response p50/p95/p99"_s << u"milliseconds"_s;
    QTest::newRow("triton batch") << triton << u"Batch size"_s << u"count"_s;
    QTest::newRow("triton gpu memory") << triton << u"GPU memory"_s << u"bytes"_s;
    QTest::newRow("triton gpu util 0-1") << triton << u"GPU utilization"_s << u"ratio"_s;
    QTest::newRow("triton power") << triton << u"GPU power"_s << u"watts"_s;
    QTest::newRow("ts mean µs") << ts << u"Mean inference latency"_s << u"microseconds"_s;
    QTest::newRow("ts handler ms") << ts << u"Handler and prediction time (last)"_s << u"milliseconds"_s;
    QTest::newRow("ts memory MiB to bytes") << ts << u"Host memory"_s << u"bytes"_s;
    QTest::newRow("ts gpu util %") << ts << u"GPU utilization"_s << u"percent"_s;
    QTest::newRow("vllm e2e s") << vllm << u"End-to-end latency p50/p95/p99"_s << u"seconds"_s;
    QTest::newRow("vllm ttft s") << vllm << u"Time to first token p50/p95/p99"_s << u"seconds"_s;
    QTest::newRow("vllm tokens") << vllm << u"Tokens/s"_s << u"tokens_per_second"_s;
    QTest::newRow("vllm kv") << vllm << u"KV-cache usage"_s << u"ratio"_s;
    QTest::newRow("vllm rss") << vllm << u"Resident memory (RSS)"_s << u"bytes"_s;
    QTest::newRow("vllm cpu") << vllm << u"CPU"_s << u"cores"_s;
    QTest::newRow("tgi queue s") << tgi << u"Queue time p50/p95/p99"_s << u"seconds"_s;
    QTest::newRow("tgi tokens") << tgi << u"Tokens/s per request"_s << u"tokens_per_second"_s;
    QTest::newRow("tgi batch") << tgi << u"Batch size and queue"_s << u"count"_s;
    QTest::newRow("llama tokens") << llama << u"Tokens/s"_s << u"tokens_per_second"_s;
    QTest::newRow("llama per token s") << llama << u"Time per generated token"_s << u"seconds"_s;
    QTest::newRow("node network") << node << u"Network"_s << u"bytes_per_second"_s;
    QTest::newRow("node memory") << node << u"Host memory"_s << u"bytes"_s;
}

void TestPresets::unitsPerPanel()
{
    QFETCH(QString, file);
    QFETCH(QString, title);
    QFETCH(QString, unit);
    const Built b = buildFor(file);
    const Panel *panel = findPanel(b.dashboard, title);
    QVERIFY2(panel, qPrintable(title));
    QCOMPARE(qs(unitId(panel->unit)), unit);
}

void TestPresets::optionalPanelsNeedTheirMetrics()
{
    // A TF Serving without batching: the batching panels go, the core ones stay.
    const MetricNameSet names({":tensorflow:serving:request_count", ":tensorflow:serving:request_latency_bucket",
                               ":tensorflow:serving:request_latency_sum", ":tensorflow:serving:request_latency_count"});
    const Detection d = Detector::detect(names);
    QCOMPARE(d.kind, ServerKind::TensorFlowServing);
    const Dashboard dash = PresetBuilder::build(d, names);
    QStringList titles;
    for (const Panel &p : dash.panels)
        titles << qs(p.title);
    QCOMPARE(titles, (QStringList{u"Requests/s"_s, u"Error rate"_s, u"Request latency p50/p95/p99"_s, u"Mean request latency"_s}));
    // Core panels stay even when their metrics are missing (a server with no traffic yet).
    const Dashboard empty = PresetBuilder::build(d, MetricNameSet{});
    QCOMPARE(int(empty.panels.size()), 4);
    QVERIFY(PresetBuilder::hasAllMetrics(dash.panels[1], names));
    QVERIFY(!PresetBuilder::hasAllMetrics(dash.panels[1], MetricNameSet({":tensorflow:serving:request_latency_sum"})));
}

void TestPresets::detectsFromPrometheusNameList()
{
    // As /api/v1/label/__name__/values lists them: suffixed series names only.
    const MetricNameSet names({"vllm:e2e_request_latency_seconds_bucket", "vllm:e2e_request_latency_seconds_count",
                               "vllm:e2e_request_latency_seconds_sum", "vllm:num_requests_running",
                               "vllm:generation_tokens_total", "process_resident_memory_bytes", "up"});
    const Detection d = Detector::detect(names);
    QCOMPARE(d.kind, ServerKind::Vllm);
    QCOMPARE(toList(d.evidence), (QStringList{u"vllm:e2e_request_latency_seconds"_s, u"vllm:generation_tokens_total"_s,
                                              u"vllm:num_requests_running"_s}));
    QCOMPARE(d.score, 9);
    QCOMPARE(collectorIds(d), QStringList{u"process"_s});
}

void TestPresets::typeLinesAreEvidenceButNotSeries()
{
    // A TF Serving that has served nothing yet prints TYPE lines without samples.
    const std::string payload = "# TYPE :tensorflow:serving:request_count counter\n"
                                "# TYPE :tensorflow:serving:request_latency histogram\n"
                                "# TYPE :tensorflow:serving:batching_session:queuing_latency histogram\n";
    const expo::ParseResult r = expo::parse(payload, expo::Format::PrometheusText);
    QVERIFY(r.ok());
    QVERIFY(MetricNameSet::fromPayload(r).empty());
    const MetricNameSet declared = MetricNameSet::declaredIn(r);
    QVERIFY(declared.contains(":tensorflow:serving:request_latency_bucket"));
    QVERIFY(declared.contains(":tensorflow:serving:request_latency_count"));
    const Detection d = Detector::detect(r);
    QCOMPARE(d.kind, ServerKind::TensorFlowServing);
    QCOMPARE(Detector::detect(MetricNameSet::fromPayload(r)).kind, ServerKind::Unknown);
    // Optional panels need series, not TYPE lines: only the core panels.
    QCOMPARE(int(PresetBuilder::build(d, MetricNameSet::fromPayload(r)).panels.size()), 4);

    // An OpenMetrics counter family is stored as name_total only.
    const std::string om = "# TYPE tokens counter\n# EOF\n";
    const expo::ParseResult o = expo::parse(om, expo::Format::OpenMetrics);
    QVERIFY(o.ok());
    QCOMPARE(toList(MetricNameSet::declaredIn(o).names()), QStringList{u"tokens_total"_s});
}

void TestPresets::nothingRecognised()
{
    const Detection none = Detector::detect(MetricNameSet{});
    QCOMPARE(none.kind, ServerKind::Unknown);
    QVERIFY(none.candidates.empty());
    QVERIFY(none.collectors.empty());
    QVERIFY(PresetBuilder::build(none, MetricNameSet{}).panels.empty());
    // One suggestive name is not enough (Triton's GPU gauges score 1).
    const Detection hint = Detector::detect(MetricNameSet({"nv_gpu_utilization"}));
    QCOMPARE(hint.kind, ServerKind::Unknown);
    QCOMPARE(hint.candidates.size(), std::size_t{1});
    QCOMPARE(hint.candidates.front().kind, ServerKind::Triton);
    QCOMPARE(hint.candidates.front().score, 1);
    QCOMPARE(hint.confidence, 0.0);
}

void TestPresets::twoServersLowerConfidence()
{
    // Triton's vLLM backend exports nv_* and vllm:* families side by side.
    const MetricNameSet names({"nv_inference_request_success", "nv_inference_request_failure", "nv_inference_count",
                               "vllm:num_requests_running", "vllm:generation_tokens_total"});
    const Detection d = Detector::detect(names);
    QCOMPARE(d.kind, ServerKind::Triton);
    QCOMPARE(d.candidates.size(), std::size_t{2});
    QCOMPARE(d.candidates[1].kind, ServerKind::Vllm);
    QVERIFY2(d.confidence > 0.5 && d.confidence < 0.7, qPrintable(QString::number(d.confidence)));
}

QTEST_GUILESS_MAIN(TestPresets)
#include "tst_presets.moc"
