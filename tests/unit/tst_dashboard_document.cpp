// The dashboard document (src/core/dashboard): exact round trips as a value
// and as bytes, every shipped dashboard, version 1 files migrated, and wrong
// or hostile files refused with the place of the problem and nothing loaded.

#include "TestPayloads.h"

#include "DocumentRoundTrip.h"

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentJson.h"
#include "dashboard/PresetDocument.h"
#include "presets/DashboardJson.h"
#include "presets/Detector.h"
#include "presets/PresetBuilder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::dashboard;
using nlohmann::json;

Q_DECLARE_METATYPE(Document)

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

Document handMade()
{
    Document d;
    d.title = "Prod \"eu\" ✓";
    d.uid = "prod-eu";
    d.server = presets::ServerKind::Triton;
    d.time = {"2026-12-01T08:00:00Z", "now"};
    d.refresh = Refresh::ThirtySeconds;
    Source prom;
    prom.name = "prom";
    prom.url = "https://prom.example:9090";
    prom.auth.headers = {{"X-Scope-OrgID", "env:ORG"}};
    prom.auth.basicAuthUser = "mw";
    prom.auth.passwordRef = "keyring:modelwatch/prod";
    prom.auth.caFile = "/etc/ssl/ca.pem";
    prom.auth.insecureSkipVerify = true;
    Source scrape;
    scrape.name = "direct";
    scrape.kind = SourceKind::Scrape;
    scrape.targets = {"http://a:8002/metrics", "http://b:8002/metrics"};
    scrape.scrapeIntervalMs = 5000;
    scrape.server = presets::ServerKind::Triton;
    d.sources = {prom, scrape};
    d.variables = {{"model", "Model", VariableKind::Query, "label_values(nv_inference_count, model)", {}, {"a", "b"}, true, true},
                   {"q", "", VariableKind::Custom, {}, {"0.5", "0.99"}, {"0.99"}, false, false}};
    Panel p;
    p.id = 7;
    p.title = "Latency";
    p.description = "line 1\nline 2\ttab";
    p.unit = Unit::Microseconds;
    p.grid = {0, 0, 24, 9};
    p.queries = {{"A", "histogram_quantile(0.99, sum by (le) (rate(x_bucket{m=~\"$model\"}[1m])))", "p99 {{model}}", false},
                 {"B", "x", "", true}};
    // Doubles that need 17 digits, a denormal, a negative zero.
    p.thresholds = {{-0.0, Severity::Info, "green", ThresholdStyle::Line},
                    {1.0 / 3.0, Severity::Warning, "#EAB839", ThresholdStyle::Band},
                    {1.7976931348623157e308, Severity::Critical, "", ThresholdStyle::Line}};
    p.timeseries.legendCalcs = {LegendCalc::Max, LegendCalc::Last};
    Panel s;
    s.id = 8;
    s.kind = PanelKind::Stat;
    s.unit = Unit::Ratio;
    s.grid = {18, 9, 6, 4};
    s.stat = {StatReduce::Mean, false, false};
    s.thresholds = {{5e-324, Severity::Warning, "", ThresholdStyle::Line}};
    d.panels = {p, s};
    alerting::AlertRule r;
    r.id = "triton/Slow";
    r.name = "Slow";
    r.expr = "x > 1";
    d.rules = {{r, 7, ""}, {[] { alerting::AlertRule f; f.id = "f"; f.name = "F"; f.expr = "up == 0"; return f; }(), std::nullopt, "prom"}};
    return d;
}

Document presetDocument(const char *file)
{
    const auto p = test::parseTestFile(QString::fromLatin1(file), expo::Format::PrometheusText);
    const presets::Detection det = presets::Detector::detect(p->result);
    return fromPreset(presets::PresetBuilder::build(det, presets::MetricNameSet::fromPayload(p->result)));
}

QString shippedDir() { return QStringLiteral(MW_RESOURCES_DIR "/dashboards"); }

} // namespace

