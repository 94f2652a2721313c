// The JSON form of the engine's events, as the alert history stores them:
// every event of a real run (transitions, notifications, acknowledgements,
// snoozes, the NoData alert's NaN value) survives JSON text exactly, and an
// engine restored from the parsed events behaves as the original.

#include "AlertTestSupport.h"

#include "alerting/AlertStateJson.h"
#include "alerting/ManualClock.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::alerting;
using namespace mw::alerting::test;
using nlohmann::json;

namespace {

constexpr int64_t kMinute = 60'000;

/// A run that produces every kind of event; returns them all.
std::vector<AlertEvent> run()
{
    ManualClock clock;
    ScriptedQuerier querier;
    AlertEngine engine(clock, querier);
    AlertRule rule = latencyRule();
    rule.intervalMs = kMinute;
    rule.forMs = kMinute;
    rule.noData = StatePolicy::Alerting;
    rule.annotations = {{"summary", "{{ $labels.model }} at {{ $value | humanize }}"}};
    engine.setRules({rule});
    std::vector<AlertEvent> log;
    auto keep = [&](std::vector<AlertEvent> events) { log.insert(log.end(), events.begin(), events.end()); };
    querier.set("lat", {series({{"model", "a"}}, 612000.5), series({{"model", "b \"quoted\" ✓"}}, 1e300)});
    for (int64_t t = 0; t <= 2 * kMinute; t += kMinute) {
        clock.setMs(t);
        keep(engine.tick());
    }
    keep(engine.acknowledge(latencyAlertId("a", rule), "ana", "on it\nreally", 10 * kMinute).events);
    keep(engine.snooze({*LabelMatcher::create("model", LabelMatcher::Op::NotRegex, "a.*")}, 5 * kMinute, "bo", "").events);
    querier.set("lat", {});
    for (int64_t t = 3 * kMinute; t <= 20 * kMinute; t += kMinute) {
        clock.setMs(t);
        keep(engine.tick());
    }
    return log;
}

bool has(const std::vector<AlertEvent> &events, EventKind kind)
{
    return std::any_of(events.begin(), events.end(), [&](const AlertEvent &e) { return e.kind == kind; });
}

} // namespace

class TestAlertStateJson : public QObject
{
    Q_OBJECT

private slots:
    void everyEventSurvivesJsonText()
    {
        const std::vector<AlertEvent> events = run();
        for (EventKind k : {EventKind::Transition, EventKind::Notification, EventKind::Acknowledged, EventKind::AckCleared,
                            EventKind::SnoozeAdded, EventKind::SnoozeRemoved})
            QVERIFY2(has(events, k), eventKindId(k).data());
        bool sawNaN = false;
        for (const AlertEvent &e : events) {
            const std::string text = alertEventToJson(e).dump();
            std::string error;
            const auto back = alertEventFromJson(json::parse(text), &error);
            QVERIFY2(back, (error + " in " + text).c_str());
            if (std::isnan(e.instance.value)) {
                sawNaN = true; // NaN != NaN: compare everything else
                QVERIFY(std::isnan(back->instance.value));
                AlertEvent a = e, b = *back;
                a.instance.value = b.instance.value = 0;
                QVERIFY(a == b);
            } else {
                QVERIFY2(*back == e, text.c_str());
            }
            QCOMPARE(alertEventToJson(*back).dump(), text);
        }
        QVERIFY(sawNaN); // the NoData alert
    }

    void restoredFromParsedEventsEqualsOriginal()
    {
        const std::vector<AlertEvent> events = run();
        std::vector<AlertEvent> parsed;
        for (const AlertEvent &e : events)
            parsed.push_back(*alertEventFromJson(json::parse(alertEventToJson(e).dump())));
        const EngineSnapshot a = snapshotFromEvents(events);
        const EngineSnapshot b = snapshotFromEvents(parsed);
        QCOMPARE(a.instances.size(), b.instances.size());
        QVERIFY(!a.instances.empty());
        for (std::size_t i = 0; i < a.instances.size(); ++i)
            QCOMPARE(alertInstanceToJson(a.instances[i]).dump(), alertInstanceToJson(b.instances[i]).dump());
        QVERIFY(a.snoozes == b.snoozes);
    }

    void shape()
    {
        AlertInstance a;
        a.ruleId = "r";
        a.labels = Labels{{"alertname", "X"}};
        a.state = AlertState::Firing;
        a.value = -std::numeric_limits<double>::infinity();
        a.ack = Acknowledgement{"ana", 5, "", std::nullopt};
        const json j = alertInstanceToJson(a);
        QCOMPARE(QString::fromStdString(j.dump()),
                 uR"({"ack":{"atMs":5,"by":"ana","comment":""},"activeAtMs":0,"annotations":{},"announced":false,)"
                 uR"("labels":{"alertname":"X"},"ruleId":"r","state":"firing","value":"-Inf"})"_s);
        const auto back = alertInstanceFromJson(j);
        QVERIFY(back && *back == a);
    }

    // JSON with ' for " (moc's lexer trips over these as raw strings).
    void refusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("kind") << u"{'kind':'boom','atMs':1}"_s << u"event.kind: unknown kind 'boom'"_s;
        QTest::newRow("time type") << u"{'kind':'transition','atMs':'1'}"_s << u"event.atMs: wrong type (string)"_s;
        QTest::newRow("instance value")
            << u"{'kind':'transition','atMs':1,'instance':{'ruleId':'r','state':'firing','value':'fast','activeAtMs':0,'announced':false}}"_s
            << u"event.instance.value: not a number 'fast'"_s;
        QTest::newRow("empty matchers")
            << u"{'kind':'snooze_added','atMs':1,'fromState':'inactive','fromStatus':'inactive','toStatus':'inactive','snooze':{'id':'s','matchers':[]}}"_s
            << u"event.snooze.matchers: empty"_s;
        QTest::newRow("bad regex")
            << u"{'kind':'snooze_added','atMs':1,'fromState':'inactive','fromStatus':'inactive','toStatus':'inactive','snooze':{'id':'s','matchers':[{'name':'a','value':'(','isRegex':true}]}}"_s
            << u"event.snooze.matchers[0]: matcher a: bad regex: missing closing parenthesis"_s;
    }

    void refusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        std::string message;
        QVERIFY(!alertEventFromJson(json::parse(text.replace(u'\'', u'"').toStdString()), &message));
        QCOMPARE(QString::fromStdString(message), error);
    }
};

QTEST_GUILESS_MAIN(TestAlertStateJson)
#include "tst_alert_state_json.moc"
