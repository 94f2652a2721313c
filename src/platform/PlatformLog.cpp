#include "PlatformLog.h"

Q_LOGGING_CATEGORY(lcNotify, "modelwatch.notify")
Q_LOGGING_CATEGORY(lcHistory, "modelwatch.history")
Q_LOGGING_CATEGORY(lcAlerts, "modelwatch.alerts")
