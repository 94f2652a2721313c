#pragma once

#include "AmTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mw {

/// Which answer an Alertmanager endpoint gives.
enum class AmDataKind : uint8_t {
    Alerts,    ///< GET /api/v2/alerts: an array of gettableAlert
    Silences,  ///< GET /api/v2/silences: an array of gettableSilence
    SilenceId, ///< POST /api/v2/silences: {"silenceID": "..."}
    Empty,     ///< DELETE /api/v2/silence/{id}, POST /api/v2/alerts: nothing to read
    Text,      ///< /-/healthy, /-/ready: a plain sentence
};

/// Decodes Alertmanager API v2 response bodies (api/v2/openapi.yaml): pure,
/// no I/O. Strict about types, lenient about additions (unknown keys are
/// ignored, `mutedBy` may be absent): every failure becomes NotJson or
/// BadResponse naming the JSON path ("[3].status.silencedBy[0]"); no
/// exception leaves it.
class AmDecoder
{
public:
    /// Deeper documents are refused before their values are read.
    static constexpr int kMaxDepth = 64;

    /// Decodes a 2xx `body` of `kind` into `out` (its alerts, silences,
    /// silenceId or text, or its error).
    static void decode(std::string_view body, AmDataKind kind, AmResponse &out);

    /// Alertmanager's error text in a 4xx body: a JSON string (its handlers'
    /// payload) or go-swagger's {"code": N, "message": "..."}; nullopt for
    /// anything else.
    static std::optional<std::string> errorMessage(std::string_view body);
};

} // namespace mw
