#pragma once

#include <QLoggingCategory>

/// The Prometheus HTTP API client's logging category ("modelwatch.prometheus").
Q_DECLARE_LOGGING_CATEGORY(lcPromApi)
