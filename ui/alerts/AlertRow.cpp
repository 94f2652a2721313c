#include "AlertRow.h"

#include <QCoreApplication>

namespace mw::alertsui {

using alerting::AlertStatus;

bool AlertRow::isActive() const
{
    return status == AlertStatus::Pending || status == AlertStatus::Firing || status == AlertStatus::Acknowledged
        || status == AlertStatus::Snoozed;
}

QString AlertRow::originText() const
{
    switch (origin) {
    case AlertOrigin::Local: return QCoreApplication::translate("AlertRow", "local");
    case AlertOrigin::Alertmanager: return QCoreApplication::translate("AlertRow", "alertmanager %1").arg(sourceName);
    case AlertOrigin::Prometheus: return QCoreApplication::translate("AlertRow", "prometheus %1").arg(sourceName);
    }
    return {};
}

int statusRank(AlertStatus status)
{
    switch (status) {
    case AlertStatus::Firing: return 5;
    case AlertStatus::Pending: return 4;
    case AlertStatus::Acknowledged: return 3;
    case AlertStatus::Snoozed: return 2;
    case AlertStatus::Resolved: return 1;
    case AlertStatus::Inactive: return 0;
    }
    return 0;
}

} // namespace mw::alertsui