class TestDashboardDocument : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void shippedDashboards_data();
    void shippedDashboards();
    void ruleThresholdsOfAPanel();
    void migratesVersion1();
    void migrationErrorsPointIntoTheFile();
    void presetJsonMigratesToFromPreset();
    void refuses_data();
    void refuses();
    void syntaxErrorsHaveLineAndColumn();
    void capsAreEnforced();
    void unknownMembersAreWarnedAndDropped();
    void saveIsAtomicAndLoadDoesNotHalfLoad();
};

void TestDashboardDocument::roundTrip_data()
{
    QTest::addColumn<Document>("document");
    QTest::newRow("hand-made") << handMade();
    QTest::newRow("empty") << Document{};
    for (const char *f : {"samples/01_tfserving_monitoring_prometheus_metrics.txt", "samples/02_triton_8002_metrics.txt",
                          "samples/04_vllm_v1_metrics.txt", "presets/node_exporter_1.8_metrics.txt"})
        QTest::newRow(f) << presetDocument(f);
}

void TestDashboardDocument::roundTrip()
{
    QFETCH(Document, document);
    mw::test::checkRoundTrip(document);
    if (QTest::currentTestFailed())
        return;
    const ReadResult r = DashboardFile::parse(documentToText(document));
    for (std::size_t i = 0; i < document.panels.size(); ++i)
        for (std::size_t t = 0; t < document.panels[i].thresholds.size(); ++t)
            QCOMPARE(std::signbit(r.document->panels[i].thresholds[t].value),
                     std::signbit(document.panels[i].thresholds[t].value));
}

void TestDashboardDocument::shippedDashboards_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(shippedDir()).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 2);
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << QDir(shippedDir()).filePath(f);
}

void TestDashboardDocument::shippedDashboards()
{
    QFETCH(QString, path);
    const DashboardFile::LoadResult loaded = DashboardFile::load(path);
    QVERIFY2(loaded.ok(), loaded.read.error ? loaded.read.error->toString().c_str() : "");
    QVERIFY2(loaded.read.warnings.empty(), loaded.read.warnings.empty() ? "" : loaded.read.warnings.front().toString().c_str());
    QVERIFY(!loaded.read.document->panels.empty());
    // Byte-stable: a shipped file is exactly what saving it writes.
    const QByteArray bytes = readAll(path);
    QCOMPARE(q(documentToText(*loaded.read.document)), QString::fromUtf8(bytes));
    QTemporaryDir dir;
    const QString copy = dir.filePath(u"copy.json"_s);
    QVERIFY(!DashboardFile::save(copy, *loaded.read.document));
    QCOMPARE(readAll(copy), bytes);
    const DashboardFile::LoadResult again = DashboardFile::load(copy);
    QVERIFY(again.ok());
    QVERIFY(*again.read.document == *loaded.read.document);
    // Rules tied to a panel point at one that exists.
    for (const DocumentRule &r : loaded.read.document->rules)
        if (r.panelId)
            QVERIFY(loaded.read.document->panel(*r.panelId));
}

void TestDashboardDocument::ruleThresholdsOfAPanel()
{
    // The demo's HighLatency rule is tied to its latency panel, which draws it.
    const DashboardFile::LoadResult r = DashboardFile::load(shippedDir() + u"/tfserving-demo.json"_s);
    QVERIFY(r.ok());
    const Document &d = *r.read.document;
    QCOMPARE(q(d.panel(2)->title), u"Latency p50/p95/p99"_s);
    QCOMPARE(ruleThresholds(d, 2), (std::vector<Threshold>{{500000.0, Severity::Critical, "", ThresholdStyle::Line}}));
    QVERIFY(ruleThresholds(d, 1).empty());
    QVERIFY(ruleThresholds(handMade(), 7).empty()); // its rule on panel 7 is a filter rule
}

