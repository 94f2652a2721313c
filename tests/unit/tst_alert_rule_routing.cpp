// The engine asks its querier per rule (RuleQuerier::instantForRule with the
// rule's id), so a querier that sends rules to different sources can tell
// two rules with the same expression apart: each gets its own answer, and
// each fires or stays quiet on its own. A querier that routes by expression
// only (the default) still gets the plain instant() call.

#include "AlertTestSupport.h"

#include "alerting/ManualClock.h"

#include <QTest>

using namespace mw;
using namespace mw::alerting;
using namespace mw::alerting::test;

namespace {

/// Answers by rule id: what each "source" holds for the same expression.
class ByRuleQuerier final : public RuleQuerier
{
public:
    std::map<std::string, double> values; ///< rule id -> value
    std::vector<std::string> asked;       ///< rule ids, in call order
    int plainCalls = 0;

    QueryOutcome instant(const std::string &, int64_t) override
    {
        ++plainCalls;
        return {};
    }
    QueryOutcome instantForRule(const std::string &ruleId, const std::string &, int64_t) override
    {
        asked.push_back(ruleId);
        const auto it = values.find(ruleId);
        if (it == values.end())
            return {};
        return QueryOutcome{{series({}, it->second)}, {}};
    }
};

AlertRule aucRule(std::string id)
{
    AlertRule r;
    r.id = id;
    r.name = id.substr(id.find('/') + 1);
    r.group = "quality";
    r.expr = "modelwatch_quality_roc_auc"; // the same text on both sources
    r.kind = ConditionKind::Threshold;
    r.op = CompareOp::Less;
    r.threshold = 0.8;
    r.intervalMs = 15'000;
    return r;
}

AlertState stateOf(const AlertEngine &engine, const std::string &ruleId)
{
    for (const AlertInstance &i : engine.instances())
        if (i.ruleId == ruleId)
            return i.state;
    return AlertState::Inactive;
}

} // namespace

class TestAlertRuleRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameExpressionTwoSources()
    {
        ManualClock clock(1'700'000'000'000);
        ByRuleQuerier querier;
        querier.values = {{"quality/FeedAucLow", 0.95}, {"quality/BucketAucLow", 0.70}};
        AlertEngine engine(clock, querier);
        std::vector<std::string> errors;
        engine.setRules({aucRule("quality/FeedAucLow"), aucRule("quality/BucketAucLow")}, &errors);
        QVERIFY(errors.empty());
        engine.tick();
        QCOMPARE(querier.plainCalls, 0);
        std::vector<std::string> asked = querier.asked;
        std::sort(asked.begin(), asked.end());
        QCOMPARE(asked, (std::vector<std::string>{"quality/BucketAucLow", "quality/FeedAucLow"}));
        QCOMPARE(stateOf(engine, "quality/BucketAucLow"), AlertState::Firing); // for 0: at once
        QCOMPARE(stateOf(engine, "quality/FeedAucLow"), AlertState::Inactive);

        // The other way round on the next evaluation.
        querier.values = {{"quality/FeedAucLow", 0.60}, {"quality/BucketAucLow", 0.95}};
        clock.advanceMs(15'000);
        engine.tick();
        QCOMPARE(stateOf(engine, "quality/FeedAucLow"), AlertState::Firing);
        QVERIFY(stateOf(engine, "quality/BucketAucLow") != AlertState::Firing);
    }

    void aPlainQuerierGetsTheExpression()
    {
        ManualClock clock(1'700'000'000'000);
        ScriptedQuerier querier;
        querier.set("lat", {series({{"model", "a"}}, 900)});
        AlertEngine engine(clock, querier);
        engine.setRules({latencyRule()});
        engine.tick();
        QCOMPARE(querier.calls.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(querier.calls.front().first), QStringLiteral("lat"));
        QCOMPARE(stateOf(engine, "serving/HighLatency"), AlertState::Firing);
    }
};

QTEST_GUILESS_MAIN(TestAlertRuleRouting)
#include "tst_alert_rule_routing.moc"
