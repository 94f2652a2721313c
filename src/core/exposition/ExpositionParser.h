#pragma once

#include "ParseResult.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace mw::expo {

/// Limits that keep a hostile payload from taking the process down.
struct ParseOptions
{
    std::size_t maxBytes = std::size_t{64} << 20; ///< payloads above this are refused whole
    std::size_t maxSamples = 5'000'000;            ///< sample lines (exemplars not counted)
    uint32_t maxLabelsPerSample = 1024;
};

/// Parses a whole exposition payload. A pure function over bytes: no I/O, no
/// globals. Views in the result point into `payload` or into the result's own
/// arena, so `payload` must outlive the result.
ParseResult parse(std::string_view payload, Format format, const ParseOptions &options = {});

/// The format a response's Content-Type announces: application/openmetrics-text
/// gives OpenMetrics, text/plain (any version) gives Prometheus text. Anything
/// else, including an empty header, gives nullopt: Prometheus 3 refuses such
/// scrapes too.
std::optional<Format> formatForContentType(std::string_view contentType);

/// A guess for payloads with no Content-Type (files): OpenMetrics when the last
/// non-empty line is `# EOF`, Prometheus text otherwise.
Format guessFormat(std::string_view payload);

} // namespace mw::expo
