#pragma once

#include "quality/FeedRecord.h"

#include <QString>

#include <chrono>

namespace mw::cli {

/// A whole feed read once: a file, standard input ("-") or every page an
/// http(s) feed endpoint has now (polled until caught up).
struct FeedInput
{
    quality::FeedBatch batch;
    /// Empty on success; otherwise what failed, and the exit code it means
    /// (2: the file cannot be read, 1: the endpoint failed).
    QString error;
    int exitCode = 0;
};

struct FeedInputOptions
{
    quality::FeedFormat format = quality::FeedFormat::Auto;
    int limit = 1000;                          ///< URL pages
    std::chrono::milliseconds timeout{10'000}; ///< URL: each request
};

bool isFeedUrl(const QString &feed);
FeedInput readFeedOnce(const QString &feed, const FeedInputOptions &options);

} // namespace mw::cli
