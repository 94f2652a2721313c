// Child process of tst_alert_history: drives an AlertCoordinator over a real
// history file, acknowledges one alert, then writes events as fast as it can,
// printing after each committed batch how many events are on disk so far,
// until the parent kills it with SIGKILL.
//
//     alert_history_writer DB_PATH
//     -> "acked <instance id>" then "persisted <total>" lines

#include "AlertTestSupport.h"
#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"

#include <QCoreApplication>

#include <cstdio>

using namespace mw::alerting;
using namespace mw::alerting::test;
using mw::platform::AlertCoordinator;
using mw::platform::AlertHistory;

AlertRule flapRule()
{
    AlertRule r = latencyRule();
    r.id = "serving/Flapping";
    r.name = "Flapping";
    r.expr = "flap";
    r.severity = Severity::Warning;
    return r;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: alert_history_writer DB_PATH\n", stderr);
        return 2;
    }
    AlertHistory history;
    if (!history.open(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s\n", qPrintable(history.errorString()));
        return 1;
    }
    ManualClock clock(1'000'000);
    ScriptedQuerier querier;
    querier.set("lat", {series({{"model", "a"}}, 900)});
    querier.set("flap", {series({{"model", "b"}}, 900)});
    AlertCoordinator coordinator(clock, querier, &history, nullptr);
    long long total = 0;
    QObject::connect(&coordinator, &AlertCoordinator::eventsApplied, [&](int n) {
        total += n;
        std::printf("persisted %lld\n", total);
        std::fflush(stdout);
    });
    QObject::connect(&coordinator, &AlertCoordinator::historyError, [](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        std::exit(3);
    });
    coordinator.setRules({latencyRule(), flapRule()});
    coordinator.tick();
    const ActionResult ack = coordinator.acknowledge(latencyAlertId("a"), QStringLiteral("on it"));
    if (!ack.ok()) {
        std::fprintf(stderr, "%s\n", ack.error.c_str());
        return 1;
    }
    std::printf("acked %s\n", latencyAlertId("a").c_str());
    std::fflush(stdout);
    for (bool on = false;; on = !on) {
        clock.advanceMs(15'000);
        querier.set("flap", {series({{"model", "b"}}, on ? 900 : 0)});
        coordinator.tick();
    }
}
