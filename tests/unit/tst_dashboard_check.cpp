// `dashboard check`'s core: every panel and rule expression parsed with the
// PromQL parser, errors at their JSON pointer and column in the expression
// as written (variables substituted first, columns mapped back).

#include "dashboard/DocumentCheck.h"
#include "dashboard/DocumentJson.h"
#include "dashboard/KpiTemplates.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw::dashboard;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

Document withExprs(std::vector<std::string> exprs, std::string ruleExpr = "up == 0")
{
    Document d;
    d.variables = {{"model", "", VariableKind::Custom, {}, {"resnet", "bert"}, {}, false, false},
                   {"window", "", VariableKind::Custom, {}, {"5m"}, {}, false, false}};
    Panel p;
    p.id = 1;
    for (std::size_t i = 0; i < exprs.size(); ++i)
        p.queries.push_back({std::string(1, char('A' + i)), exprs[i], {}, false});
    d.panels = {p};
    mw::alerting::AlertRule r;
    r.id = "r";
    r.name = "R";
    r.expr = std::move(ruleExpr);
    d.rules = {{r, std::nullopt, ""}};
    return d;
}

} // namespace

class TestDashboardCheck : public QObject
{
    Q_OBJECT

private slots:
    void validExpressionsPass()
    {
        const Document d = withExprs({"sum(rate(x{model=~\"$model\"}[$window]))", "rate(y[${window}])",
                                      "histogram_quantile(0.99, sum by (le) (rate(z_bucket{m=\"[[model]]\"}[1m])))"});
        const std::vector<Issue> issues = checkExpressions(d);
        QVERIFY2(issues.empty(), issues.empty() ? "" : issues.front().toString().c_str());
    }

    void errorsHavePointerAndColumn()
    {
        // Column 23 is the '}' after `$window` (7 characters, replaced by "5m").
        const Document d = withExprs({"up", "rate(x{a=\"µ\"}[$window]}"}, "sum(up) by");
        const std::vector<Issue> issues = checkExpressions(d);
        QCOMPARE(issues.size(), std::size_t{2});
        QCOMPARE(q(issues[0].pointer), u"/panels/0/queries/1/expr"_s);
        QCOMPARE(issues[0].column, 23);
        QVERIFY2(q(issues[0].toString()).startsWith(u"/panels/0/queries/1/expr:23: unexpected"_s),
                 issues[0].toString().c_str());
        QCOMPARE(q(issues[1].pointer), u"/rules/0/expr"_s);
        QVERIFY(issues[1].column > 0);
    }

    void kpiTemplatesAreValidPanels()
    {
        Document d;
        d.panels = {kpi::throughput("Throughput", ":tensorflow:serving:request_count", "model_name"),
                    kpi::latency("Latency", ":tensorflow:serving:request_latency_bucket", Unit::Microseconds, "model_name"),
                    kpi::memory("Memory", "process_resident_memory_bytes", "RSS"),
                    kpi::precisionRecall("Quality", "model_predictions_total")};
        for (std::size_t i = 0; i < d.panels.size(); ++i)
            d.panels[i].id = int(i + 1);
        QVERIFY(checkExpressions(d).empty());
        QVERIFY(documentFromJson(documentToJson(d)).document == d);
        QCOMPARE(q(d.panels[0].queries[0].expr), u"sum by (model_name) (rate(:tensorflow:serving:request_count[1m]))"_s);
        QCOMPARE(q(d.panels[0].queries[0].legend), u"{{model_name}}"_s);
        QCOMPARE(d.panels[1].queries.size(), std::size_t{3});
        QCOMPARE(q(d.panels[1].queries[2].legend), u"p99 {{model_name}}"_s);
        QCOMPARE(d.panels[2].unit, Unit::Bytes);
        QCOMPARE(q(d.panels[3].queries[1].expr),
                 uR"(sum(rate(model_predictions_total{predicted="1",actual="1"}[5m])) / sum(rate(model_predictions_total{actual="1"}[5m])))"_s);
        QCOMPARE(d.panels[3].thresholds.size(), std::size_t{2});
    }

    void substitutionMapsBack()
    {
        std::vector<std::size_t> origin;
        const std::vector<Variable> vars{{"m", "", VariableKind::Custom, {}, {"abc"}, {}, false, false}};
        QCOMPARE(q(substituteVariables("x{a=\"$m\"} $unknown ${m:regex}", vars, &origin)),
                 u"x{a=\"abc\"} $unknown abc"_s);
        QCOMPARE(origin.size(), std::size_t{23});
        QCOMPARE(origin[5], std::size_t{5});
        QCOMPARE(origin[7], std::size_t{5});
        QCOMPARE(origin[8], std::size_t{7});
    }
};

QTEST_GUILESS_MAIN(TestDashboardCheck)
#include "tst_dashboard_check.moc"
