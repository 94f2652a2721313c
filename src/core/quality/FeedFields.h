#pragma once

// Field-level helpers shared by the JSON-lines and CSV readers of the feed
// (internal to src/core/quality).

#include "quality/FeedRecord.h"

#include <optional>
#include <string_view>

namespace mw::quality::feed {

/// A problem inside one line: byte offset into the line and reason.
struct LineError
{
    std::size_t offset = 0;
    std::string reason;
};

/// A JSON number (strict grammar). nullopt when `text` is not exactly one.
std::optional<double> parseJsonNumber(std::string_view text);
/// A CSV number: strtod-like decimal syntax plus nan/inf/infinity (any case,
/// optional sign); no hex, no surrounding spaces.
std::optional<double> parseCsvNumber(std::string_view text);
/// Unix seconds (finite, |t| < 1e11) to milliseconds, rounded to nearest.
std::optional<int64_t> secondsToMs(double seconds);
/// RFC 3339 date-time with an offset or Z, e.g. 2026-12-01T07:00:00.250Z.
std::optional<int64_t> parseRfc3339Ms(std::string_view text);

/// The checks every record passes after its fields are read; `offset` is
/// where a problem is reported (the start of the line).
std::optional<LineError> validateRecord(const FeedRecord &r, bool hasTime);

/// One JSON object line into `r` (scores appended to `scores`).
std::optional<LineError> parseJsonRecord(std::string_view line, FeedRecord &r, std::vector<double> &scores,
                                         const FeedOptions &o);

/// The column roles of a CSV header.
struct CsvColumns
{
    enum Role : uint8_t { Ignored, Id, Time, Score, Scores, Predicted, Actual };
    std::vector<Role> roles;
};

std::optional<LineError> parseCsvHeader(std::string_view line, CsvColumns &columns);
std::optional<LineError> parseCsvRecord(std::string_view line, const CsvColumns &columns, FeedRecord &r,
                                        std::vector<double> &scores, const FeedOptions &o);

} // namespace mw::quality::feed
