#pragma once

#include <QLoggingCategory>

/// ui/backends: Prometheus and scrape sources as the dashboard sees them.
Q_DECLARE_LOGGING_CATEGORY(lcBackends) // modelwatch.backends
