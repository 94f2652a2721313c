#include "AlertHistory.h"

#include "AlertHistorySchema.h"
#include "PlatformLog.h"
#include "alerting/AlertStateJson.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace mw::platform {

using alerting::AlertEvent;
using alerting::EventKind;

namespace {

QAtomicInteger<int> g_serial;

QString id(std::string_view s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

template <typename T, typename Read>
std::optional<T> readJson(const QString &text, Read read)
{
    const nlohmann::json j = nlohmann::json::parse(text.toStdString(), nullptr, false);
    return j.is_discarded() ? std::nullopt : read(j, nullptr);
}

} // namespace

AlertHistory::AlertHistory()
    : m_connection(QStringLiteral("modelwatch-history-%1").arg(g_serial.fetchAndAddRelaxed(1)))
{
}

AlertHistory::~AlertHistory()
{
    close();
}

QString AlertHistory::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/alert-history.sqlite");
}

bool AlertHistory::fail(const QString &what, const QString &why) const
{
    m_error = tr("Alert history %1: %2: %3").arg(QDir::toNativeSeparators(m_path), what, why);
    qCWarning(lcHistory).noquote() << m_error;
    return false;
}

bool AlertHistory::open(const QString &path, int busyTimeoutMs)
{
    close();
    m_path = path;
    m_error.clear();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(tr("cannot open"), tr("cannot create the folder %1").arg(QFileInfo(path).absolutePath()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        if (!db.isValid())
            return fail(tr("cannot open"), tr("Qt's SQLite driver is not installed (Debian: libqt6sql6-sqlite)"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
        if (!db.open()) {
            const QString why = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connection);
            return fail(tr("cannot open"), why);
        }
        QSqlQuery q(db);
        // WAL: readers (the history view) never block the writer; FULL: see the class comment.
        // journal_mode answers the mode it got: anything but "wal" means the
        // file is not a usable database (a corrupt file fails right here).
        const bool wal = q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) && q.next()
            && q.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) == 0;
        QString why = wal ? QString() : (q.lastError().isValid() ? q.lastError().text() : tr("cannot switch to WAL journal mode"));
        if (wal && !q.exec(QStringLiteral("PRAGMA synchronous=FULL")))
            why = q.lastError().text();
        if (why.isEmpty() && !AlertHistorySchema::migrate(db, &why) && why.isEmpty())
            why = tr("migration failed");
        if (!why.isEmpty()) {
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connection);
            return fail(tr("not a usable alert history"), why + u' ' + tr("(ModelWatch runs without alert history; move the file away to start a new one)"));
        }
    }
    m_open = true;
    qCInfo(lcHistory) << "alert history" << path;
    return true;
}

void AlertHistory::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_open = false;
}

