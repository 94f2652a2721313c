// The rules' JSON form (part of the dashboard document to come): every kind
// of rule survives JSON and back exactly, as a value and as text; wrong
// documents are refused with the path of the first problem.

#include "alerting/AlertRuleJson.h"
#include "alerting/RuleFileImporter.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw::alerting;
using nlohmann::json;

Q_DECLARE_METATYPE(AlertRule)

namespace {

AlertRule thresholdRule()
{
    AlertRule r;
    r.id = "tfserving/HighLatency";
    r.name = "HighLatency";
    r.group = "tfserving";
    r.expr = "rate(:tensorflow:serving:request_latency_sum[1m]) / rate(:tensorflow:serving:request_latency_count[1m])";
    r.kind = ConditionKind::Threshold;
    r.op = CompareOp::GreaterEqual;
    r.threshold = 1.0 / 3.0; // needs all 17 digits
    r.clearThreshold = 0.25;
    r.intervalMs = 30'000;
    r.forMs = 5'400'000;
    r.keepFiringForMs = 1;
    r.repeatIntervalMs = 7'200'000;
    r.severity = Severity::Critical;
    r.unit = ValueUnit::Microseconds;
    r.noData = StatePolicy::Alerting;
    r.onError = StatePolicy::Ok;
    r.labels = {{"team", "ml \"prod\" ✓"}, {"model", "{{ $labels.model_name }}"}};
    r.annotations = {{"summary", "{{ $value | humanizeDuration }}\nline 2\ttab"}};
    return r;
}

AlertRule filterRule()
{
    AlertRule r;
    r.id = "x";
    r.name = "Up";
    r.expr = "up == 0";
    return r;
}

} // namespace

class TestAlertRuleJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<AlertRule>("rule");
        QTest::newRow("threshold, everything set") << thresholdRule();
        QTest::newRow("filter, defaults") << filterRule();
        AlertRule lt = thresholdRule();
        lt.op = CompareOp::Less;
        lt.threshold = -5e-324;
        lt.clearThreshold = 1.7976931348623157e308;
        lt.labels.clear();
        lt.repeatIntervalMs = 0;
        QTest::newRow("extreme numbers") << lt;
        for (const AlertRule &r : importRuleFile([] {
                 QFile f(QStringLiteral(MW_TEST_DATA_DIR "/alerting/tfserving_rules.yml"));
                 if (!f.open(QIODevice::ReadOnly))
                     qFatal("no rule file");
                 return f.readAll().toStdString();
             }()).rules)
            QTest::addRow("imported %s", r.id.c_str()) << r;
    }

    void roundTrip()
    {
        QFETCH(AlertRule, rule);
        const json j = alertRuleToJson(rule);
        std::string error;
        const auto back = alertRuleFromJson(j, &error);
        QVERIFY2(back, error.c_str());
        QVERIFY(*back == rule);
        // Through text as well: the document is saved and read back as text.
        const auto fromText = alertRuleFromJson(json::parse(j.dump(2)), &error);
        QVERIFY2(fromText, error.c_str());
        QVERIFY(*fromText == rule);
        QCOMPARE(alertRuleToJson(*fromText).dump(), j.dump());
    }

    void documentShape()
    {
        const json j = alertRuleToJson(thresholdRule());
        QCOMPARE(QString::fromStdString(j.at("for").get<std::string>()), u"1h30m"_s);
        QCOMPARE(QString::fromStdString(j.at("keepFiringFor").get<std::string>()), u"1ms"_s);
        QCOMPARE(QString::fromStdString(j.at("condition").at("op").get<std::string>()), u">="_s);
        QCOMPARE(QString::fromStdString(j.at("noData").get<std::string>()), u"alerting"_s);
        QCOMPARE(QString::fromStdString(j.at("unit").get<std::string>()), u"microseconds"_s);
        const json f = alertRuleToJson(filterRule());
        QCOMPARE(f.at("condition").dump(), std::string(R"({"kind":"filter"})"));
        QVERIFY(!f.contains("repeatInterval"));
    }

    void list()
    {
        const std::vector<AlertRule> rules{thresholdRule(), filterRule()};
        const auto back = alertRulesFromJson(alertRulesToJson(rules));
        QVERIFY(back);
        QVERIFY(*back == rules);
        std::string error;
        json bad = alertRulesToJson(rules);
        bad[1]["condition"]["kind"] = "fuzzy";
        QVERIFY(!alertRulesFromJson(bad, &error));
        QCOMPARE(QString::fromStdString(error), u"[1].condition.kind: unknown kind 'fuzzy'"_s);
        QVERIFY(!alertRulesFromJson(json::object(), &error));
        QCOMPARE(QString::fromStdString(error), u"rules: not an array"_s);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("patch"); // a JSON merge patch onto thresholdRule()
        QTest::addColumn<QString>("error");
        QTest::newRow("no id") << uR"({"id": null})"_s << u"id: missing"_s;
        QTest::newRow("name type") << uR"({"name": 5})"_s << u"name: wrong type (number)"_s;
        QTest::newRow("no condition") << uR"({"condition": null})"_s << u"condition: missing"_s;
        QTest::newRow("operator") << uR"({"condition": {"op": "=>"}})"_s << u"condition.op: unknown operator '=>'"_s;
        QTest::newRow("threshold missing") << uR"({"condition": {"threshold": null}})"_s << u"condition.threshold: missing"_s;
        QTest::newRow("threshold as a string") << uR"({"condition": {"threshold": "NaN"}})"_s
                                                << u"condition.threshold: wrong type (string)"_s;
        QTest::newRow("clear above") << uR"({"condition": {"clearThreshold": 2}})"_s
                                     << u"clearThreshold: must be at or below the threshold for > and >="_s;
        QTest::newRow("duration") << uR"({"for": "5 minutes"})"_s << u"for: not a duration '5 minutes'"_s;
        QTest::newRow("interval zero") << uR"({"interval": "0s"})"_s << u"interval: must be positive"_s;
        QTest::newRow("severity") << uR"({"severity": "meh"})"_s << u"severity: unknown severity 'meh'"_s;
        QTest::newRow("policy") << uR"({"noData": "panic"})"_s << u"noData: unknown policy 'panic'"_s;
        QTest::newRow("label type") << uR"({"labels": {"a": 1}})"_s << u"labels.a: wrong type (number)"_s;
        QTest::newRow("alertname label") << uR"({"labels": {"alertname": "x"}})"_s
                                         << u"labels: 'alertname' is set from the rule's name"_s;
    }

    void refusals()
    {
        QFETCH(QString, patch);
        QFETCH(QString, error);
        json j = alertRuleToJson(thresholdRule());
        j.merge_patch(json::parse(patch.toStdString()));
        std::string message;
        QVERIFY(!alertRuleFromJson(j, &message));
        QCOMPARE(QString::fromStdString(message), error);
    }

    void nonFiniteInMemoryRefused()
    {
        json j = alertRuleToJson(thresholdRule());
        j["condition"]["threshold"] = std::numeric_limits<double>::infinity();
        std::string message;
        QVERIFY(!alertRuleFromJson(j, &message));
        QCOMPARE(QString::fromStdString(message), u"condition.threshold: not a finite number"_s);
        QVERIFY(!alertRuleFromJson(json::array(), &message));
        QCOMPARE(QString::fromStdString(message), u"rule: not an object"_s);
    }

    void unknownMembersIgnored()
    {
        json j = alertRuleToJson(filterRule());
        j["fromTheFuture"] = {1, 2};
        QVERIFY(alertRuleFromJson(j));
    }
};

QTEST_GUILESS_MAIN(TestAlertRuleJson)
#include "tst_alert_rule_json.moc"
