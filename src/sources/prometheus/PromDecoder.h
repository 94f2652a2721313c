#pragma once

#include "PromTypes.h"

#include <string_view>

namespace mw {

/// Which `data` shape a response carries.
enum class PromDataKind : uint8_t { Query, Series, StringList, Metadata, Alerts, Rules };

/// Decodes Prometheus API response bodies: pure, no I/O. Strict about types,
/// defensive about hostile input: every failure becomes a PromError (NotJson,
/// BadResponse naming the JSON path, or Api carrying errorType/error verbatim);
/// no exception leaves decode().
class PromDecoder
{
public:
    /// Deeper documents are refused before parsing.
    static constexpr int kMaxDepth = 64;

    /// Decodes `body` into `out` (data, warnings, infos, decodeWarnings or error).
    /// `httpStatus` only enriches messages.
    static void decode(std::string_view body, PromDataKind kind, PromResponse &out, int httpStatus = 200);

    /// True when `body` is a Prometheus error envelope ({"status":"error",...});
    /// then `out.error` is filled (kind Api).
    static bool decodeErrorEnvelope(std::string_view body, PromResponse &out, int httpStatus);
};

} // namespace mw
