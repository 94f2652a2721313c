// Grafana import on hand-written dashboards in Grafana's own export shape:
// a node-exporter-style one (rows, graph panels, legacy thresholds and
// alerts), a vLLM one (timeseries/stat/gauge, query and custom variables) and
// one full of what cannot come over. Each checks the converted panels'
// queries, units, thresholds, grid, variables and the exact report.

#include "dashboard/DocumentJson.h"
#include "dashboard/GrafanaImport.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw::dashboard;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

GrafanaImport importFixture(const char *name)
{
    QFile file(QStringLiteral(MW_TEST_DATA_DIR "/grafana/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray b = file.readAll();
    return importGrafanaText(std::string_view(b.constData(), std::size_t(b.size())));
}

QStringList report(const GrafanaImport &r)
{
    QStringList out;
    for (const NotCarried &n : r.notCarried)
        out << q(n.toString());
    return out;
}

const Panel *byTitle(const Document &d, const char *title)
{
    for (const Panel &p : d.panels)
        if (p.title == title)
            return &p;
    return nullptr;
}

} // namespace

class TestGrafanaImport : public QObject
{
    Q_OBJECT

private slots:
    void nodeExporterRowsAndGraphs();
    void vllmTimeseriesStatGauge();
    void unsupportedPartsAreReported();
    void resultRoundTrips_data();
    void resultRoundTrips();
    void refuses_data();
    void refuses();
};

void TestGrafanaImport::nodeExporterRowsAndGraphs()
{
    const GrafanaImport r = importFixture("node_exporter_rows.json");
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    const Document &d = *r.document;
    QCOMPARE(q(d.title), u"Node Exporter Full"_s);
    QCOMPARE(q(d.uid), u"rYdddlPWk"_s);
    QCOMPARE(d.time, (TimeRange{"now-24h", "now"}));
    QCOMPARE(d.refresh, Refresh::OneMinute);
    // Both rows' headers go; the collapsed row's panels come over.
    QCOMPARE(d.panels.size(), std::size_t{4});
    const Panel *cpu = byTitle(d, "CPU Busy");
    QVERIFY(cpu);
    QCOMPARE(cpu->id, 77);
    QCOMPARE(cpu->kind, PanelKind::Timeseries);
    QCOMPARE(cpu->unit, Unit::Ratio);
    QCOMPARE(cpu->grid, (GridPos{0, 1, 12, 7}));
    QCOMPARE(q(cpu->description), u"Busy state of all CPU cores together"_s);
    QCOMPARE(cpu->queries.size(), std::size_t{1});
    QCOMPARE(q(cpu->queries[0].expr),
             uR"(sum by (instance) (irate(node_cpu_seconds_total{instance="$node",job="$job", mode!="idle"}[1m])) / on(instance) group_left sum by (instance) (irate(node_cpu_seconds_total{instance="$node",job="$job"}[1m])))"_s);
    QCOMPARE(q(cpu->queries[0].legend), u"Busy {{instance}}"_s);
    QCOMPARE(cpu->thresholds,
             (std::vector<Threshold>{{0.8, Severity::Warning, "", ThresholdStyle::Line},
                                     {0.95, Severity::Critical, "", ThresholdStyle::Band}}));
    QCOMPARE(cpu->timeseries.legendCalcs, (std::vector<LegendCalc>{LegendCalc::Last, LegendCalc::Max, LegendCalc::Mean}));
    const Panel *mem = byTitle(d, "Memory Used");
    QCOMPARE(mem->unit, Unit::Bytes);
    QCOMPARE(mem->queries.size(), std::size_t{2});
    QVERIFY(!mem->queries[0].hidden);
    QVERIFY(mem->queries[1].hidden);
    QCOMPARE(q(mem->queries[1].refId), u"B"_s);
    const Panel *disk = byTitle(d, "Disk Space Used");
    QCOMPARE(disk->id, 152);
    QCOMPARE(disk->unit, Unit::Percent);
    QCOMPARE(disk->grid, (GridPos{0, 9, 24, 8}));
    QCOMPARE(disk->thresholds.size(), std::size_t{1});
    QCOMPARE(disk->thresholds[0].value, 90.0);
    QCOMPARE(byTitle(d, "Disk R/W Data")->unit, Unit::BytesPerSecond);
    // Variables: the data source one is reported; query and custom come over.
    QCOMPARE(d.variables.size(), std::size_t{3});
    QCOMPARE(q(d.variables[0].name), u"job"_s);
    QCOMPARE(d.variables[0].kind, VariableKind::Query);
    QCOMPARE(q(d.variables[0].query), u"label_values(node_uname_info, job)"_s);
    QVERIFY(d.variables[0].current.empty());
    QCOMPARE(q(d.variables[1].query), uR"(label_values(node_uname_info{job="$job"}, instance))"_s);
    QCOMPARE(d.variables[1].current, std::vector<std::string>{"localhost:9100"});
    QCOMPARE(d.variables[2].kind, VariableKind::Custom);
    QCOMPARE(d.variables[2].options, std::vector<std::string>{"[a-z]+|nvme[0-9]+n[0-9]+"});
    QCOMPARE(report(r), (QStringList{
        uR"(/templating/list/0 "DS_PROMETHEUS": data source variable not carried over (choose a source in ModelWatch))"_s,
        uR"(/panels/0 "Quick CPU / Mem / Disk": row header dropped (its panels are kept))"_s,
        uR"(/panels/1/targets/0/expr "CPU Busy": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/2/targets/0/intervalFactor "Memory Used": intervalFactor not carried over)"_s,
        uR"(/panels/3 "Storage Disk": row header dropped (its panels are kept))"_s,
        uR"(/panels/3/panels/0/thresholds/1 "Disk Space Used": below-value (lt) threshold is not supported)"_s,
        uR"(/panels/3/panels/0/alert "Disk Space Used": legacy alert 'Disk space alert' not carried over (write an alert rule))"_s,
        uR"(/panels/3/panels/1/yaxes/0/format "Disk R/W Data": unit 'Bps' (SI) shown with binary prefixes (KiB/s, MiB/s))"_s,
        uR"(/panels/3/panels/1/targets/0/expr "Disk R/W Data": $__rate_interval replaced by 1m)"_s,
    }));
}

void TestGrafanaImport::vllmTimeseriesStatGauge()
{
    const GrafanaImport r = importFixture("vllm_timeseries_stat.json");
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    const Document &d = *r.document;
    QCOMPARE(d.refresh, Refresh::FiveSeconds);
    QCOMPARE(d.panels.size(), std::size_t{5});
    const Panel &e2e = d.panels[0];
    QCOMPARE(e2e.id, 9);
    QCOMPARE(e2e.unit, Unit::Seconds);
    QCOMPARE(e2e.queries.size(), std::size_t{3});
    QCOMPARE(q(e2e.queries[1].expr),
             uR"(histogram_quantile(0.5, sum by(le) (rate(vllm:e2e_request_latency_seconds_bucket{model_name="$model_name"}[1m]))))"_s);
    QCOMPARE(q(e2e.queries[2].expr).count(u"[1m]"_s), 2);
    QVERIFY(e2e.queries[2].hidden);
    QCOMPARE(e2e.thresholds, (std::vector<Threshold>{{5, Severity::Warning, "orange", ThresholdStyle::Band},
                                                    {20, Severity::Critical, "red", ThresholdStyle::Band}}));
    QCOMPARE(e2e.timeseries.legendCalcs, (std::vector<LegendCalc>{LegendCalc::Last, LegendCalc::Max, LegendCalc::Mean}));
    QCOMPARE(d.panels[1].unit, Unit::None);
    QVERIFY(d.panels[1].thresholds.empty());
    const Panel &cache = d.panels[2];
    QCOMPARE(cache.kind, PanelKind::Stat);
    QCOMPARE(cache.unit, Unit::Ratio);
    QCOMPARE(cache.grid, (GridPos{0, 8, 6, 6}));
    QCOMPARE(cache.stat, (StatOptions{StatReduce::Last, true, true}));
    QCOMPARE(cache.thresholds, (std::vector<Threshold>{{0.8, Severity::Warning, "#EAB839", ThresholdStyle::Line},
                                                      {0.95, Severity::Critical, "dark-red", ThresholdStyle::Line}}));
    const Panel &gauge = d.panels[3];
    QCOMPARE(gauge.kind, PanelKind::Stat);
    QCOMPARE(gauge.stat, (StatOptions{StatReduce::Max, false, true}));
    QCOMPARE(q(gauge.queries[0].legend), QString()); // "__auto"
    const Panel &finished = d.panels[4];
    QCOMPARE(finished.unit, Unit::RequestsPerSecond);
    QCOMPARE(finished.stat, (StatOptions{StatReduce::Mean, false, false}));
    QCOMPARE(q(finished.queries[0].expr),
             uR"(sum by (finished_reason) (increase(vllm:request_success_total{model_name="$model_name"}[5m])) / 300)"_s);
    QCOMPARE(d.variables.size(), std::size_t{2});
    QCOMPARE(q(d.variables[0].query), u"label_values(model_name)"_s); // Grafana 9+'s query object
    const Variable &quantile = d.variables[1];
    QCOMPARE(quantile.options, (std::vector<std::string>{"0.5", "0.95", "0.99"}));
    QCOMPARE(quantile.current, (std::vector<std::string>{"0.5", "0.99"}));
    QVERIFY(quantile.multi && quantile.includeAll);
    QCOMPARE(report(r), (QStringList{
        uR"(/templating/list/0 "DS_PROMETHEUS": data source variable not carried over (choose a source in ModelWatch))"_s,
        uR"(/panels/0/targets/0/expr "E2E Request Latency": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/0/targets/1/expr "E2E Request Latency": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/0/targets/2/expr "E2E Request Latency": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/1/targets/0/expr "Token Throughput": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/1/targets/1/expr "Token Throughput": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/3 "Requests Waiting": panel type 'gauge' shown as a stat panel)"_s,
        uR"(/panels/3/targets/0/instant "Requests Waiting": instant query drawn as a range query)"_s,
        uR"(/panels/4/targets/0/expr "Finished requests": $__range replaced by 5m)"_s,
        uR"(/panels/4/targets/0/expr "Finished requests": $__range_s replaced by 300)"_s,
    }));
}

void TestGrafanaImport::unsupportedPartsAreReported()
{
    const GrafanaImport r = importFixture("unsupported_panels.json");
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    const Document &d = *r.document;
    QCOMPARE(d.refresh, Refresh::Off);
    QCOMPARE(d.panels.size(), std::size_t{3});
    const Panel &errors = d.panels[0];
    QCOMPARE(q(errors.title), u"Error ratio"_s);
    QCOMPARE(errors.unit, Unit::Ratio);
    QCOMPARE(errors.thresholds, (std::vector<Threshold>{{0.05, Severity::Critical, "red", ThresholdStyle::Line}}));
    QCOMPARE(errors.timeseries.legendCalcs, std::vector<LegendCalc>{LegendCalc::Last});
    QCOMPARE(q(errors.queries[0].expr), u"sum(rate(tgi_request_failure[1m])) / sum(rate(tgi_request_count[1m]))"_s);
    const Panel &memory = d.panels[1];
    QCOMPARE(memory.unit, Unit::Bytes);
    QVERIFY(memory.thresholds.empty()); // percentage thresholds dropped
    // The second panel with id 6 gets a fresh id; its width is clamped to the grid.
    const Panel &tokens = d.panels[2];
    QCOMPARE(memory.id, 6);
    QCOMPARE(tokens.id, 7);
    QCOMPARE(tokens.grid, (GridPos{6, 19, 18, 4}));
    QCOMPARE(q(tokens.queries[0].expr), u"sum(rate(tgi_request_generated_tokens_sum[1m]))"_s);
    QCOMPARE(tokens.queries.size(), std::size_t{1});
    QCOMPARE(d.variables.size(), std::size_t{1});
    QCOMPARE(d.variables[0].current, std::vector<std::string>{"$__all"});
    QCOMPARE(report(r), (QStringList{
        u"/refresh: refresh '15s' is not one of off, 1s, 5s, 10s, 30s, 1m (off)"_s,
        uR"(/templating/list/0/regex "instance": variable regex '/.*:3000/' not carried over)"_s,
        uR"(/templating/list/1 "window": variable type 'interval' is not supported)"_s,
        uR"(/templating/list/2/query "metric": variable query 'metrics(tgi_.*)' is not label_values(...))"_s,
        uR"(/panels/0 "Requests by route": panel type 'table' is not supported)"_s,
        uR"(/panels/1 "Latency heatmap": panel type 'heatmap' is not supported)"_s,
        uR"(/panels/2 "Notes": panel type 'text' is not supported)"_s,
        uR"(/panels/3/targets/0/expr "Error ratio": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/3/targets/0/interval "Error ratio": minimum interval '30s' not carried over)"_s,
        uR"(/panels/3/options/legend/calcs "Error ratio": legend calculation 'sum' is not supported)"_s,
        uR"(/panels/3/fieldConfig/overrides "Error ratio": field overrides are not supported)"_s,
        uR"(/panels/3/links "Error ratio": panel links are not supported)"_s,
        uR"(/panels/4/datasource "Error log lines": data source type 'loki' is not Prometheus (panel dropped))"_s,
        uR"(/panels/5/fieldConfig/defaults/unit "Memory": unit 'decbytes' (SI) shown with binary prefixes (KiB, MiB))"_s,
        uR"(/panels/5/fieldConfig/defaults/thresholds/mode "Memory": percentage thresholds are not supported (dropped))"_s,
        uR"(/panels/5/options/reduceOptions/calcs/0 "Memory": reduction 'range' is not supported (last value shown))"_s,
        uR"(/panels/5/repeat "Memory": repeat by variable 'instance' is not supported)"_s,
        uR"(/panels/6/gridPos "Generated tokens": gridPos moved into the 24-column grid (x 6, y 19, w 18, h 4))"_s,
        uR"(/panels/6/fieldConfig/defaults/unit "Generated tokens": unit 'tokens' has no ModelWatch equivalent (shown as a plain number))"_s,
        uR"(/panels/6/targets/0/expr "Generated tokens": $__rate_interval replaced by 1m)"_s,
        uR"(/panels/6/targets/1 "Generated tokens": target without a Prometheus expr)"_s,
        u"/links: dashboard links are not supported"_s,
        uR"(/annotations/list/1 "Deploys": annotations are not supported)"_s,
    }));
}

void TestGrafanaImport::resultRoundTrips_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("node") << u"node_exporter_rows.json"_s;
    QTest::newRow("vllm") << u"vllm_timeseries_stat.json"_s;
    QTest::newRow("unsupported") << u"unsupported_panels.json"_s;
}

