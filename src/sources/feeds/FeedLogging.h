#pragma once

#include <QLoggingCategory>

/// The labeled-prediction feed sources' logging category ("modelwatch.feeds").
Q_DECLARE_LOGGING_CATEGORY(lcFeeds)
