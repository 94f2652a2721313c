#pragma once

#include "alerting/AlertRule.h"
#include "alerting/AlertTypes.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mw::platform {

/// One stored event and its row number (increasing in write order).
struct HistoryRecord
{
    int64_t seq = 0;
    alerting::AlertEvent event;
};

/// What the history view asks for. Empty fields do not filter.
struct HistoryFilter
{
    std::optional<int64_t> fromMs; ///< at_ms >= fromMs
    std::optional<int64_t> toMs;   ///< at_ms < toMs
    std::string instanceId;
    std::string ruleId;
    std::vector<alerting::EventKind> kinds;
    std::optional<alerting::Severity> severity;
    int limit = 0; ///< 0: all; else the newest `limit`, still oldest first
};

/// The alert history: every event the engine emits, in SQLite (QtSql's
/// QSQLITE driver), appended synchronously in one transaction per batch
/// BEFORE anything is shown, plus the live state the engine restores from.
///
/// Durability: WAL journal with synchronous=FULL. WAL with NORMAL already
/// survives a crash or `kill -9` of ModelWatch (a committed transaction is in
/// the WAL file, in the OS's cache); FULL also fsyncs the WAL at each commit
/// so an acknowledgement survives a power cut or kernel crash. Alerts change
/// a few times a minute at most, so the fsync per batch costs nothing that
/// matters, and "I acknowledged it and it paged me again after the reboot" is
/// the failure this store exists to prevent.
///
/// A database that cannot be opened, read or migrated (corrupt, locked by
/// another process past the busy timeout, newer schema) leaves the history
/// closed with errorString() saying which file and why; callers keep running
/// without history. Not thread-safe: one owner thread.
class AlertHistory
{
    Q_DECLARE_TR_FUNCTIONS(AlertHistory)
public:
    AlertHistory();
    ~AlertHistory();
    AlertHistory(const AlertHistory &) = delete;
    AlertHistory &operator=(const AlertHistory &) = delete;

    /// `<AppDataLocation>/alert-history.sqlite`.
    static QString defaultPath();

    /// Opens (creating it and its folder if needed) and migrates the database.
    bool open(const QString &path = defaultPath(), int busyTimeoutMs = 5000);
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    /// Why the last operation failed, for people: names the file.
    QString errorString() const { return m_error; }

    /// Writes the events and the live state they leave, in one transaction:
    /// all or nothing. True once committed (and synced).
    bool append(const std::vector<alerting::AlertEvent> &events);

    /// nullopt on a read error (errorString()). Unreadable rows are skipped.
    std::optional<std::vector<HistoryRecord>> events(const HistoryFilter &filter) const;
    /// The transitions of one alert instance, oldest first.
    std::optional<std::vector<HistoryRecord>> transitionsOf(const std::string &instanceId) const;
    /// The live instances and snoozes, what AlertEngine::restore() takes:
    /// equal to snapshotFromEvents() over every stored event.
    std::optional<alerting::EngineSnapshot> liveState() const;

private:
    bool fail(const QString &what, const QString &why) const;

    QString m_connection;
    QString m_path;
    bool m_open = false;
    mutable QString m_error;
};

} // namespace mw::platform
