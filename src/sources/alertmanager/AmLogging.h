#pragma once

#include <QLoggingCategory>

/// The Alertmanager API client's logging category ("modelwatch.alertmanager").
Q_DECLARE_LOGGING_CATEGORY(lcAlertmanager)
