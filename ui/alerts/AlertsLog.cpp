#include "AlertsLog.h"

Q_LOGGING_CATEGORY(lcAlertsUi, "modelwatch.alerts.ui")