void TestDashboardDocument::migratesVersion1()
{
    const DashboardFile::LoadResult r = DashboardFile::load(QStringLiteral(MW_TEST_DATA_DIR "/dashboards/v1_tfserving.json"));
    QVERIFY2(r.ok(), r.read.error ? r.read.error->toString().c_str() : "");
    QCOMPARE(r.read.fromVersion, 1);
    const Document &d = *r.read.document;
    QCOMPARE(q(d.title), u"TensorFlow Serving"_s);
    QCOMPARE(d.server, presets::ServerKind::TensorFlowServing);
    QCOMPARE(d.panels.size(), std::size_t{3});
    QCOMPARE(d.panels[0].id, 1);
    QCOMPARE(d.panels[2].id, 3);
    QCOMPARE(d.panels[0].grid, (GridPos{0, 0, 12, 8}));
    QCOMPARE(d.panels[1].grid, (GridPos{12, 0, 12, 8}));
    QCOMPARE(d.panels[2].grid, (GridPos{0, 8, 6, 4}));
    QCOMPARE(d.panels[2].kind, PanelKind::Stat);
    QCOMPARE(q(d.panels[1].queries[1].refId), u"B"_s);
    QCOMPARE(q(d.panels[1].queries[1].legend), u"p99"_s);
    QCOMPARE(d.panels[1].unit, Unit::Microseconds);
    QCOMPARE(d.panels[1].thresholds.size(), std::size_t{2});
    QCOMPARE(d.panels[1].thresholds[1].value, 500000.0);
    QCOMPARE(d.panels[1].thresholds[1].severity, Severity::Critical);
    QCOMPARE(d.panels[1].thresholds[1].style, ThresholdStyle::Line);
    QCOMPARE(d.time, TimeRange{});
    QVERIFY(d.rules.empty() && d.sources.empty() && d.variables.empty());
    // Saved, it is a version 2 file.
    QCOMPARE(documentToJson(d).at("schemaVersion").get<int>(), 2);
}

void TestDashboardDocument::migrationErrorsPointIntoTheFile()
{
    const DashboardFile::LoadResult r = DashboardFile::load(QStringLiteral(MW_TEST_DATA_DIR "/dashboards/v1_bad_unit.json"));
    QVERIFY(!r.ok() && !r.ioError);
    QCOMPARE(q(r.read.error->pointer), u"/panels/1/unit"_s);
    QCOMPARE(q(r.read.error->message), u"unknown value 'furlongs'"_s);
}

void TestDashboardDocument::presetJsonMigratesToFromPreset()
{
    // What `detect --json` prints (version 1) opens as the same document.
    const auto p = test::parseTestFile(u"samples/05_tgi_router_metrics.txt"_s, expo::Format::PrometheusText);
    const presets::Dashboard preset =
        presets::PresetBuilder::build(presets::Detector::detect(p->result), presets::MetricNameSet::fromPayload(p->result));
    const ReadResult r = documentFromJson(presets::dashboardToJson(preset));
    QVERIFY(r.document);
    QCOMPARE(r.fromVersion, 1);
    QVERIFY(*r.document == fromPreset(preset));
    QCOMPARE(r.document->panels.size(), preset.panels.size());
}

