#pragma once

#include "alerting/AlertTypes.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace mw::platform {

/// The alert history's tables and their migrations.
///
///  version 1: schema_version(version); events(seq, at_ms, kind, instance_id,
///             rule_id, event_json) — every event, as AlertStateJson writes it.
///  version 2: events gains severity and to_status (filters of the history
///             view) and an index by instance; live_instances and live_snoozes
///             hold the engine's current state, kept in the same transaction as
///             each append, so a start reads the live alerts instead of
///             replaying every event ever written. Backfilled by replaying.
///
/// Each step runs in the migration's single transaction: a crash mid-way
/// leaves the previous version intact.
class AlertHistorySchema
{
    Q_DECLARE_TR_FUNCTIONS(AlertHistorySchema)
public:
    static constexpr int kCurrentVersion = 2;

    /// The stored version: 0 for an empty database, nullopt (and `error`) if
    /// it cannot be read.
    static std::optional<int> version(QSqlDatabase &db, QString *error);
    /// Creates or upgrades to kCurrentVersion. Refuses a newer version.
    static bool migrate(QSqlDatabase &db, QString *error);

    static QString eventToText(const alerting::AlertEvent &event);
    static std::optional<alerting::AlertEvent> eventFromText(const QString &text, QString *error = nullptr);
    static QString instanceToText(const alerting::AlertInstance &instance);
    static QString snoozeToText(const alerting::Snooze &snooze);
    /// The severity column of an event: its instance's severity label.
    static QString severityOf(const alerting::AlertEvent &event);
    /// Keeps live_instances / live_snoozes as snapshotFromEvents() would
    /// leave them after `event`.
    static bool applyToLiveState(QSqlDatabase &db, const alerting::AlertEvent &event, QString *error);

private:
    static bool createVersion1(QSqlDatabase &db, QString *error);
    static bool upgradeTo2(QSqlDatabase &db, QString *error);
};

} // namespace mw::platform
