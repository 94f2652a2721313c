// The alert rules editor's helpers without widgets: thresholds typed in the
// rule's unit (and with a unit of their own), the one-line condition, ids as
// the rule-file importer makes them, the field-by-field check (the
// parser's message and place for an expression), and the list model over
// the shipped demo dashboard (checked by QAbstractItemModelTester).

#include "RuleCheck.h"
#include "RuleIds.h"
#include "RuleListModel.h"
#include "RuleSummary.h"
#include "RuleValueText.h"
#include "dashboard/DashboardFile.h"
#include "promql/Ast.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <cmath>
#include <optional>

using namespace mw;
using namespace mw::rulesui;
using alerting::CompareOp;
using alerting::ValueUnit;
using dashboard::DocumentRule;

Q_DECLARE_METATYPE(alerting::ValueUnit)
Q_DECLARE_METATYPE(std::optional<double>)

namespace {

dashboard::Document demoDocument()
{
    const dashboard::DashboardFile::LoadResult r = dashboard::DashboardFile::load(QStringLiteral(":/dashboards/tfserving-demo.json"));
    if (!r.ok())
        qFatal("the demo dashboard does not load: %s", r.read.error->message.c_str());
    return *r.read.document;
}

DocumentRule goodRule()
{
    DocumentRule r;
    r.rule.id = "g/R";
    r.rule.name = "R";
    r.rule.group = "g";
    r.rule.expr = "up";
    r.rule.kind = alerting::ConditionKind::Threshold;
    r.rule.threshold = 1;
    return r;
}

RuleCheckResult checkOne(const DocumentRule &r, const dashboard::Document &d = {})
{
    return RuleCheck::check({r}, 0, d);
}

} // namespace

