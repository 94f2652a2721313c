// What the operator does to alerts and what the engine then announces:
// acknowledgements (until resolved, for a duration), snoozes by label matchers
// with expiry, repeat notifications only for unacknowledged firing alerts,
// resolution announced even when acknowledged, and restore after a restart
// (from a snapshot and from the persisted events) without re-notifying.

#include "AlertTestSupport.h"

#include "alerting/ManualClock.h"

#include <QTest>

using namespace mw;
using namespace mw::alerting;
using namespace mw::alerting::test;

namespace {

constexpr int64_t kMinute = 60'000;

AlertRule repeatingRule()
{
    AlertRule r = latencyRule();
    r.intervalMs = kMinute;
    r.repeatIntervalMs = 20 * kMinute;
    r.noData = StatePolicy::Ok;
    return r;
}

struct Rig
{
    Rig() : engine(clock, querier) { engine.setRules({repeatingRule()}); }
    std::vector<AlertEvent> at(int64_t ms)
    {
        clock.setMs(ms);
        auto events = engine.tick();
        log.insert(log.end(), events.begin(), events.end());
        return events;
    }
    /// Ticks every minute from the clock's time up to `untilMs` (inclusive)
    /// and returns every notification on the way.
    std::vector<AlertEvent> runUntil(int64_t untilMs)
    {
        std::vector<AlertEvent> out;
        for (int64_t t = clock.nowMs() + kMinute; t <= untilMs; t += kMinute) {
            const auto n = notifications(at(t));
            out.insert(out.end(), n.begin(), n.end());
        }
        return out;
    }
    void keep(ActionResult r)
    {
        QVERIFY2(r.ok(), r.error.c_str());
        log.insert(log.end(), r.events.begin(), r.events.end());
    }
    void firing(std::initializer_list<std::string_view> models)
    {
        std::vector<SeriesValue> s;
        for (std::string_view m : models)
            s.push_back(series({{"model", m}}, 900));
        querier.set("lat", std::move(s));
    }

    ManualClock clock;
    ScriptedQuerier querier;
    AlertEngine engine;
    std::vector<AlertEvent> log; ///< everything, as the history would persist it
};

std::vector<std::string> models(const std::vector<AlertEvent> &events)
{
    std::vector<std::string> out;
    for (const AlertEvent &e : events)
        out.emplace_back(e.instance.labels.get("model").value_or("?"));
    return out;
}

} // namespace

class TestAlertAck : public QObject
{
    Q_OBJECT

private slots:
    void ackUntilResolved()
    {
        Rig rig;
        rig.firing({"a"});
        QCOMPARE(notifications(rig.at(0)).size(), std::size_t(1));
        rig.clock.setMs(5 * kMinute);
        const ActionResult r = rig.engine.acknowledge(latencyAlertId("a"), "ana", "looking at the GPU");
        QVERIFY(r.ok());
        QCOMPARE(r.events.size(), std::size_t(2));
        QCOMPARE(r.events[0].kind, EventKind::Acknowledged);
        QCOMPARE(r.events[0].actor, std::string("ana"));
        QCOMPARE(r.events[1].kind, EventKind::Transition);
        QCOMPARE(r.events[1].fromStatus, AlertStatus::Firing);
        QCOMPARE(r.events[1].toStatus, AlertStatus::Acknowledged);
        const Acknowledgement ack = *rig.engine.instance(latencyAlertId("a"))->ack;
        QCOMPARE(ack.by, std::string("ana"));
        QCOMPARE(ack.atMs, 5 * kMinute);
        QCOMPARE(ack.comment, std::string("looking at the GPU"));
        QCOMPARE(ack.untilMs, std::optional<int64_t>());

        QVERIFY(rig.runUntil(120 * kMinute).empty()); // six repeat intervals, all muted
        rig.querier.set("lat", {});
        const auto n = notifications(rig.at(121 * kMinute));
        QCOMPARE(n.size(), std::size_t(1));
        QCOMPARE(n[0].reason, NotifyReason::Resolved); // announced although acknowledged
        QVERIFY(!n[0].instance.ack);
        // It fires again: a new problem, not acknowledged, announced.
        rig.firing({"a"});
        const auto again = notifications(rig.at(122 * kMinute));
        QCOMPARE(again.size(), std::size_t(1));
        QCOMPARE(again[0].reason, NotifyReason::Firing);
        QCOMPARE(*rig.engine.status(latencyAlertId("a")), AlertStatus::Firing);
    }

    void ackForADuration()
    {
        Rig rig;
        rig.firing({"a"});
        rig.at(0);
        rig.clock.setMs(5 * kMinute);
        QVERIFY(rig.engine.acknowledge(latencyAlertId("a"), "ana", "", 30 * kMinute).ok());
        QVERIFY(rig.runUntil(34 * kMinute).empty());
        const auto events = rig.at(35 * kMinute);
        const auto cleared = ofKind(events, EventKind::AckCleared);
        QCOMPARE(cleared.size(), std::size_t(1));
        QCOMPARE(cleared[0].detail, std::string("acknowledgement lapsed"));
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QCOMPARE(transitions(events)[0].toStatus, AlertStatus::Firing);
        // Last told at 0, repeat interval 20 min: overdue, so it notifies now.
        QCOMPARE(notifications(events).size(), std::size_t(1));
        QCOMPARE(notifications(events)[0].reason, NotifyReason::Repeat);
        const auto later = rig.runUntil(60 * kMinute);
        QCOMPARE(later.size(), std::size_t(1));
        QCOMPARE(later[0].atMs, 55 * kMinute);
    }

