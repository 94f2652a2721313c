#pragma once

#include "quality/PredictionJoiner.h"
#include "quality/QualityWindow.h"

#include <QString>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mw::cli {

/// Everything `modelwatch-cli quality` was told, checked.
struct QualitySetup
{
    QString feed;
    quality::FeedFormat format = quality::FeedFormat::Auto;
    quality::JoinOptions join;
    /// Window, threshold and guard; classes/positive are filled by windowFor().
    quality::WindowOptions window;
    std::vector<std::string> classes;    ///< --classes (empty: from the feed)
    std::optional<std::string> positive; ///< --positive-class
    bool json = false;
    bool follow = false;
    std::chrono::milliseconds interval{5000};
    int limit = 1000;
};

/// The window options for `batch`: --classes, or the sorted union of the
/// predicted and actual labels in it (numerically when all are integers) with
/// the positive class added; at least two classes ("0", "1" when the feed
/// names fewer). nullopt with `error` when --positive-class is not a class.
std::optional<quality::WindowOptions> windowFor(const QualitySetup &setup, const quality::FeedBatch &batch,
                                                QString &error);

/// Standard-error lines `FEED:LINE:COL: reason` for the batch's parse errors.
void printFeedErrors(const QString &feed, const quality::FeedBatch &batch);

/// --follow: prints a report every interval until SIGINT/SIGTERM.
int runQualityFollow(const QualitySetup &setup);

} // namespace mw::cli
