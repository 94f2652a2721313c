#include "PromLogging.h"

Q_LOGGING_CATEGORY(lcPromApi, "modelwatch.prometheus", QtWarningMsg)