class TestAlertsRuleHelpers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numberRoundTrips_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("integer") << 500000.0 << QStringLiteral("500000");
        QTest::newRow("ratio") << 0.8 << QStringLiteral("0.8");
        QTest::newRow("negative") << -3.0 << QStringLiteral("-3");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0");
        QTest::newRow("million, no exponent") << 1e6 << QStringLiteral("1000000");
        QTest::newRow("tiny") << 1e-7 << QStringLiteral("1e-07");
        QTest::newRow("third") << 1.0 / 3 << QStringLiteral("0.3333333333333333");
    }
    void numberRoundTrips()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(RuleValueText::number(value), text);
        QCOMPARE(RuleValueText::parse(text, ValueUnit::None), std::optional<double>(value));
    }

    void parseInTheRulesUnit_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ValueUnit>("unit");
        QTest::addColumn<std::optional<double>>("value");
        const std::optional<double> none;
        QTest::newRow("plain µs") << QStringLiteral("500000") << ValueUnit::Microseconds << std::optional(500000.0);
        QTest::newRow("ms in µs") << QStringLiteral("500ms") << ValueUnit::Microseconds << std::optional(500000.0);
        QTest::newRow("s in µs, spaced") << QStringLiteral(" 0.5 s ") << ValueUnit::Microseconds << std::optional(500000.0);
        QTest::newRow("µ sign") << QStringLiteral("250\u00b5s") << ValueUnit::Microseconds << std::optional(250.0);
        QTest::newRow("ms in s") << QStringLiteral("123ms") << ValueUnit::Seconds << std::optional(0.123);
        QTest::newRow("min in ms") << QStringLiteral("2m") << ValueUnit::Milliseconds << std::optional(120000.0);
        QTest::newRow("percent as ratio") << QStringLiteral("80%") << ValueUnit::Ratio << std::optional(0.8);
        QTest::newRow("percent as percent") << QStringLiteral("80 %") << ValueUnit::Percent << std::optional(80.0);
        QTest::newRow("GiB") << QStringLiteral("2GiB") << ValueUnit::Bytes << std::optional(2147483648.0);
        QTest::newRow("exponent") << QStringLiteral("1.5e3") << ValueUnit::None << std::optional(1500.0);
        QTest::newRow("duration on a ratio") << QStringLiteral("5ms") << ValueUnit::Ratio << none;
        QTest::newRow("percent on none") << QStringLiteral("5%") << ValueUnit::None << none;
        QTest::newRow("words") << QStringLiteral("fast") << ValueUnit::Seconds << none;
        QTest::newRow("empty") << QString() << ValueUnit::None << none;
        QTest::newRow("inf") << QStringLiteral("inf") << ValueUnit::None << none;
        QTest::newRow("overflow") << QStringLiteral("1e308d") << ValueUnit::Seconds << none;
    }
    void parseInTheRulesUnit()
    {
        QFETCH(QString, text);
        QFETCH(ValueUnit, unit);
        QFETCH(std::optional<double>, value);
        QCOMPARE(RuleValueText::parse(text, unit), value);
    }

    void panelUnitsSuggestRuleUnits()
    {
        QCOMPARE(RuleValueText::fromPanelUnit(presets::Unit::Microseconds), std::optional(ValueUnit::Microseconds));
        QCOMPARE(RuleValueText::fromPanelUnit(presets::Unit::Ratio), std::optional(ValueUnit::Ratio));
        QCOMPARE(RuleValueText::fromPanelUnit(presets::Unit::RequestsPerSecond), std::optional<ValueUnit>());
        QCOMPARE(RuleValueText::allUnits().size(), std::size_t(7));
    }

    void conditionSummary()
    {
        alerting::AlertRule r = goodRule().rule;
        r.op = CompareOp::Greater;
        r.threshold = 500000;
        r.unit = ValueUnit::Microseconds;
        r.forMs = 5 * 60'000;
        QCOMPARE(RuleSummary::condition(r), QStringLiteral("> 500ms for 5m"));
        r.clearThreshold = 400000;
        QCOMPARE(RuleSummary::condition(r), QStringLiteral("> 500ms for 5m, clears < 400ms"));
        r.op = CompareOp::Less;
        r.threshold = 0.8;
        r.clearThreshold = 0.85;
        r.unit = ValueUnit::Ratio;
        r.forMs = 0;
        QCOMPARE(RuleSummary::condition(r), QStringLiteral("< 80%, clears > 85%"));
        r.kind = alerting::ConditionKind::Filter;
        r.forMs = 120'000;
        QCOMPARE(RuleSummary::condition(r), QStringLiteral("any series for 2m"));
        r.forMs = 0;
        QCOMPARE(RuleSummary::condition(r), QStringLiteral("any series"));
    }

    void idsAsTheImporterMakesThem()
    {
        QCOMPARE(RuleIds::base("tfserving", "HighLatency"), std::string("tfserving/HighLatency"));
        QCOMPARE(RuleIds::base("", "HighLatency"), std::string("HighLatency"));
        QCOMPARE(RuleIds::unique("g", "A", {}), std::string("g/A"));
        QCOMPARE(RuleIds::unique("g", "A", {"g/A"}), std::string("g/A#2"));
        QCOMPARE(RuleIds::unique("g", "A", {"g/A", "g/A#2", "g/B"}), std::string("g/A#3"));
    }

    void aGoodRulePasses()
    {
        const RuleCheckResult r = checkOne(goodRule());
        QVERIFY2(r.ok(), qPrintable(r.summary()));
        QCOMPARE(r.summary(), QString());
    }

    void expressionErrorIsTheParsers()
    {
        DocumentRule r = goodRule();
        r.rule.expr = "sum(rate(x[1m])";
        const RuleCheckResult result = checkOne(r);
        const promql::ParseResult parsed = promql::parse(r.rule.expr);
        QVERIFY(parsed.error);
        QVERIFY(result.expression);
        QCOMPARE(result.expression->message, QString::fromStdString(parsed.error->message));
        QCOMPARE(result.expression->position, int(parsed.error->offset));
        QCOMPARE(result.problems.at(RuleField::Expr),
                 QStringLiteral("%1:%2: %3").arg(parsed.error->line).arg(parsed.error->column)
                     .arg(QString::fromStdString(parsed.error->message)));
        QCOMPARE(result.summary(), QStringLiteral("Expression: ") + result.problems.at(RuleField::Expr));
        r.rule.expr.clear();
        QCOMPARE(checkOne(r).problems.at(RuleField::Expr), QStringLiteral("1:1: Enter an expression."));
    }

    void variablesAreSubstitutedBeforeParsing()
    {
        dashboard::Document d;
        dashboard::Variable v;
        v.name = "model";
        v.kind = dashboard::VariableKind::Custom;
        v.options = {"resnet"};
        d.variables = {v};
        DocumentRule r = goodRule();
        r.rule.expr = "up{model=\"$model\"}";
        QVERIFY(checkOne(r, d).ok());
    }

    void fieldsWithProblems()
    {
        dashboard::Document d = demoDocument();
        DocumentRule r = goodRule();
        r.rule.name.clear();
        r.rule.intervalMs = 0;
        r.rule.clearThreshold = 2; // above the threshold of a > rule
        r.source = "nowhere";
        r.panelId = 99;
        r.rule.labels = {{"team-x", "ml"}};
        r.rule.annotations = {{"", "text"}};
        const RuleCheckResult result = checkOne(r, d);
        QCOMPARE(result.problems.size(), std::size_t(7));
        QVERIFY(result.problems.count(RuleField::Name));
        QCOMPARE(result.problems.at(RuleField::Interval), QStringLiteral("Must be longer than 0s."));
        QCOMPARE(result.problems.at(RuleField::ClearThreshold),
                 QStringLiteral("Must be at or below the threshold for > and >=."));
        QCOMPARE(result.problems.at(RuleField::Source), QStringLiteral("No source is named “nowhere”."));
        QCOMPARE(result.problems.at(RuleField::Panel), QStringLiteral("No panel has id 99."));
        QVERIFY(result.problems.at(RuleField::Labels).contains(QStringLiteral("team-x")));
        QCOMPARE(result.problems.at(RuleField::Annotations), QStringLiteral("A row has no name."));
        QVERIFY(result.summary().startsWith(QStringLiteral("Name: ")));

        r = goodRule();
        r.rule.labels = {{"alertname", "x"}};
        QCOMPARE(checkOne(r).problems.at(RuleField::Labels), QStringLiteral("'alertname' is set from the rule's name."));
    }

    void idsMustBeUnique()
    {
        const DocumentRule a = goodRule();
        DocumentRule b = goodRule();
        b.rule.name = "Other";
        const std::vector<DocumentRule> rules = {a, b};
        QCOMPARE(RuleCheck::check(rules, 1, {}).problems.at(RuleField::Id), QStringLiteral("Another rule has the id “g/R”."));
        QCOMPARE(RuleCheck::check(rules, 0, {}).problems.count(RuleField::Id), std::size_t(1));
        b.rule.id = "g/Other";
        QVERIFY(RuleCheck::check({a, b}, 1, {}).ok());
    }

    void listModelOverTheDemo()
    {
        const dashboard::Document d = demoDocument();
        RuleListModel model(d);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(d.rules);
        QCOMPARE(model.rowCount(), 4);
        const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, RuleListModel::NameColumn), QStringLiteral("HighLatency"));
        QCOMPARE(text(0, RuleListModel::SeverityColumn), QStringLiteral("Critical"));
        QCOMPARE(text(0, RuleListModel::ConditionColumn), QStringLiteral("> 500ms for 1m, clears < 400ms"));
        QCOMPARE(text(0, RuleListModel::SourceColumn), QStringLiteral("Default (demo)"));
        QCOMPARE(text(0, RuleListModel::PanelColumn), QStringLiteral("Latency p50/p95/p99"));
        QCOMPARE(text(2, RuleListModel::SourceColumn), QStringLiteral("demo-feed"));
        QCOMPARE(text(1, RuleListModel::ConditionColumn), QStringLiteral("< 80% for 1m, clears > 85%"));

        model.setProblem(1, QStringLiteral("Expression: broken"));
        QCOMPARE(model.problemCount(), 1);
        QCOMPARE(model.index(1, 0).data(RuleListModel::ProblemRole).toString(), QStringLiteral("Expression: broken"));
        QVERIFY(!model.index(1, 0).data(Qt::DecorationRole).isNull());
        QVERIFY(model.index(0, 0).data(Qt::DecorationRole).isNull());

        DocumentRule extra = goodRule();
        model.insertRule(1, extra);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowOfId("g/R"), 1);
        QCOMPARE(model.problem(2), QStringLiteral("Expression: broken")); // moved with its row
        extra.rule.name = "Renamed";
        model.setRule(1, extra);
        QCOMPARE(text(1, RuleListModel::NameColumn), QStringLiteral("Renamed"));
        model.removeRule(1);
        QCOMPARE(model.rowOfId("g/R"), -1);
        QCOMPARE(model.rules().size(), std::size_t(4));
    }
};

QTEST_MAIN(TestAlertsRuleHelpers)
#include "tst_alerts_rule_helpers.moc"
