#pragma once

// The labeled-prediction feed: what a model server (or its logging sidecar)
// writes when it predicts, and what the labelling pipeline writes when the
// ground truth is known, minutes or days later. A record carries an id, a
// time and a prediction (score(s) and/or predicted label), a label (actual),
// or both. PredictionJoiner pairs the two halves by id.
//
// Two encodings, one record per line (see FeedParser.h for the grammar):
//   {"id":"r1","time":1700000000.25,"score":0.91,"predicted":"1"}
//   {"id":"r1","time":1700000600,"actual":"0"}
//   id,time,score,predicted,actual
//   r1,1700000000.25,0.91,1,

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace mw::quality {

enum class FeedFormat { Auto, JsonLines, Csv };

struct FeedRecord
{
    std::string id;
    /// Milliseconds since the Unix epoch (the feed writes seconds, fractional allowed).
    int64_t timeMs = 0;
    /// Binary score: the model's score for the positive class. NaN when absent
    /// or written as NaN (hasScore tells the two apart).
    double score = std::numeric_limits<double>::quiet_NaN();
    bool hasScore = false;
    /// Per-class scores (multi-class), in the consumer's class order:
    /// FeedBatch::scores[scoreBegin, scoreBegin + scoreCount).
    uint32_t scoreBegin = 0;
    uint32_t scoreCount = 0;
    std::string predicted;
    bool hasPredicted = false;
    std::string actual;
    bool hasActual = false;
    /// 1-based line in the parsed bytes.
    uint32_t line = 0;

    bool isPrediction() const { return hasScore || scoreCount > 0 || hasPredicted; }
    bool isLabel() const { return hasActual; }
};

/// A per-line problem; the line is skipped and parsing goes on (one bad line
/// in a day's feed must not hide the rest). Positions are 1-based, columns in bytes.
struct FeedError
{
    uint32_t line = 0;
    uint32_t column = 0;
    std::string reason;

    /// `LINE:COL: reason`, the form every ModelWatch parser reports.
    std::string toString() const;
};

struct FeedOptions
{
    std::size_t maxBytes = std::size_t{64} << 20; ///< larger inputs are refused whole
    std::size_t maxLineBytes = std::size_t{64} << 10;
    std::size_t maxRecords = 10'000'000;          ///< parsing stops (aborted) beyond this
    std::size_t maxErrors = 100;                  ///< further errors are only counted
    std::size_t maxFieldBytes = 256;              ///< id, predicted, actual (after unescaping)
    std::size_t maxScores = 1024;                 ///< per record
    std::size_t maxJsonDepth = 32;                ///< nesting inside ignored JSON fields
    /// CSV continuation: the header of the stream when `bytes` is a later chunk
    /// that does not start with one. Empty: the first non-empty line is the header.
    std::string_view csvHeader;
    /// Line number of the first line of `bytes` (a later chunk of a stream).
    uint32_t firstLine = 1;
};

struct FeedBatch
{
    FeedFormat format = FeedFormat::Auto;
    std::vector<FeedRecord> records;
    std::vector<double> scores;
    std::vector<FeedError> errors;
    /// Errors beyond FeedOptions::maxErrors (not stored).
    std::size_t droppedErrors = 0;
    /// Lines that were neither a record nor blank (== errors.size() + droppedErrors).
    std::size_t rejectedLines = 0;
    /// Parsing stopped early: input too large or record cap reached.
    bool aborted = false;

    std::size_t errorCount() const { return errors.size() + droppedErrors; }
};

} // namespace mw::quality
