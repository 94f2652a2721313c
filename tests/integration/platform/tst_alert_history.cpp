// The alert history on real SQLite files: round trip, filters, migration from
// schema 1, a newer schema, a corrupt file, a locked database, and a writer
// killed with SIGKILL whose acknowledged alert must not notify again.

#include "AlertTestSupport.h"
#include "RecordingSink.h"
#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"
#include "platform/AlertHistorySchema.h"

#include <QFile>
#include <algorithm>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::platform;
using mw::platform::test::RecordingSink;

namespace {

/// A session's worth of events: fire, acknowledge, snooze another alert, resolve.
std::vector<AlertEvent> sessionEvents()
{
    ManualClock clock(1'700'000'000'000);
    ScriptedQuerier querier;
    AlertEngine engine(clock, querier);
    std::vector<AlertEvent> all;
    auto add = [&](std::vector<AlertEvent> evs) { all.insert(all.end(), evs.begin(), evs.end()); };
    add(engine.setRules({latencyRule()}));
    querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 700)});
    add(engine.tick());
    clock.advanceMs(1000);
    add(engine.acknowledge(latencyAlertId("a"), "ana", "looking").events);
    add(engine.snooze({*LabelMatcher::create("model", LabelMatcher::Op::Equal, "b")}, 3'600'000, "bo", "deploy").events);
    clock.advanceMs(15'000);
    querier.set("lat", {series({{"model", "b"}}, 700)});
    add(engine.tick());
    return all;
}

std::vector<AlertEvent> eventsOf(const std::vector<HistoryRecord> &records)
{
    std::vector<AlertEvent> out;
    for (const HistoryRecord &r : records)
        out.push_back(r.event);
    return out;
}

bool sameSnapshot(const EngineSnapshot &a, const EngineSnapshot &b)
{
    return a.instances == b.instances && a.snoozes == b.snoozes;
}

} // namespace

