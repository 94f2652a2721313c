#pragma once

// Parser of the labeled-prediction feed (FeedRecord.h). A pure function over
// bytes, no I/O: the source that tails a file or a socket hands over complete
// lines (a trailing line without '\n' is parsed as complete).
//
// JSON lines: one object per line. Known keys, any order, each at most once:
//   "id"        string or integer (required, 1..maxFieldBytes bytes; not a boolean)
//   "time"      number, Unix seconds (fractional allowed), or an RFC 3339
//               string such as "2026-12-01T07:00:00.250Z" (required)
//   "score"     number: the positive class's score; null = absent
//   "scores"    array of numbers, one per class in the consumer's order
//   "predicted" string, integer or boolean (true -> "1", false -> "0"); null = absent
//   "actual"    same as "predicted"
// Other keys are skipped whatever their value (nesting capped at
// maxJsonDepth). Python's json writes NaN, Infinity and -Infinity for
// non-finite floats; they are accepted as numbers in "score"/"scores" only.
// A record needs an id, a time and a prediction or a label.
//
// CSV (RFC 4180 fields, ',' separated, "..." quoting with "" for a quote,
// no newline inside a field, CR before LF ignored): a header line names the
// columns id, time, score, scores, predicted, actual (others ignored; id and
// time required). An empty field is absent; `scores` holds numbers separated
// by ';'; numbers also accept NaN/Inf spelt as in C.
//
// A leading UTF-8 byte order mark is skipped. Blank lines are skipped in both. Every rejected line gives `LINE:COL: reason`
// and parsing goes on; only the size cap (whole input refused) and the record
// cap (stop) abort.

#include "quality/FeedRecord.h"

#include <string_view>

namespace mw::quality {

/// JSON lines when the first non-blank byte is '{', CSV otherwise.
FeedFormat detectFeedFormat(std::string_view bytes);

FeedBatch parseFeed(std::string_view bytes, FeedFormat format = FeedFormat::Auto, const FeedOptions &options = {});

} // namespace mw::quality
