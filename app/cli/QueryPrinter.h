#pragma once

#include "promql/EngineValue.h"

#include <cstdio>
#include <string>

namespace mw::cli {

/// Prints a query result for people, as promtool does:
///   vector: `name{a="b"} => 1.5 @[1700000000.123]`
///   matrix: the series line, then `value @[time]` lines
///   scalar: `scalar: 1.5 @[1700000000]`
void printQueryText(const promql::QueryResult &result, std::FILE *out);

/// Prints the Prometheus HTTP API's response shape:
/// {"status":"success","data":{"resultType":...,"result":...},"warnings":[...]}
/// with values as strings and times as seconds, exactly as Prometheus writes
/// them, so scripts can treat both sources alike.
void printQueryJson(const promql::QueryResult &result, std::FILE *out);

/// Prometheus' float text (util/jsonutil): fixed notation from 1e-6 to 1e21,
/// exponent notation outside; NaN, +Inf, -Inf.
std::string formatPromValue(double v);
/// Milliseconds as Prometheus' seconds with up to three decimals.
std::string formatPromTime(int64_t ms);

} // namespace mw::cli