void TestDashboardDocument::refuses_data()
{
    QTest::addColumn<QString>("patch"); // a JSON merge patch applied to the hand-made document
    QTest::addColumn<QString>("error");
    QTest::newRow("newer") << uR"({"schemaVersion":3})"_s << u"/schemaVersion: 3 is newer than this ModelWatch reads (2)"_s;
    QTest::newRow("zero") << uR"({"schemaVersion":0})"_s << u"/schemaVersion: 0 is not supported (1..2)"_s;
    QTest::newRow("string version") << uR"({"schemaVersion":"2"})"_s << u"/schemaVersion: not an integer (\"2\")"_s;
    QTest::newRow("refresh") << uR"({"refresh":"2s"})"_s
                             << u"/refresh: unknown refresh interval (off, 1s, 5s, 10s, 30s, 1m) '2s'"_s;
    QTest::newRow("time") << uR"({"time":{"from":"yesterday"}})"_s
                          << u"/time/from: not a time (now, now-DURATION or ISO 8601): 'yesterday'"_s;
    QTest::newRow("secret in clear")
        << uR"({"sources":[{"name":"p","kind":"prometheus","url":"http://x","auth":{"bearerTokenRef":"hunter2"}}]})"_s
        << u"/sources/0/auth/bearerTokenRef: not a secret reference (env:VAR or keyring:service/key); secrets are never stored in a dashboard"_s;
    QTest::newRow("header value")
        << uR"({"sources":[{"name":"p","kind":"prometheus","url":"http://x","auth":{"headers":{"A/B":"x"}}}]})"_s
        << u"/sources/0/auth/headers/A~1B: not a secret reference (env:VAR or keyring:service/key)"_s;
    QTest::newRow("scrape without targets") << uR"({"sources":[{"name":"s","kind":"scrape","targets":[]}]})"_s
                                            << u"/sources/0/targets: a scrape source needs at least one target"_s;
    QTest::newRow("variable name") << uR"({"variables":[{"name":"1x","kind":"custom"}]})"_s
                                   << u"/variables/0/name: not a variable name '1x' ([A-Za-z_][A-Za-z0-9_]*)"_s;
    QTest::newRow("variable query") << uR"({"variables":[{"name":"m","kind":"query","query":"up"}]})"_s
                                    << u"/variables/0/query: expected label_values(metric, label) or label_values(label)"_s;
    QTest::newRow("panel type") << uR"({"panels":[{"id":1,"type":"pie","gridPos":{"x":0,"y":0,"w":1,"h":1}}]})"_s
                                << u"/panels/0/type: unknown panel type 'pie'"_s;
    QTest::newRow("grid overflow") << uR"({"panels":[{"id":1,"type":"stat","gridPos":{"x":20,"y":0,"w":6,"h":1}}]})"_s
                                   << u"/panels/0/gridPos/w: x + w is 26, past the grid's 24 columns"_s;
    QTest::newRow("expr type")
        << uR"({"panels":[{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1},"queries":[{"refId":"A","expr":3}]}]})"_s
        << u"/panels/0/queries/0/expr: wrong type (number)"_s;
    QTest::newRow("repeated refId")
        << uR"({"panels":[{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1},"queries":[{"refId":"A","expr":"x"},{"refId":"A","expr":"y"}]}]})"_s
        << u"/panels/0/queries/1/refId: repeated refId 'A'"_s;
    QTest::newRow("thresholds order")
        << uR"({"panels":[{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1},"thresholds":[{"value":2,"severity":"info"},{"value":1,"severity":"info"}]}]})"_s
        << u"/panels/0/thresholds/1/value: thresholds must be in ascending order"_s;
    QTest::newRow("legend calc")
        << uR"({"panels":[{"id":1,"type":"timeseries","gridPos":{"x":0,"y":0,"w":6,"h":1},"options":{"legendCalcs":["p99"]}}]})"_s
        << u"/panels/0/options/legendCalcs/0: unknown legend calculation 'p99'"_s;
    QTest::newRow("duplicate panel id")
        << uR"({"panels":[{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1}},{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1}}],"rules":[]})"_s
        << u"/panels/1/id: repeated panel id '1'"_s;
    QTest::newRow("rule panel") << uR"({"rules":[{"id":"r","name":"R","expr":"up","condition":{"kind":"filter"},"panelId":99}]})"_s
                                << u"/rules/0/panelId: no panel has id 99"_s;
    QTest::newRow("rule op") << uR"({"rules":[{"id":"r","name":"R","expr":"up","condition":{"kind":"threshold","op":"=>","threshold":1}}]})"_s
                             << u"/rules/0/condition/op: unknown operator '=>'"_s;
    QTest::newRow("panel id range") << uR"({"panels":[{"id":4294967297,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":1}}]})"_s
                                    << u"/panels/0/id: out of range (4294967297, expected 1..1000000000)"_s;
}

