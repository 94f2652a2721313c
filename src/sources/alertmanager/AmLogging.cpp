#include "AmLogging.h"

Q_LOGGING_CATEGORY(lcAlertmanager, "modelwatch.alertmanager", QtWarningMsg)
