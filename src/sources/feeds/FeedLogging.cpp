#include "FeedLogging.h"

Q_LOGGING_CATEGORY(lcFeeds, "modelwatch.feeds", QtWarningMsg)