void TestGrafanaImport::resultRoundTrips()
{
    QFETCH(QString, file);
    const GrafanaImport r = importFixture(qPrintable(file));
    QVERIFY(r.document);
    const ReadResult back = documentFromJson(nlohmann::json::parse(documentToText(*r.document)));
    QVERIFY(back.document);
    QVERIFY(back.warnings.empty());
    QVERIFY(*back.document == *r.document);
}

void TestGrafanaImport::refuses_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("syntax") << QByteArray("{\n \"panels\": [,]\n}") << u"2:13: JSON syntax error"_s;
    QTest::newRow("array") << QByteArray("[]") << u"not a Grafana dashboard (array, expected an object)"_s;
    QTest::newRow("no panels") << QByteArray(R"({"title":"x"})")
                               << u"/panels: missing or not an array: not a Grafana dashboard"_s;
    QTest::newRow("old rows") << QByteArray(R"({"title":"x","rows":[],"schemaVersion":14})")
                              << u"/rows: Grafana's pre-5.0 row layout"_s;
}

void TestGrafanaImport::refuses()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const GrafanaImport r = importGrafanaText(std::string_view(text.constData(), std::size_t(text.size())));
    QVERIFY(!r.document);
    QVERIFY(r.notCarried.empty());
    QVERIFY2(q(r.error->toString()).startsWith(error), r.error->toString().c_str());
}

QTEST_GUILESS_MAIN(TestGrafanaImport)
#include "tst_grafana_import.moc"