void TestDashboardDocument::refuses()
{
    QFETCH(QString, patch);
    QFETCH(QString, error);
    json j = documentToJson(handMade());
    j.merge_patch(json::parse(patch.toStdString()));
    const ReadResult r = documentFromJson(j);
    QVERIFY(!r.document);
    QVERIFY(r.error);
    QCOMPARE(q(r.error->toString()), error);
}

void TestDashboardDocument::syntaxErrorsHaveLineAndColumn()
{
    // The error is at the 'x' on line 3, after a two-byte character on that line.
    const ReadResult r = DashboardFile::parse("{\n  \"title\": \"µ\",\n  \"µ\": x\n}\n");
    QVERIFY(!r.document);
    QCOMPARE(r.error->line, 3);
    QCOMPARE(r.error->column, 8);
    QVERIFY2(q(r.error->toString()).startsWith(u"3:8: JSON syntax error"_s), r.error->toString().c_str());
    const ReadResult empty = DashboardFile::parse("");
    QVERIFY(!empty.document);
    QCOMPARE(empty.error->line, 1);
    QVERIFY(q(DashboardFile::parse("[1, 2").error->toString()).startsWith(u"1:6: "_s));
}

void TestDashboardDocument::capsAreEnforced()
{
    Limits small;
    small.maxBytes = 100;
    const std::string big = documentToText(handMade());
    QVERIFY(big.size() > 100);
    QVERIFY(q(DashboardFile::parse(big, small).error->message).startsWith(u"file too large"_s));
    // Deep nesting is refused before it is built, with its place.
    const std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
    const ReadResult d = DashboardFile::parse(deep);
    QCOMPARE(q(d.error->toString()), u"1:69: nested deeper than 64 levels"_s);
    Limits few;
    few.maxPanels = 1;
    const ReadResult p = DashboardFile::parse(big, few);
    QCOMPARE(q(p.error->toString()), u"/panels: too many elements (2, at most 1)"_s);
}

void TestDashboardDocument::unknownMembersAreWarnedAndDropped()
{
    json j = documentToJson(handMade());
    j["future"] = 1;
    j["panels"][1]["options"]["colour"] = "red";
    j["rules"][0]["extra"] = true;
    const ReadResult r = documentFromJson(j);
    QVERIFY(r.document);
    QVERIFY(*r.document == handMade());
    QCOMPARE(r.warnings.size(), std::size_t{3});
    QCOMPARE(q(r.warnings[0].toString()), u"/panels/1/options/colour: unknown member, ignored (not saved back)"_s);
    QCOMPARE(q(r.warnings[1].pointer), u"/rules/0/extra"_s);
    QCOMPARE(q(r.warnings[2].pointer), u"/future"_s);
    QVERIFY(!documentToJson(*r.document).contains("future"));
}

void TestDashboardDocument::saveIsAtomicAndLoadDoesNotHalfLoad()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"d.json"_s);
    QVERIFY(!DashboardFile::save(path, handMade()));
    const QByteArray good = readAll(path);
    // Saving into a directory that does not exist fails and says where.
    const std::optional<std::string> err = DashboardFile::save(dir.filePath(u"nope/d.json"_s), handMade());
    QVERIFY(err);
    QVERIFY2(q(*err).startsWith(u"cannot write "_s), err->c_str());
    // No temporary files are left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"d.json"_s});
    // A file with a valid start and a broken end loads nothing.
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(good.left(good.size() / 2));
    f.close();
    const DashboardFile::LoadResult half = DashboardFile::load(path);
    QVERIFY(!half.ok() && !half.ioError && !half.read.document);
    QVERIFY(half.read.error->line > 1);
    const DashboardFile::LoadResult missing = DashboardFile::load(dir.filePath(u"missing.json"_s));
    QVERIFY(missing.ioError && !missing.ok());
    QVERIFY(q(missing.read.error->message).startsWith(u"cannot read "_s));
}

QTEST_GUILESS_MAIN(TestDashboardDocument)
#include "tst_dashboard_document.moc"
