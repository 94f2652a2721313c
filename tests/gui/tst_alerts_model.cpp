// The alerts table over a real AlertCoordinator (engine + SQLite history) on a
// stepped clock: rows follow transitions with minimal updates, the filter
// proxy, external rows, the history view, alert bands for a panel, and the
// coordinator's un-acknowledge / un-snooze.

#include "AlertBands.h"
#include "AlertFilterProxy.h"
#include "AlertHistoryModel.h"
#include "AlertRowBuilder.h"
#include "AlertTableModel.h"
#include "AlertTestSupport.h"

#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::alertsui;
using mw::platform::AlertCoordinator;
using mw::platform::AlertHistory;

namespace {

constexpr int64_t kStart = 1'700'000'000'000;
constexpr int64_t kMinute = 60'000;

AlertRule diskRule()
{
    AlertRule r;
    r.id = "host/DiskLow";
    r.name = "DiskLow";
    r.expr = "disk";
    r.kind = ConditionKind::Threshold;
    r.op = CompareOp::Less;
    r.threshold = 0.1;
    r.intervalMs = 15'000;
    r.severity = Severity::Info;
    r.unit = ValueUnit::Ratio;
    return r;
}

struct Rig
{
    QTemporaryDir dir;
    ManualClock clock{kStart};
    ScriptedQuerier querier;
    AlertHistory history;
    std::unique_ptr<AlertCoordinator> coordinator;

    explicit Rig(std::vector<AlertRule> rules)
    {
        history.open(dir.filePath(QStringLiteral("h.sqlite")));
        coordinator = std::make_unique<AlertCoordinator>(clock, querier, &history, nullptr);
        coordinator->setRules(std::move(rules));
    }
    void step(int64_t ms)
    {
        clock.advanceMs(ms);
        coordinator->tick();
    }
};

AlertRule pendingLatencyRule()
{
    AlertRule r = latencyRule();
    r.forMs = 30'000;
    r.unit = ValueUnit::Milliseconds;
    return r;
}

} // namespace

class TestAlertsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void rowsFollowTransitions()
    {
        Rig rig({pendingLatencyRule()});
        QVERIFY(rig.history.isOpen());
        AlertTableModel model(rig.coordinator.get(), rig.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(model.rowCount(), 0);

        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.step(0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowAt(0)->status, AlertStatus::Pending);
        QCOMPARE(model.index(0, AlertTableModel::StateColumn).data().toString(), QStringLiteral("pending"));
        QCOMPARE(model.index(0, AlertTableModel::OriginColumn).data().toString(), QStringLiteral("local"));
        QCOMPARE(model.index(0, AlertTableModel::ValueColumn).data().toString(), QStringLiteral("900ms"));
        QCOMPARE(model.index(0, AlertTableModel::SeverityColumn).data().toString(), QStringLiteral("critical"));
        QCOMPARE(model.index(0, AlertTableModel::LabelsColumn).data().toString(), QStringLiteral("model=a"));
        QCOMPARE(model.index(0, 0).data(AlertTableModel::KeyRole).toString(),
                 QStringLiteral("local:") + QString::fromStdString(latencyAlertId("a")));
        QVERIFY(model.index(0, AlertTableModel::StateColumn).data(Qt::DecorationRole).isValid());

        rig.step(30'000);
        QCOMPARE(model.rowAt(0)->status, AlertStatus::Firing);
        QCOMPARE(model.rowAt(0)->sinceMs, kStart + 30'000);
        QCOMPARE(inserted.size(), 1); // the same row, changed in place
        QVERIFY(changed.size() >= 1);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);

        rig.querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 800)});
        changed.clear();
        rig.step(15'000);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 1); // appended
        QCOMPARE(changed.size(), 0);                // row a did not change

        // Below the threshold (no series at all would keep the state: noData keep_state).
        rig.querier.set("lat", {series({{"model", "a"}}, 100), series({{"model", "b"}}, 100)});
        rig.step(15'000);
        QCOMPARE(model.rowCount(), 1); // b was only pending: gone at once
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.last().at(1).toInt(), 1);
        QCOMPARE(model.rowAt(0)->status, AlertStatus::Resolved); // a fired: kept as resolved
        rig.step(16 * kMinute); // past resolved retention: gone
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(removed.size(), 2);
        QCOMPARE(reset.size(), 0);
    }

    void acknowledgementColumn()
    {
        Rig rig({latencyRule()});
        AlertTableModel model(rig.coordinator.get(), rig.clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.step(0);
        QVERIFY(rig.coordinator->acknowledge(latencyAlertId("a"), QStringLiteral("on it"), 2 * 60 * kMinute).ok());
        const AlertRow *row = model.rowAt(0);
        QCOMPARE(row->status, AlertStatus::Acknowledged);
        QCOMPARE(row->actionComment, QStringLiteral("on it"));
        QCOMPARE(row->actionBy, AlertCoordinator::localUserName());
        QCOMPARE(row->actionUntilMs, std::optional<int64_t>(kStart + 2 * 60 * kMinute));
        QVERIFY(model.index(0, AlertTableModel::ActionColumn).data().toString().contains(QStringLiteral("on it")));
    }

    void filterProxy()
    {
        Rig rig({latencyRule(), diskRule()});
        AlertTableModel model(rig.coordinator.get(), rig.clock);
        AlertFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
        rig.querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 900)});
        rig.querier.set("disk", {series({{"mount", "/data"}}, 0.05)});
        rig.step(0);
        QCOMPARE(proxy.rowCount(), 3);
        QCOMPARE(model.index(model.rowOfKey(QStringLiteral("local:") + QString::fromStdString(instanceId(
                                                 "host/DiskLow", mw::Labels{{"mount", "/data"}, {"alertname", "DiskLow"},
                                                                        {"severity", "info"}}))),
                             AlertTableModel::ValueColumn)
                     .data()
                     .toString(),
                 QStringLiteral("5%"));

        proxy.setText(QStringLiteral("MODEL=B"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, AlertTableModel::LabelsColumn).data().toString(), QStringLiteral("model=b"));
        proxy.setText(QStringLiteral("highlatency model=a"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());

        proxy.setMinimumSeverity(Severity::Warning);
        QCOMPARE(proxy.rowCount(), 2); // DiskLow is info
        proxy.setMinimumSeverity(std::nullopt);

        rig.querier.set("lat", {series({{"model", "a"}}, 900)}); // b resolves
        rig.step(15'000);
        QCOMPARE(proxy.rowCount(), 2); // active only
        proxy.setActiveOnly(false);
        QCOMPARE(proxy.rowCount(), 3);
    }

    void externalRows()
    {
        ManualClock clock(kStart);
        AlertTableModel model(nullptr, clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        mw::PromAlert p;
        p.labels = {{"alertname", "TargetDown"}, {"job", "tfserving"}, {"severity", "critical"}};
        p.state = "firing";
        p.activeAt = "2023-11-14T22:13:20Z";
        p.value = 1;
        model.setExternalRows(QStringLiteral("prometheus lab"), {AlertRowBuilder::fromPrometheus(QStringLiteral("lab"), p)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, AlertTableModel::OriginColumn).data().toString(), QStringLiteral("prometheus lab"));
        QCOMPARE(model.rowAt(0)->status, AlertStatus::Firing);
        QCOMPARE(model.rowAt(0)->severity, Severity::Critical);
        QCOMPARE(model.rowAt(0)->sinceMs, int64_t(1'700'000'000'000));
        p.state = "pending";
        model.setExternalRows(QStringLiteral("prometheus lab"), {AlertRowBuilder::fromPrometheus(QStringLiteral("lab"), p)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowAt(0)->status, AlertStatus::Pending);
        model.setExternalRows(QStringLiteral("prometheus lab"), {});
        QCOMPARE(model.rowCount(), 0);
    }

    void historyModel()
    {
        Rig rig({latencyRule()});
        AlertHistoryModel history(&rig.history);
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::Fatal);
        connect(rig.coordinator.get(), &AlertCoordinator::eventsApplied, &history, &AlertHistoryModel::refresh);
        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.step(0);
        QCOMPARE(history.rowCount(), 1); // the transition (notifications are not listed)
        QCOMPARE(history.index(0, AlertHistoryModel::ChangeColumn).data().toString(),
                 QStringLiteral("inactive → firing"));
        QVERIFY(rig.coordinator->acknowledge(latencyAlertId("a"), QStringLiteral("checking the GPU")).ok());
        QCOMPARE(history.rowCount(), 3); // acknowledged + firing → acknowledged, newest first
        QCOMPARE(history.index(0, AlertHistoryModel::ChangeColumn).data().toString(),
                 QStringLiteral("firing → acknowledged"));
        QCOMPARE(history.index(1, AlertHistoryModel::EventColumn).data().toString(), QStringLiteral("acknowledged"));
        QCOMPARE(history.index(1, AlertHistoryModel::DetailColumn).data().toString(), QStringLiteral("checking the GPU"));
        QCOMPARE(history.index(1, AlertHistoryModel::ByColumn).data().toString(), AlertCoordinator::localUserName());
        history.setInstanceFilter(latencyAlertId("other"));
        QCOMPARE(history.rowCount(), 0);
    }

    void unacknowledgeAndUnsnooze()
    {
        Rig rig({latencyRule()});
        QSignalSpy changed(rig.coordinator.get(), &AlertCoordinator::alertChanged);
        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.step(0);
        const std::string id = latencyAlertId("a");
        QVERIFY(rig.coordinator->acknowledge(id, QStringLiteral("mine")).ok());
        changed.clear();
        const ActionResult r = rig.coordinator->unacknowledge(id);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Firing));
        QVERIFY(!changed.isEmpty());
        mw::platform::HistoryFilter f;
        f.kinds = {EventKind::AckCleared};
        const auto cleared = rig.history.events(f);
        QVERIFY(cleared);
        QCOMPARE(cleared->size(), std::size_t(1));
        QCOMPARE(cleared->front().event.actor, AlertCoordinator::localUserName().toStdString());
        QVERIFY(!rig.coordinator->unacknowledge(id).ok()); // nothing left to withdraw

        QVERIFY(rig.coordinator->snoozeInstance(id, 60 * kMinute, {}).ok());
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Snoozed));
        const std::string snoozeId = rig.coordinator->engine().snoozes().front().id;
        QVERIFY(rig.coordinator->unsnooze(snoozeId).ok());
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Firing));
        QVERIFY(rig.history.liveState()->snoozes.empty());
    }

    void bandsForAPanel()
    {
        AlertRule disk = diskRule();
        Rig rig({latencyRule(), disk});
        std::vector<mw::dashboard::DocumentRule> docRules{{latencyRule(), 7, ""}, {disk, 8, ""}};
        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.querier.set("disk", {series({{"mount", "/"}}, 0.01)});
        rig.step(0); // both fire at kStart
        rig.querier.set("lat", {series({{"model", "a"}}, 100)});
        rig.step(10 * kMinute); // resolves
        rig.querier.set("lat", {series({{"model", "a"}}, 900)});
        rig.step(20 * kMinute); // fires again
        rig.step(5 * kMinute);  // still firing
        const int64_t now = rig.clock.nowMs();

        QCOMPARE(AlertBands::rulesOfPanel(docRules, 7), std::vector<std::string>{latencyRule().id});
        const auto bands = AlertBands::forPanel(rig.history, docRules, 7, kStart - kMinute, now + kMinute, now);
        QVERIFY(bands);
        QCOMPARE(bands->size(), std::size_t(2));
        QCOMPARE((*bands)[0].fromMs, kStart);
        QCOMPARE((*bands)[0].toMs, kStart + 10 * kMinute);
        QCOMPARE((*bands)[0].severity, Severity::Critical);
        QCOMPARE((*bands)[1].fromMs, kStart + 30 * kMinute);
        QCOMPARE((*bands)[1].toMs, now);
        // Clipped to the asked range.
        const auto clipped = AlertBands::forPanel(rig.history, docRules, 7, kStart + 5 * kMinute, kStart + 31 * kMinute, now);
        QCOMPARE(clipped->size(), std::size_t(2));
        QCOMPARE((*clipped)[0].fromMs, kStart + 5 * kMinute);
        QCOMPARE((*clipped)[1].toMs, kStart + 31 * kMinute);
        // The disk panel: one open period, info.
        const auto diskBands = AlertBands::forPanel(rig.history, docRules, 8, kStart, now, now);
        QCOMPARE(diskBands->size(), std::size_t(1));
        QCOMPARE(diskBands->front().severity, Severity::Info);
        // Without history: what the engine says is firing now.
        const auto live = AlertBands::fromEngine(rig.coordinator->engine(), {latencyRule().id}, kStart, now, now);
        QCOMPARE(live.size(), std::size_t(1));
        QCOMPARE(live.front().fromMs, kStart + 30 * kMinute);
        QVERIFY(AlertBands::forPanel(rig.history, docRules, 99, kStart, now, now)->empty());
    }
};

QTEST_MAIN(TestAlertsModel)
#include "tst_alerts_model.moc"
