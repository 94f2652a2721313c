// The alert engine's state machine on a stepped clock: pending → firing after
// `for` to the millisecond, pending alerts dropped early, keep_firing_for,
// hysteresis, one instance per series, no-data and error policies, resolved
// retention, the evaluation schedule, rule replacement.

#include "AlertTestSupport.h"

#include "alerting/ManualClock.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace mw;
using namespace mw::alerting;
using namespace mw::alerting::test;

namespace {

struct Rig
{
    explicit Rig(AlertRule rule = latencyRule(), EngineOptions options = {})
        : engine(clock, querier, options)
    {
        std::vector<std::string> errors;
        engine.setRules({std::move(rule)}, &errors);
        if (!errors.empty())
            qFatal("rule refused: %s", errors.front().c_str());
    }
    /// Moves the clock to `ms` and ticks.
    std::vector<AlertEvent> at(int64_t ms)
    {
        clock.setMs(ms);
        return engine.tick();
    }
    AlertState state(std::string_view model)
    {
        const auto inst = engine.instance(latencyAlertId(model, engine.rules().front()));
        return inst ? inst->state : AlertState::Inactive;
    }

    ManualClock clock;
    ScriptedQuerier querier;
    AlertEngine engine;
};

} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT

private slots:
    void pendingThenFiringExactlyAfterFor()
    {
        AlertRule rule = latencyRule();
        rule.forMs = 60'000;
        Rig rig(rule);
        rig.querier.set("lat", {series({{"__name__", "lat"}, {"model", "a"}}, 600)});

        auto events = rig.at(0);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].fromState, AlertState::Inactive);
        QCOMPARE(transitions(events)[0].instance.state, AlertState::Pending);
        QVERIFY(notifications(events).empty());
        for (int64_t t = 15'000; t < 60'000; t += 15'000)
            QVERIFY(rig.at(t).empty());
        QCOMPARE(rig.state("a"), AlertState::Pending);

        // One millisecond short of `for`: an evaluation then still says pending.
        rig.clock.setMs(59'999);
        QVERIFY(rig.engine.evaluateNow(rule.id).empty());
        QCOMPARE(rig.state("a"), AlertState::Pending);

        events = rig.at(60'000);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].fromState, AlertState::Pending);
        QCOMPARE(transitions(events)[0].instance.state, AlertState::Firing);
        QCOMPARE(transitions(events)[0].detail, std::string("active for 1m"));
        QCOMPARE(notifications(events).size(), std::size_t(1));
        QCOMPARE(notifications(events)[0].reason, NotifyReason::Firing);
        const AlertInstance a = notifications(events)[0].instance;
        QCOMPARE(a.activeAtMs, int64_t(0));
        QCOMPARE(a.firedAtMs, std::optional<int64_t>(60'000));
        QCOMPARE(a.value, 600.0);
        QCOMPARE(a.labels.get("__name__"), std::optional<std::string_view>());
        QCOMPARE(a.labels.get("alertname"), std::optional<std::string_view>("HighLatency"));
        QCOMPARE(a.labels.get("severity"), std::optional<std::string_view>("critical"));
    }

    void forZeroFiresAtOnce()
    {
        Rig rig;
        rig.querier.set("lat", {series({{"model", "a"}}, 501)});
        const auto events = rig.at(0);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].fromState, AlertState::Inactive);
        QCOMPARE(transitions(events)[0].instance.state, AlertState::Firing);
        QCOMPARE(notifications(events).size(), std::size_t(1));
    }

    void pendingDropsBeforeForIsForgotten()
    {
        AlertRule rule = latencyRule();
        rule.forMs = 60'000;
        Rig rig(rule);
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        rig.querier.set("lat", {series({{"model", "a"}}, 100)});
        const auto events = rig.at(15'000);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].fromState, AlertState::Pending);
        QCOMPARE(transitions(events)[0].instance.state, AlertState::Inactive);
        QVERIFY(notifications(events).empty());
        QVERIFY(rig.engine.instances().empty());
        // Coming back starts `for` again from scratch.
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(30'000);
        rig.at(75'000);
        QCOMPARE(rig.state("a"), AlertState::Pending);
        rig.at(90'000);
        QCOMPARE(rig.state("a"), AlertState::Firing);
    }

    void keepFiringFor()
    {
        AlertRule rule = latencyRule();
        rule.keepFiringForMs = 60'000;
        Rig rig(rule);
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        rig.querier.set("lat", {series({{"model", "a"}}, 100)});
        QVERIFY(rig.at(15'000).empty());
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->keepFiringSinceMs, std::optional<int64_t>(15'000));
        // The condition returns: the keep_firing_for clock starts over.
        rig.querier.set("lat", {series({{"model", "a"}}, 700)});
        rig.at(30'000);
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->keepFiringSinceMs, std::optional<int64_t>());
        rig.querier.set("lat", {series({{"model", "a"}}, 90)});
        for (int64_t t = 45'000; t < 105'000; t += 15'000) {
            QVERIFY(rig.at(t).empty());
            QCOMPARE(rig.state("a"), AlertState::Firing);
        }
        const auto events = rig.at(105'000); // 60 s after it first went missing at 45 s
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        QCOMPARE(notifications(events).size(), std::size_t(1));
        QCOMPARE(notifications(events)[0].reason, NotifyReason::Resolved);
        QCOMPARE(transitions(events)[0].detail, std::string("condition cleared, kept firing for 1m"));
    }

    void hysteresis()
    {
        AlertRule rule = latencyRule();
        rule.clearThreshold = 400;
        Rig rig(rule);
        auto value = [&](double v) { rig.querier.set("lat", {series({{"model", "a"}}, v)}); };
        value(600);
        rig.at(0);
        QCOMPARE(rig.state("a"), AlertState::Firing);
        value(450); // below the trigger, above the clear threshold: keeps firing
        QVERIFY(rig.at(15'000).empty());
        QCOMPARE(rig.state("a"), AlertState::Firing);
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->value, 450.0);
        value(400); // not below 400 yet
        rig.at(30'000);
        QCOMPARE(rig.state("a"), AlertState::Firing);
        value(399.9);
        rig.at(45'000);
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        value(450); // in the band, but not firing: stays resolved
        QVERIFY(rig.at(60'000).empty());
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        value(501);
        const auto events = rig.at(75'000);
        QCOMPARE(rig.state("a"), AlertState::Firing);
        QCOMPARE(transitions(events)[0].fromState, AlertState::Resolved);
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->activeAtMs, int64_t(75'000));
    }

    void hysteresisHoldsOnlyFiringNotPending()
    {
        AlertRule rule = latencyRule();
        rule.clearThreshold = 400;
        rule.forMs = 30'000;
        Rig rig(rule);
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        rig.querier.set("lat", {series({{"model", "a"}}, 450)});
        rig.at(15'000);
        QVERIFY(rig.engine.instances().empty());
    }

    void hysteresisBelowThreshold()
    {
        AlertRule rule = latencyRule(); // "free memory < 100, clear above 150"
        rule.op = CompareOp::Less;
        rule.threshold = 100;
        rule.clearThreshold = 150;
        Rig rig(rule);
        rig.querier.set("lat", {series({{"model", "a"}}, 90)});
        rig.at(0);
        rig.querier.set("lat", {series({{"model", "a"}}, 140)});
        rig.at(15'000);
        QCOMPARE(rig.state("a"), AlertState::Firing);
        rig.querier.set("lat", {series({{"model", "a"}}, 151)});
        rig.at(30'000);
        QCOMPARE(rig.state("a"), AlertState::Resolved);
    }

    void instancePerSeries()
    {
        AlertRule rule = latencyRule();
        rule.labels = {{"team", "ml"}, {"shout", "{{ $labels.model | toUpper }}"}};
        Rig rig(rule);
        rig.querier.set("lat", {series({{"__name__", "lat"}, {"model", "a"}}, 600), series({{"model", "b"}}, 100)});
        rig.at(0);
        QCOMPARE(rig.engine.instances().size(), std::size_t(1));
        const AlertInstance a = rig.engine.instances().front();
        QCOMPARE(a.labels.get("shout"), std::optional<std::string_view>("A"));
        QCOMPARE(a.labels.get("team"), std::optional<std::string_view>("ml"));

        rig.querier.set("lat", {series({{"model", "b"}}, 700), series({{"model", "c"}}, 800)});
        const auto events = rig.at(15'000);
        QCOMPARE(rig.engine.instances().size(), std::size_t(3));
        QCOMPARE(rig.engine.instances()[0].labels.get("model"), std::optional<std::string_view>("a"));
        QCOMPARE(rig.engine.instances()[0].state, AlertState::Resolved);
        QCOMPARE(rig.engine.instances()[1].state, AlertState::Firing);
        QCOMPARE(rig.engine.instances()[2].state, AlertState::Firing);
        QCOMPARE(notifications(events).size(), std::size_t(3)); // a resolved, b and c firing
        QVERIFY(rig.engine.instances()[1].id() != rig.engine.instances()[2].id());
    }

    void nanNeverTriggers()
    {
        Rig rig;
        rig.querier.set("lat", {series({{"model", "a"}}, std::numeric_limits<double>::quiet_NaN())});
        QVERIFY(rig.at(0).empty());
        QVERIFY(rig.engine.instances().empty());
    }

    void filterRule()
    {
        AlertRule rule = latencyRule();
        rule.kind = ConditionKind::Filter;
        rule.expr = "lat > 500";
        rule.noData = StatePolicy::Alerting; // not used: an empty filter result is "all fine"
        Rig rig(rule);
        rig.querier.set("lat > 500", {series({{"model", "a"}}, 7)}); // any value: the series is the alert
        rig.at(0);
        QCOMPARE(rig.state("a"), AlertState::Firing);
        QCOMPARE(rig.engine.instances().front().value, 7.0);
        rig.querier.set("lat > 500", {});
        rig.at(15'000);
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        QCOMPARE(rig.engine.instances().size(), std::size_t(1));
    }

    void noDataAndErrorPolicies_data()
    {
        QTest::addColumn<bool>("error");
        QTest::addColumn<int>("policy");
        for (bool error : {false, true}) {
            const char *what = error ? "error" : "no data";
            QTest::addRow("%s keep_state", what) << error << int(StatePolicy::KeepState);
            QTest::addRow("%s alerting", what) << error << int(StatePolicy::Alerting);
            QTest::addRow("%s ok", what) << error << int(StatePolicy::Ok);
        }
    }

    void noDataAndErrorPolicies()
    {
        QFETCH(bool, error);
        QFETCH(int, policy);
        AlertRule rule = latencyRule();
        (error ? rule.onError : rule.noData) = StatePolicy(policy);
        Rig rig(rule);
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        if (error)
            rig.querier.fail("lat", "connection refused");
        else
            rig.querier.set("lat", {});
        const auto events = rig.at(15'000);
        const auto health = rig.engine.health(rule.id);
        QVERIFY(health);
        QCOMPARE(health->noData, !error);
        QCOMPARE(health->lastError, std::string(error ? "connection refused" : ""));
        const std::string conditionId = [&] {
            Labels l{{"alertname", "HighLatency"}, {"severity", "critical"}, {kConditionLabel, error ? "Error" : "NoData"}};
            return instanceId(rule.id, l);
        }();
        switch (StatePolicy(policy)) {
        case StatePolicy::KeepState:
            QVERIFY(events.empty());
            QCOMPARE(rig.state("a"), AlertState::Firing);
            QCOMPARE(rig.engine.instances().size(), std::size_t(1));
            break;
        case StatePolicy::Ok:
            QCOMPARE(rig.state("a"), AlertState::Resolved);
            QCOMPARE(notifications(events).size(), std::size_t(1));
            break;
        case StatePolicy::Alerting: {
            QCOMPARE(rig.state("a"), AlertState::Firing); // series alerts keep their state
            const auto synthetic = rig.engine.instance(conditionId);
            QVERIFY(synthetic);
            QCOMPARE(synthetic->state, AlertState::Firing);
            QVERIFY(std::isnan(synthetic->value));
            QCOMPARE(synthetic->annotations.count("error"), std::size_t(error ? 1 : 0));
            QCOMPARE(notifications(events).size(), std::size_t(1));
            // Data again: the synthetic alert resolves, the series alert goes on.
            rig.querier.set("lat", {series({{"model", "a"}}, 600)});
            rig.at(30'000);
            QCOMPARE(rig.engine.instance(conditionId)->state, AlertState::Resolved);
            QCOMPARE(rig.state("a"), AlertState::Firing);
            break;
        }
        }
    }

    void resolvedKeptFifteenMinutes()
    {
        Rig rig;
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        rig.querier.set("lat", {});
        rig.engine.setRules({[] { AlertRule r = latencyRule(); r.noData = StatePolicy::Ok; return r; }()});
        rig.at(15'000);
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        QVERIFY(rig.at(15'000 + 15 * 60'000 - 1).empty());
        QCOMPARE(rig.state("a"), AlertState::Resolved);
        const auto events = rig.at(15'000 + 15 * 60'000);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].fromState, AlertState::Resolved);
        QCOMPARE(transitions(events)[0].instance.state, AlertState::Inactive);
        QVERIFY(rig.engine.instances().empty());
    }

    void evaluatesOnItsInterval()
    {
        AlertRule rule = latencyRule();
        rule.intervalMs = 30'000;
        Rig rig(rule);
        for (int64_t t = 0; t <= 70'000; t += 10'000)
            rig.at(t);
        QCOMPARE(rig.querier.calls.size(), std::size_t(3));
        QCOMPARE(rig.querier.calls[0].second, int64_t(0));
        QCOMPARE(rig.querier.calls[1].second, int64_t(30'000));
        QCOMPARE(rig.querier.calls[2].second, int64_t(60'000));
        QCOMPARE(rig.querier.calls[2].first, std::string("lat"));
    }

    void setRulesDropsRemovedAndRefusesInvalid()
    {
        Rig rig;
        rig.querier.set("lat", {series({{"model", "a"}}, 600)});
        rig.at(0);
        AlertRule bad = latencyRule();
        bad.id = "bad";
        bad.clearThreshold = 900; // above the threshold of a > rule
        AlertRule dup = latencyRule();
        std::vector<std::string> errors;
        AlertRule other = latencyRule();
        other.id = "other";
        const auto events = rig.engine.setRules({bad, other, dup, other}, &errors);
        QCOMPARE(errors.size(), std::size_t(2));
        QVERIFY(errors[0].rfind("bad: clearThreshold", 0) == 0);
        QCOMPARE(errors[1], std::string("other: duplicate rule id"));
        QCOMPARE(rig.engine.rules().size(), std::size_t(2));
        QVERIFY(events.empty()); // serving/HighLatency (dup) is kept with its alert
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->state, AlertState::Firing);
        const auto removed = rig.engine.setRules({other});
        QCOMPARE(removed.size(), std::size_t(1));
        QCOMPARE(removed[0].instance.state, AlertState::Inactive);
        QCOMPARE(removed[0].detail, std::string("rule removed"));
    }

    void sameLabelsAfterDroppingNameKeepsFirst()
    {
        Rig rig;
        rig.querier.set("lat", {series({{"__name__", "x"}, {"model", "a"}}, 600),
                                series({{"__name__", "y"}, {"model", "a"}}, 700)});
        rig.at(0);
        QCOMPARE(rig.engine.instances().size(), std::size_t(1));
        QCOMPARE(rig.engine.instances().front().value, 600.0);
        QVERIFY(!rig.engine.health(latencyRule().id)->lastError.empty());
    }

    void seriesCap()
    {
        EngineOptions options;
        options.maxSeriesPerRule = 2;
        Rig rig(latencyRule(), options);
        rig.querier.set("lat", {series({{"model", "a"}}, 600), series({{"model", "b"}}, 600), series({{"model", "c"}}, 600)});
        rig.at(0);
        QCOMPARE(rig.engine.instances().size(), std::size_t(2));
        QCOMPARE(rig.engine.health(latencyRule().id)->lastError, std::string("3 series, only the first 2 kept"));
    }
};

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alert_engine.moc"
