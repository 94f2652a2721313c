#pragma once

// The dashboard's time range as text ("now-1h" .. "now", or absolute ISO 8601
// times) and as milliseconds. Relative ends are resolved against a given now,
// so a live dashboard slides and a test pins it.

#include "dashboard/Document.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace mw::view {

struct ResolvedRange
{
    int64_t fromMs = 0;
    int64_t toMs = 0;
    bool live = false; ///< `to` is "now": the range follows the clock
    int64_t spanMs() const { return toMs - fromMs; }
};

/// "now", "now-15m", "now-1h30m", "2026-12-01T08:00:00Z" (any ISO 8601 with a
/// zone; without one it is local time) or milliseconds since the epoch. nullopt
/// with `error` set when the text is none of those.
std::optional<int64_t> resolveTimeSpec(const std::string &spec, int64_t nowMs, QString *error = nullptr);

/// Both ends; an error when either is invalid or from is not before to.
std::optional<ResolvedRange> resolveRange(const dashboard::TimeRange &range, int64_t nowMs,
                                          QString *error = nullptr);

/// "now-<duration>" .. "now".
dashboard::TimeRange relativeRange(int64_t spanMs);
/// Absolute ISO 8601 UTC ends.
dashboard::TimeRange absoluteRange(int64_t fromMs, int64_t toMs);

/// The text a toolbar shows: "Last 1 hour", "Last 30 minutes", or the two ends.
QString describeRange(const dashboard::TimeRange &range);

/// A query step for `span` with at most `maxPoints` points, never below
/// `minStepMs` (a scrape interval), rounded to a whole second, minute...
int64_t stepFor(int64_t spanMs, int maxPoints, int64_t minStepMs);

/// The refresh period in ms (0 = off).
int64_t refreshPeriodMs(dashboard::Refresh refresh);

} // namespace mw::view
