// The dashboard document: every preset dashboard and a hand-made one survive
// JSON and back exactly (as a value and as text); wrong documents are refused
// with the path of the first problem.

#include "TestPayloads.h"

#include "presets/DashboardJson.h"
#include "presets/Detector.h"
#include "presets/PresetBuilder.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

using namespace mw;
using namespace mw::presets;
using nlohmann::json;

Q_DECLARE_METATYPE(Dashboard)

namespace {

Dashboard handMade()
{
    Dashboard d;
    d.server = ServerKind::Triton;
    d.title = "Triton — prod \"eu\" ✓";
    Panel p;
    p.title = "Latency";
    p.description = "line 1\nline 2\ttabbed";
    p.kind = PanelKind::Stat;
    p.unit = Unit::Milliseconds;
    p.queries = {{"histogram_quantile(0.99, sum by (le) (rate(x_bucket{a=~\"b|c\\\\d\"}[1m])))", "p99 {{model}}"},
                 {"", ""}};
    // Doubles that need all 17 digits, a denormal, a huge one, a negative zero.
    p.thresholds = {{0.1, Severity::Warning},
                    {1.0 / 3.0, Severity::Critical},
                    {5e-324, Severity::Warning},
                    {1.7976931348623157e308, Severity::Critical},
                    {-0.0, Severity::Warning}};
    d.panels.push_back(p);
    Panel empty;
    empty.title = "";
    d.panels.push_back(empty);
    return d;
}

} // namespace

class TestDashboardJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void documentShape();
    void optionalMembers();
    void refuses_data();
    void refuses();
    void nonFiniteThresholdIsRefusedOnRead();
    void everyUnitRoundTrips();
};

void TestDashboardJson::roundTrip_data()
{
    QTest::addColumn<Dashboard>("dashboard");
    QTest::newRow("hand-made") << handMade();
    QTest::newRow("empty") << Dashboard{};
    const char *files[] = {"samples/01_tfserving_monitoring_prometheus_metrics.txt", "samples/02_triton_8002_metrics.txt",
                           "samples/03_torchserve_8082_metrics.txt", "samples/04_vllm_v1_metrics.txt",
                           "samples/05_tgi_router_metrics.txt", "samples/06_llamacpp_server_metrics.txt",
                           "samples/07_python_prometheus_client_process.txt",
                           "presets/node_exporter_1.8_metrics.txt"};
    for (const char *file : files) {
        const QString name = QString::fromLatin1(file);
        const auto p = test::parseTestFile(name, expo::Format::PrometheusText);
        const Detection d = Detector::detect(p->result);
        const Dashboard dash = PresetBuilder::build(d, MetricNameSet::fromPayload(p->result));
        QTest::newRow(file) << dash;
    }
}

void TestDashboardJson::roundTrip()
{
    QFETCH(Dashboard, dashboard);
    const json j = dashboardToJson(dashboard);
    std::string error;
    const std::optional<Dashboard> back = dashboardFromJson(j, &error);
    QVERIFY2(back, error.c_str());
    QVERIFY(*back == dashboard);
    // Through text too, and the text is stable.
    const std::string text = j.dump(2);
    const std::optional<Dashboard> fromText = dashboardFromJson(json::parse(text), &error);
    QVERIFY2(fromText, error.c_str());
    QVERIFY(*fromText == dashboard);
    QCOMPARE(QString::fromStdString(dashboardToJson(*fromText).dump(2)), QString::fromStdString(text));
    // Bit-exact doubles, negative zero included.
    for (std::size_t i = 0; i < dashboard.panels.size(); ++i)
        for (std::size_t t = 0; t < dashboard.panels[i].thresholds.size(); ++t)
            QCOMPARE(std::signbit(fromText->panels[i].thresholds[t].value),
                     std::signbit(dashboard.panels[i].thresholds[t].value));
}

void TestDashboardJson::documentShape()
{
    const json j = dashboardToJson(handMade());
    QCOMPARE(j.at("schemaVersion").get<int>(), 1);
    QCOMPARE(j.at("schemaVersion").get<int>(), Dashboard::kSchemaVersion);
    QCOMPARE(QString::fromStdString(j.at("server").get<std::string>()), QStringLiteral("triton"));
    const json &panel = j.at("panels").at(0);
    QCOMPARE(QString::fromStdString(panel.at("type").get<std::string>()), QStringLiteral("stat"));
    QCOMPARE(QString::fromStdString(panel.at("unit").get<std::string>()), QStringLiteral("milliseconds"));
    QCOMPARE(QString::fromStdString(panel.at("thresholds").at(1).at("severity").get<std::string>()),
             QStringLiteral("critical"));
    QCOMPARE(QString::fromStdString(panel.at("queries").at(0).at("legend").get<std::string>()),
             QStringLiteral("p99 {{model}}"));
}

void TestDashboardJson::optionalMembers()
{
    // description and thresholds may be absent; unknown members are ignored.
    const json j = json::parse(R"({"schemaVersion":1,"server":"vllm","title":"t","future":{"x":1},
        "panels":[{"title":"p","type":"timeseries","unit":"tokens_per_second","queries":[{"expr":"x","legend":"l"}],
                   "colour":"red"}]})");
    std::string error;
    const std::optional<Dashboard> d = dashboardFromJson(j, &error);
    QVERIFY2(d, error.c_str());
    QCOMPARE(d->server, ServerKind::Vllm);
    QCOMPARE(d->panels.size(), std::size_t{1});
    QVERIFY(d->panels[0].description.empty());
    QVERIFY(d->panels[0].thresholds.empty());
    QCOMPARE(d->panels[0].unit, Unit::TokensPerSecond);
}