bool AlertHistory::append(const std::vector<AlertEvent> &events)
{
    if (!m_open)
        return fail(tr("cannot write"), tr("the history is not open"));
    if (events.empty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    // IMMEDIATE takes the write lock now, so a locked database fails here
    // (after the busy timeout) rather than half-way.
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(tr("cannot write"), q.lastError().text());
    QString why;
    q.prepare(QStringLiteral("INSERT INTO events (at_ms, kind, instance_id, rule_id, severity, to_status, event_json) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const AlertEvent &e : events) {
        const bool snooze = e.kind == EventKind::SnoozeAdded || e.kind == EventKind::SnoozeRemoved;
        q.addBindValue(QVariant::fromValue<qlonglong>(e.atMs));
        q.addBindValue(id(alerting::eventKindId(e.kind)));
        q.addBindValue(snooze ? QVariant() : QVariant(QString::fromStdString(e.instance.id())));
        q.addBindValue(snooze ? QVariant() : QVariant(QString::fromStdString(e.instance.ruleId)));
        q.addBindValue(snooze ? QVariant() : QVariant(AlertHistorySchema::severityOf(e)));
        q.addBindValue(id(alerting::alertStatusId(e.toStatus)));
        q.addBindValue(AlertHistorySchema::eventToText(e));
        if (!q.exec()) {
            why = q.lastError().text();
            break;
        }
        if (!AlertHistorySchema::applyToLiveState(db, e, &why))
            break;
    }
    QSqlQuery end(db);
    if (why.isEmpty() && end.exec(QStringLiteral("COMMIT")))
        return true;
    if (why.isEmpty())
        why = end.lastError().text();
    end.exec(QStringLiteral("ROLLBACK"));
    return fail(tr("cannot write"), why);
}

std::optional<std::vector<HistoryRecord>> AlertHistory::events(const HistoryFilter &filter) const
{
    if (!m_open) {
        fail(tr("cannot read"), tr("the history is not open"));
        return std::nullopt;
    }
    QStringList where;
    QVariantList binds;
    if (filter.fromMs) {
        where << QStringLiteral("at_ms >= ?");
        binds << QVariant::fromValue<qlonglong>(*filter.fromMs);
    }
    if (filter.toMs) {
        where << QStringLiteral("at_ms < ?");
        binds << QVariant::fromValue<qlonglong>(*filter.toMs);
    }
    if (!filter.instanceId.empty()) {
        where << QStringLiteral("instance_id = ?");
        binds << QString::fromStdString(filter.instanceId);
    }
    if (!filter.ruleId.empty()) {
        where << QStringLiteral("rule_id = ?");
        binds << QString::fromStdString(filter.ruleId);
    }
    if (filter.severity) {
        where << QStringLiteral("severity = ?");
        binds << id(alerting::severityId(*filter.severity));
    }
    if (!filter.kinds.empty()) {
        QStringList marks;
        for (EventKind k : filter.kinds) {
            marks << QStringLiteral("?");
            binds << id(alerting::eventKindId(k));
        }
        where << QStringLiteral("kind IN (") + marks.join(u',') + u')';
    }
    QString sql = QStringLiteral("SELECT seq, event_json FROM events");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY seq DESC");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        fail(tr("cannot read"), q.lastError().text());
        return std::nullopt;
    }
    std::vector<HistoryRecord> out;
    while (q.next()) {
        QString why;
        std::optional<AlertEvent> e = AlertHistorySchema::eventFromText(q.value(1).toString(), &why);
        if (!e) {
            qCWarning(lcHistory) << "history event" << q.value(0).toLongLong() << "unreadable, skipped:" << why;
            continue;
        }
        out.push_back(HistoryRecord{q.value(0).toLongLong(), std::move(*e)});
    }
    if (q.lastError().isValid()) {
        fail(tr("cannot read"), q.lastError().text());
        return std::nullopt;
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::optional<std::vector<HistoryRecord>> AlertHistory::transitionsOf(const std::string &instanceId) const
{
    HistoryFilter f;
    f.instanceId = instanceId;
    f.kinds = {EventKind::Transition};
    return events(f);
}

std::optional<alerting::EngineSnapshot> AlertHistory::liveState() const
{
    if (!m_open) {
        fail(tr("cannot read"), tr("the history is not open"));
        return std::nullopt;
    }
    alerting::EngineSnapshot s;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT instance_json FROM live_instances ORDER BY instance_id"))) {
        fail(tr("cannot read"), q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        if (auto inst = readJson<alerting::AlertInstance>(q.value(0).toString(), alerting::alertInstanceFromJson))
            s.instances.push_back(std::move(*inst));
        else
            qCWarning(lcHistory) << "unreadable live alert skipped";
    }
    if (!q.exec(QStringLiteral("SELECT snooze_json FROM live_snoozes ORDER BY snooze_id"))) {
        fail(tr("cannot read"), q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        if (auto snooze = readJson<alerting::Snooze>(q.value(0).toString(), alerting::snoozeFromJson))
            s.snoozes.push_back(std::move(*snooze));
        else
            qCWarning(lcHistory) << "unreadable snooze skipped";
    }
    return s;
}

} // namespace mw::platform