    void repeatsOnlyUnacknowledgedFiring()
    {
        Rig rig;
        rig.firing({"a", "b"});
        QCOMPARE(notifications(rig.at(0)).size(), std::size_t(2));
        QVERIFY(rig.engine.acknowledge(latencyAlertId("a"), "ana", "").ok());
        const auto n = rig.runUntil(60 * kMinute);
        QCOMPARE(models(n), (std::vector<std::string>{"b", "b", "b"}));
        QCOMPARE(n[0].atMs, 20 * kMinute);
        QCOMPARE(n[2].atMs, 60 * kMinute);
        for (const AlertEvent &e : n)
            QCOMPARE(e.reason, NotifyReason::Repeat);
        // Withdrawing the acknowledgement: a repeats again (overdue since 20 min).
        rig.clock.setMs(61 * kMinute);
        const ActionResult r = rig.engine.unacknowledge(latencyAlertId("a"), "ana");
        QVERIFY(r.ok());
        QCOMPARE(models(notifications(r.events)), std::vector<std::string>{"a"});
    }

    void pendingAlertsNeverNotify()
    {
        Rig rig;
        AlertRule r = repeatingRule();
        r.forMs = 10 * kMinute;
        rig.engine.setRules({r});
        rig.firing({"a"});
        QVERIFY(rig.at(0).size() == 1); // Inactive → Pending, no notification
        QVERIFY(rig.runUntil(9 * kMinute).empty());
        QCOMPARE(rig.runUntil(10 * kMinute).size(), std::size_t(1));
    }

    void ackedWhilePendingIsToldOnlyOfResolution()
    {
        Rig rig;
        AlertRule r = repeatingRule();
        r.forMs = 5 * kMinute;
        rig.engine.setRules({r});
        rig.firing({"a"});
        rig.at(0);
        QCOMPARE(*rig.engine.status(latencyAlertId("a")), AlertStatus::Pending);
        QVERIFY(rig.engine.acknowledge(latencyAlertId("a"), "ana", "expected during the load test").ok());
        QVERIFY(rig.runUntil(60 * kMinute).empty()); // fires at 5 min, acknowledged: silent
        QCOMPARE(rig.engine.instance(latencyAlertId("a"))->state, AlertState::Firing);
        rig.querier.set("lat", {});
        const auto n = notifications(rig.at(61 * kMinute));
        QCOMPARE(n.size(), std::size_t(1));
        QCOMPARE(n[0].reason, NotifyReason::Resolved);
    }

    void snoozeByMatchersUntilExpiry()
    {
        Rig rig;
        rig.firing({"a", "b"});
        rig.at(0);
        rig.clock.setMs(kMinute);
        std::vector<LabelMatcher> m{*LabelMatcher::create("model", LabelMatcher::Op::Regex, "a|c"),
                                    *LabelMatcher::create("team", LabelMatcher::Op::NotEqual, "db")};
        const ActionResult r = rig.engine.snooze(m, 30 * kMinute, "bo", "deploying a and c");
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.events[0].kind, EventKind::SnoozeAdded);
        const Snooze s = *r.events[0].snooze;
        QCOMPARE(s.expiresMs, 31 * kMinute);
        QCOMPARE(s.by, std::string("bo"));
        QCOMPARE(s.comment, std::string("deploying a and c"));
        QCOMPARE(transitions(r.events).size(), std::size_t(1));
        QCOMPARE(transitions(r.events)[0].toStatus, AlertStatus::Snoozed);
        QCOMPARE(*rig.engine.status(latencyAlertId("a")), AlertStatus::Snoozed);
        QCOMPARE(*rig.engine.status(latencyAlertId("b")), AlertStatus::Firing);

