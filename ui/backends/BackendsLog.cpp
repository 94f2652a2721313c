#include "BackendsLog.h"

Q_LOGGING_CATEGORY(lcBackends, "modelwatch.backends", QtWarningMsg)
