#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNotify)  // modelwatch.notify
Q_DECLARE_LOGGING_CATEGORY(lcHistory) // modelwatch.history
Q_DECLARE_LOGGING_CATEGORY(lcAlerts)  // modelwatch.alerts