        rig.firing({"a", "b", "c", "cc"}); // c is snoozed from the start; cc is not (anchored)
        const auto during = rig.runUntil(30 * kMinute);
        // cc is new at 2 min and repeats at 22; b repeats at 20.
        QCOMPARE(models(during), (std::vector<std::string>{"cc", "b", "cc"}));
        const auto events = rig.at(31 * kMinute);
        QCOMPARE(ofKind(events, EventKind::SnoozeRemoved).size(), std::size_t(1));
        QCOMPARE(ofKind(events, EventKind::SnoozeRemoved)[0].detail, std::string("snooze expired"));
        // a was told at 0 and is overdue; c was never told: both notify now.
        QCOMPARE(models(notifications(events)), (std::vector<std::string>{"a", "c"}));
        QCOMPARE(notifications(events)[1].reason, NotifyReason::Firing);
        QVERIFY(rig.engine.snoozes().empty());
    }

    void unsnoozeAndRefusals()
    {
        Rig rig;
        rig.firing({"a"});
        rig.at(0);
        auto m = LabelMatcher::create("model", LabelMatcher::Op::Equal, "a");
        const ActionResult r = rig.engine.snooze({*m}, kMinute * 60, "bo", "");
        const std::string id = r.events[0].snooze->id;
        QVERIFY(rig.engine.unsnooze("nope", "bo").error.size() > 0);
        const ActionResult u = rig.engine.unsnooze(id, "bo");
        QVERIFY(u.ok());
        QCOMPARE(u.events[0].kind, EventKind::SnoozeRemoved);
        QCOMPARE(transitions(u.events)[0].toStatus, AlertStatus::Firing);

        QCOMPARE(rig.engine.snooze({}, kMinute, "bo", "").error, std::string("a snooze needs at least one matcher"));
        QVERIFY(!rig.engine.snooze({*m}, 0, "bo", "").ok());
        std::string error;
        QVERIFY(!LabelMatcher::create("model", LabelMatcher::Op::Regex, "(", &error));
        QVERIFY(error.find("bad regex") != std::string::npos);
        QVERIFY(!rig.engine.acknowledge("nope", "ana", "").ok());
        QVERIFY(!rig.engine.acknowledge(latencyAlertId("a"), "ana", "", 0).ok());
        QVERIFY(!rig.engine.unacknowledge(latencyAlertId("a"), "ana").ok());
        rig.querier.set("lat", {});
        rig.at(kMinute);
        QCOMPARE(rig.engine.acknowledge(latencyAlertId("a"), "ana", "").error,
                 std::string("only a pending or firing alert can be acknowledged"));
    }

    void resolvedWhileSnoozedIsNotAnnounced()
    {
        Rig rig;
        rig.firing({"a"});
        rig.at(0);
        rig.keep(rig.engine.snooze({*LabelMatcher::create("model", LabelMatcher::Op::Equal, "a")}, 60 * kMinute, "bo", ""));
        rig.querier.set("lat", {});
        const auto events = rig.at(kMinute);
        QCOMPARE(transitions(events).size(), std::size_t(1));
        QVERIFY(notifications(events).empty());
    }

    void restoreFromSnapshotDoesNotRenotify()
    {
        Rig first;
        first.firing({"a", "b"});
        first.at(0);
        QVERIFY(first.engine.acknowledge(latencyAlertId("a"), "ana", "").ok());
        first.at(kMinute);
        const EngineSnapshot snap = first.engine.snapshot();
        QCOMPARE(snap.instances.size(), std::size_t(2));

        Rig second; // "after the restart"
        second.clock.setMs(2 * kMinute);
        second.engine.restore(snap);
        second.firing({"a", "b"});
        QVERIFY(second.at(2 * kMinute).empty());
        QCOMPARE(*second.engine.status(latencyAlertId("a")), AlertStatus::Acknowledged);
        // b repeats on its old schedule (told at 0), a stays quiet.
        const auto n = second.runUntil(40 * kMinute);
        QCOMPARE(models(n), (std::vector<std::string>{"b", "b"}));
        QCOMPARE(n[0].atMs, 20 * kMinute);
    }

    void restoreFromPersistedEvents()
    {
        Rig first;
        AlertRule slow = repeatingRule();
        slow.forMs = 10 * kMinute;
        first.engine.setRules({slow});
        first.firing({"a", "b"});
        first.at(0);
        QCOMPARE(first.runUntil(10 * kMinute).size(), std::size_t(2)); // both fire at 10 min
        first.clock.setMs(11 * kMinute);
        first.keep(first.engine.acknowledge(latencyAlertId("a"), "ana", "on it"));
        first.keep(first.engine.snooze({*LabelMatcher::create("model", LabelMatcher::Op::Equal, "c")}, 60 * kMinute, "bo", ""));
        first.firing({"a", "b", "c", "d"});
        first.at(12 * kMinute); // c and d start pending
        // The history holds `log`; the restarted engine gets it back.
        const EngineSnapshot snap = snapshotFromEvents(first.log);
        QCOMPARE(snap.instances.size(), std::size_t(4));
        QCOMPARE(snap.snoozes.size(), std::size_t(1));

        ManualClock clock(13 * kMinute);
        ScriptedQuerier querier;
        querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 900),
                            series({{"model", "c"}}, 900), series({{"model", "d"}}, 900)});
        AlertEngine second(clock, querier);
        second.setRules({slow});
        second.restore(snap);
        QCOMPARE(second.instance(latencyAlertId("a"))->ack->comment, std::string("on it"));
        QVERIFY(second.tick().empty());
        // d keeps its `for` clock from 12 min: it fires at 22 min, not 23.
        clock.setMs(22 * kMinute);
        const auto events = second.tick();
        QCOMPARE(models(notifications(events)), std::vector<std::string>{"d"}); // c is snoozed
        QCOMPARE(*second.status(latencyAlertId("c")), AlertStatus::Snoozed);
    }
};

QTEST_GUILESS_MAIN(TestAlertAck)
#include "tst_alert_ack.moc"
