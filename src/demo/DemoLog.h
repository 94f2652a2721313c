#pragma once

#include <QLoggingCategory>

// The demo server's logging category ("modelwatch.demo"); the fault switches
// log under "modelwatch.demo.faults" (FaultInjector.cpp).
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