class TestAlertHistory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void defaultPathIsAppData()
    {
        QVERIFY(AlertHistory::defaultPath().startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void writeReopenReadBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/history.sqlite"));
        const std::vector<AlertEvent> events = sessionEvents();
        QVERIFY(events.size() >= 6);
        {
            AlertHistory h;
            QVERIFY2(h.open(path), qPrintable(h.errorString()));
            QVERIFY(h.append({events.begin(), events.begin() + 3}));
            QVERIFY(h.append({events.begin() + 3, events.end()}));
        }
        AlertHistory h;
        QVERIFY2(h.open(path), qPrintable(h.errorString()));
        const auto all = h.events({});
        QVERIFY(all);
        QVERIFY(eventsOf(*all) == events);
        QVERIFY(all->front().seq < all->back().seq);

        const auto live = h.liveState();
        QVERIFY(live);
        QVERIFY(sameSnapshot(*live, snapshotFromEvents(events)));
        QCOMPARE(live->snoozes.size(), 1u);

        const auto transitions = h.transitionsOf(latencyAlertId("a"));
        QVERIFY(transitions);
        QVERIFY(!transitions->empty());
        for (const HistoryRecord &r : *transitions) {
            QCOMPARE(r.event.kind, EventKind::Transition);
            QCOMPARE(r.event.instance.id(), latencyAlertId("a"));
        }
        QCOMPARE(transitions->back().event.toStatus, AlertStatus::Resolved);

        HistoryFilter range;
        range.fromMs = 1'700'000'000'000 + 1000;
        range.toMs = 1'700'000'000'000 + 2000;
        const auto inRange = h.events(range);
        QVERIFY(inRange);
        QVERIFY(!inRange->empty());
        for (const HistoryRecord &r : *inRange)
            QCOMPARE(r.event.atMs, 1'700'000'000'000 + 1000);

        HistoryFilter acks;
        acks.kinds = {EventKind::Acknowledged, EventKind::SnoozeAdded};
        const auto actions = h.events(acks);
        QVERIFY(actions);
        QCOMPARE(actions->size(), 2u);
        QCOMPARE(actions->at(0).event.actor, std::string("ana"));
        QCOMPARE(actions->at(1).event.actor, std::string("bo"));

        HistoryFilter severe;
        severe.severity = Severity::Info;
        QVERIFY(h.events(severe)->empty());
        severe.severity = Severity::Critical;
        severe.limit = 2;
        const auto lastTwo = h.events(severe);
        QCOMPARE(lastTwo->size(), 2u);
        QCOMPARE(lastTwo->back().seq, all->back().seq);
    }

    void migratesFromVersion1()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        const std::vector<AlertEvent> events = sessionEvents();
        {
            // A version-1 file as that schema wrote it: events only.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, "
                                          "kind TEXT NOT NULL, instance_id TEXT, rule_id TEXT, event_json TEXT NOT NULL)")));
            for (const AlertEvent &e : events) {
                q.prepare(QStringLiteral("INSERT INTO events (at_ms, kind, instance_id, rule_id, event_json) VALUES (?, ?, ?, ?, ?)"));
                q.addBindValue(QVariant::fromValue<qlonglong>(e.atMs));
                q.addBindValue(QString::fromUtf8(eventKindId(e.kind).data()));
                q.addBindValue(QString::fromStdString(e.instance.id()));
                q.addBindValue(QString::fromStdString(e.instance.ruleId));
                q.addBindValue(AlertHistorySchema::eventToText(e));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            q = QSqlQuery();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        AlertHistory h;
        QVERIFY2(h.open(path), qPrintable(h.errorString()));
        QVERIFY(eventsOf(*h.events({})) == events);
        QVERIFY(sameSnapshot(*h.liveState(), snapshotFromEvents(events))); // backfilled by replay
        HistoryFilter severe;
        severe.severity = Severity::Critical; // the column version 2 added, backfilled
        const auto withInstance = std::count_if(events.begin(), events.end(), [](const AlertEvent &e) {
            return e.kind != EventKind::SnoozeAdded && e.kind != EventKind::SnoozeRemoved;
        });
        QCOMPARE(static_cast<qsizetype>(h.events(severe)->size()), static_cast<qsizetype>(withInstance)); // all but snoozes
        h.close();
        QVERIFY(h.open(path)); // and opening again is a no-op
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        {
            AlertHistory h;
            QVERIFY(h.open(path));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("UPDATE schema_version SET version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        AlertHistory h;
        QVERIFY(!h.open(path));
        QVERIFY2(h.errorString().contains(QStringLiteral("newer")), qPrintable(h.errorString()));
        QVERIFY(!h.isOpen());
    }

    void corruptFileGivesClearErrorAndAlertsStillShow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk("this is not an SQLite database, just bytes. ");
        f.write(junk.repeated(200));
        f.close();

        AlertHistory h;
        QVERIFY(!h.open(path));
        QVERIFY(!h.isOpen());
        const QString error = h.errorString();
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("not a database")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("without alert history")), qPrintable(error));

        ManualClock clock(1000);
        ScriptedQuerier querier;
        RecordingSink sink;
        AlertCoordinator c(clock, querier, &h, &sink);
        c.setRules({latencyRule()});
        querier.set("lat", {series({{"model", "a"}}, 900)});
        c.tick();
        QCOMPARE(sink.shownFor(QString::fromStdString(latencyAlertId("a"))), 1);
    }

    void lockedDatabaseFailsClearlyAndRecovers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
        AlertHistory h;
        QVERIFY(h.open(path, 100));
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        other.setDatabaseName(path);
        QVERIFY(other.open());
        QSqlQuery lock(other);
        QVERIFY2(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(lock.lastError().text()));

        ManualClock clock(1000);
        ScriptedQuerier querier;
        RecordingSink sink;
        AlertCoordinator c(clock, querier, &h, &sink);
        QSignalSpy errors(&c, &AlertCoordinator::historyError);
        c.setRules({latencyRule()});
        querier.set("lat", {series({{"model", "a"}}, 900)});
        c.tick();
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("locked")), qPrintable(errors.at(0).at(0).toString()));
        QCOMPARE(sink.shown.size(), 1u); // shown anyway

        QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        lock = QSqlQuery();
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        QVERIFY(c.acknowledge(latencyAlertId("a"), QStringLiteral("ok")).ok());
        QCOMPARE(errors.count(), 1);
        QCOMPARE(h.events({})->back().event.kind, EventKind::Transition);
    }

    void killedWriterLosesNothingItReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("killed.sqlite"));
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(MW_HISTORY_WRITER), {path});
        QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
        QByteArray out;
        long long reported = 0;
        int batches = 0;
        auto readLines = [&] {
            out += child.readAllStandardOutput();
            qsizetype nl;
            while ((nl = out.indexOf('\n')) >= 0) {
                const QByteArray line = out.left(nl);
                out.remove(0, nl + 1);
                if (line.startsWith("persisted ")) {
                    reported = line.mid(10).toLongLong();
                    ++batches;
                }
            }
            return batches;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readLines() >= 40, 60'000);
        child.kill(); // SIGKILL, mid-stream
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        readLines(); // whatever was reported before it died

        AlertHistory h;
        QVERIFY2(h.open(path), qPrintable(h.errorString()));
        const auto all = h.events({});
        QVERIFY(all);
        QVERIFY2(static_cast<long long>(all->size()) >= reported,
                 qPrintable(QStringLiteral("%1 stored, %2 reported").arg(all->size()).arg(reported)));
        qInfo("writer killed after reporting %lld events in %d batches; %zu stored", reported, batches, all->size());
        HistoryFilter acks;
        acks.kinds = {EventKind::Acknowledged};
        QCOMPARE(h.events(acks)->size(), 1u);
        const auto live = h.liveState();
        QVERIFY(sameSnapshot(*live, snapshotFromEvents(eventsOf(*all))));

        // Restart: the acknowledged alert, still firing, stays quiet.
        const QString acked = QString::fromStdString(latencyAlertId("a"));
        ManualClock clock(2'000'000'000);
        ScriptedQuerier querier;
        querier.set("lat", {series({{"model", "a"}}, 900)});
        RecordingSink sink;
        AlertCoordinator c(clock, querier, &h, &sink);
        c.setRules({latencyRule()});
        c.tick();
        QCOMPARE(c.engine().status(latencyAlertId("a")), std::optional<AlertStatus>(AlertStatus::Acknowledged));
        QCOMPARE(sink.shownFor(acked), 0);

        // Without the history the same engine would have paged again.
        ManualClock clock2(2'000'000'000);
        RecordingSink fresh;
        AlertCoordinator amnesiac(clock2, querier, nullptr, &fresh);
        amnesiac.setRules({latencyRule()});
        amnesiac.tick();
        QCOMPARE(fresh.shownFor(acked), 1);
    }
};

QTEST_GUILESS_MAIN(TestAlertHistory)
#include "tst_alert_history.moc"
