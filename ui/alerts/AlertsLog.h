#pragma once

#include <QLoggingCategory>

/// The alerts pane, tray icon and external alert polling ("modelwatch.alerts.ui").
Q_DECLARE_LOGGING_CATEGORY(lcAlertsUi)