void TestDashboardJson::refuses_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("error");
    const QString panel = QStringLiteral(R"({"title":"p","type":"timeseries","unit":"count","queries":[]})");
    auto doc = [](const QString &version, const QString &panels) {
        return QStringLiteral(R"({"schemaVersion":%1,"server":"tgi","title":"t","panels":[%2]})").arg(version, panels);
    };
    QTest::newRow("not an object") << u"[]"_s << u"not an object"_s;
    QTest::newRow("no version") << uR"({"server":"tgi","title":"t","panels":[]})"_s << u"schemaVersion: missing"_s;
    QTest::newRow("newer version") << doc(u"2"_s, panel) << u"schemaVersion: 2 is newer"_s;
    QTest::newRow("version 0") << doc(u"0"_s, panel) << u"schemaVersion: 0 is not supported"_s;
    QTest::newRow("version wraps to 1") << doc(u"4294967297"_s, panel) << u"schemaVersion: 4294967297"_s;
    QTest::newRow("float version") << doc(u"1.5"_s, panel) << u"schemaVersion: 1.5 is not supported"_s;
    QTest::newRow("string version") << doc(u"\"1\""_s, panel) << u"schemaVersion: wrong type (string)"_s;
    QTest::newRow("unknown server")
        << uR"({"schemaVersion":1,"server":"ollama","title":"t","panels":[]})"_s << u"server: unknown value 'ollama'"_s;
    QTest::newRow("panels not array") << uR"({"schemaVersion":1,"server":"tgi","title":"t","panels":{}})"_s
                                      << u"panels: wrong type (object)"_s;
    QTest::newRow("unknown unit") << doc(u"1"_s, uR"({"title":"p","type":"timeseries","unit":"furlongs","queries":[]})"_s)
                                  << u"panels[0].unit: unknown value 'furlongs'"_s;
    QTest::newRow("unknown type") << doc(u"1"_s, uR"({"title":"p","type":"pie","unit":"count","queries":[]})"_s)
                                  << u"panels[0].type: unknown value 'pie'"_s;
    QTest::newRow("panel not object") << doc(u"1"_s, panel + u",3"_s) << u"panels[1]: not an object"_s;
    QTest::newRow("query without expr")
        << doc(u"1"_s, uR"({"title":"p","type":"stat","unit":"count","queries":[{"legend":"l"}]})"_s)
        << u"panels[0].queries[0].expr: missing"_s;
    QTest::newRow("threshold value string")
        << doc(u"1"_s, uR"({"title":"p","type":"stat","unit":"count","queries":[],"thresholds":[{"value":"1","severity":"warning"}]})"_s)
        << u"panels[0].thresholds[0].value: wrong type (string)"_s;
    QTest::newRow("threshold severity")
        << doc(u"1"_s, uR"({"title":"p","type":"stat","unit":"count","queries":[],"thresholds":[{"value":1,"severity":"meh"}]})"_s)
        << u"panels[0].thresholds[0].severity: unknown value 'meh'"_s;
    QTest::newRow("description not string")
        << doc(u"1"_s, uR"({"title":"p","description":7,"type":"stat","unit":"count","queries":[]})"_s)
        << u"panels[0].description: wrong type (number)"_s;
}

void TestDashboardJson::refuses()
{
    QFETCH(QString, document);
    QFETCH(QString, error);
    std::string message;
    const std::optional<Dashboard> d = dashboardFromJson(json::parse(document.toStdString()), &message);
    QVERIFY(!d);
    QVERIFY2(QString::fromStdString(message).startsWith(error), message.c_str());
    // No error pointer is fine too.
    QVERIFY(!dashboardFromJson(json::parse(document.toStdString())));
}

void TestDashboardJson::nonFiniteThresholdIsRefusedOnRead()
{
    Dashboard d = handMade();
    d.panels[0].thresholds = {{std::numeric_limits<double>::quiet_NaN(), Severity::Warning}};
    std::string error;
    QVERIFY(!dashboardFromJson(dashboardToJson(d), &error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral("panels[0].thresholds[0].value: not a finite number"));
    // Saved as text, NaN became null.
    QVERIFY(!dashboardFromJson(json::parse(dashboardToJson(d).dump()), &error));
    QCOMPARE(QString::fromStdString(error), QStringLiteral("panels[0].thresholds[0].value: wrong type (null)"));
    d.panels[0].thresholds = {{-std::numeric_limits<double>::infinity(), Severity::Critical}};
    QVERIFY(!dashboardFromJson(dashboardToJson(d), &error));
}

void TestDashboardJson::everyUnitRoundTrips()
{
    int units = 0;
    for (int i = 0; i < 64; ++i) {
        const Unit u = static_cast<Unit>(i);
        const std::string_view id = unitId(u);
        if (unitFromId(id) != u)
            break;
        ++units;
    }
    QCOMPARE(units, int(Unit::Watts) + 1);
    QCOMPARE(unitFromId("furlongs"), std::nullopt);
    QCOMPARE(panelKindFromId(panelKindId(PanelKind::Stat)), std::optional<PanelKind>(PanelKind::Stat));
    QCOMPARE(severityFromId(severityId(Severity::Critical)), std::optional<Severity>(Severity::Critical));
}

QTEST_GUILESS_MAIN(TestDashboardJson)
#include "tst_dashboard_json.moc"
