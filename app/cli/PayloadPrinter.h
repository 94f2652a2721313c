#pragma once

#include "exposition/ParseResult.h"

#include <cstdio>
#include <string>

namespace mw::cli {

/// Prints a parsed payload for people (one family header, then its samples,
/// in Prometheus' `name{labels} value [timestamp]` form) or as JSON.
void printPayloadText(const expo::ParseResult &result, std::FILE *out);
void printPayloadJson(const expo::ParseResult &result, std::FILE *out);

} // namespace mw::cli
