#include "AlertHistorySchema.h"

#include "PlatformLog.h"
#include "alerting/AlertStateJson.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace mw::platform {

using alerting::AlertEvent;
using alerting::AlertState;
using alerting::EventKind;

namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

QString text(const nlohmann::json &j)
{
    return QString::fromStdString(j.dump());
}

} // namespace

QString AlertHistorySchema::eventToText(const AlertEvent &event) { return text(alerting::alertEventToJson(event)); }
QString AlertHistorySchema::instanceToText(const alerting::AlertInstance &instance) { return text(alerting::alertInstanceToJson(instance)); }
QString AlertHistorySchema::snoozeToText(const alerting::Snooze &snooze) { return text(alerting::snoozeToJson(snooze)); }

std::optional<AlertEvent> AlertHistorySchema::eventFromText(const QString &text, QString *error)
{
    const nlohmann::json j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (j.is_discarded()) {
        if (error)
            *error = tr("not JSON");
        return std::nullopt;
    }
    std::string why;
    std::optional<AlertEvent> e = alerting::alertEventFromJson(j, &why);
    if (!e && error)
        *error = QString::fromStdString(why);
    return e;
}

QString AlertHistorySchema::severityOf(const AlertEvent &event)
{
    const auto s = event.instance.labels.get("severity");
    return s ? QString::fromUtf8(s->data(), static_cast<qsizetype>(s->size())) : QString();
}

std::optional<int> AlertHistorySchema::version(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"))
        || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    if (q.value(0).toInt() == 0)
        return 0;
    if (!q.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    return q.value(0).toInt();
}

bool AlertHistorySchema::migrate(QSqlDatabase &db, QString *error)
{
    std::optional<int> v = version(db, error);
    if (!v)
        return false;
    if (*v > kCurrentVersion) {
        if (error)
            *error = tr("schema version %1 is newer than this ModelWatch understands (%2)").arg(*v).arg(kCurrentVersion);
        return false;
    }
    if (*v == kCurrentVersion)
        return true;
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    bool ok = true;
    if (*v == 0)
        ok = createVersion1(db, error);
    if (ok && *v < 2)
        ok = upgradeTo2(db, error);
    if (ok) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE schema_version SET version = ?"));
        q.addBindValue(kCurrentVersion);
        ok = q.exec();
        if (!ok && error)
            *error = q.lastError().text();
    }
    if (ok && exec(db, QStringLiteral("COMMIT"), error)) {
        qCInfo(lcHistory) << "alert history schema" << *v << "->" << kCurrentVersion;
        return true;
    }
    exec(db, QStringLiteral("ROLLBACK"), nullptr);
    return false;
}

bool AlertHistorySchema::createVersion1(QSqlDatabase &db, QString *error)
{
    return exec(db, QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"), error)
        && exec(db, QStringLiteral("INSERT INTO schema_version (version) VALUES (1)"), error)
        && exec(db, QStringLiteral("CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, "
                                   "kind TEXT NOT NULL, instance_id TEXT, rule_id TEXT, event_json TEXT NOT NULL)"), error)
        && exec(db, QStringLiteral("CREATE INDEX events_at ON events (at_ms)"), error);
}

bool AlertHistorySchema::upgradeTo2(QSqlDatabase &db, QString *error)
{
    if (!exec(db, QStringLiteral("ALTER TABLE events ADD COLUMN severity TEXT"), error)
        || !exec(db, QStringLiteral("ALTER TABLE events ADD COLUMN to_status TEXT"), error)
        || !exec(db, QStringLiteral("CREATE INDEX events_instance ON events (instance_id, seq)"), error)
        || !exec(db, QStringLiteral("CREATE TABLE live_instances (instance_id TEXT PRIMARY KEY, instance_json TEXT NOT NULL)"), error)
        || !exec(db, QStringLiteral("CREATE TABLE live_snoozes (snooze_id TEXT PRIMARY KEY, snooze_json TEXT NOT NULL)"), error))
        return false;
    // Backfill: the new columns from each event's JSON, the live state by replay.
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT seq, event_json FROM events ORDER BY seq"))) {
        if (error)
            *error = rows.lastError().text();
        return false;
    }
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE events SET severity = ?, to_status = ? WHERE seq = ?"));
    while (rows.next()) {
        QString why;
        const std::optional<AlertEvent> e = eventFromText(rows.value(1).toString(), &why);
        if (!e) {
            qCWarning(lcHistory) << "history event" << rows.value(0).toLongLong() << "unreadable, skipped:" << why;
            continue;
        }
        update.addBindValue(severityOf(*e));
        update.addBindValue(QString::fromUtf8(alerting::alertStatusId(e->toStatus).data()));
        update.addBindValue(rows.value(0));
        if (!update.exec() || !applyToLiveState(db, *e, error)) {
            if (error && error->isEmpty())
                *error = update.lastError().text();
            return false;
        }
    }
    return true;
}

bool AlertHistorySchema::applyToLiveState(QSqlDatabase &db, const AlertEvent &event, QString *error)
{
    QSqlQuery q(db);
    switch (event.kind) {
    case EventKind::SnoozeAdded:
    case EventKind::SnoozeRemoved:
        if (!event.snooze)
            return true;
        if (event.kind == EventKind::SnoozeAdded) {
            q.prepare(QStringLiteral("INSERT OR REPLACE INTO live_snoozes (snooze_id, snooze_json) VALUES (?, ?)"));
            q.addBindValue(QString::fromStdString(event.snooze->id));
            q.addBindValue(snoozeToText(*event.snooze));
        } else {
            q.prepare(QStringLiteral("DELETE FROM live_snoozes WHERE snooze_id = ?"));
            q.addBindValue(QString::fromStdString(event.snooze->id));
        }
        break;
    case EventKind::Transition:
    case EventKind::Notification:
    case EventKind::Acknowledged:
    case EventKind::AckCleared:
        if (event.instance.state == AlertState::Inactive) {
            q.prepare(QStringLiteral("DELETE FROM live_instances WHERE instance_id = ?"));
            q.addBindValue(QString::fromStdString(event.instance.id()));
        } else {
            q.prepare(QStringLiteral("INSERT OR REPLACE INTO live_instances (instance_id, instance_json) VALUES (?, ?)"));
            q.addBindValue(QString::fromStdString(event.instance.id()));
            q.addBindValue(instanceToText(event.instance));
        }
        break;
    }
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace mw::platform
