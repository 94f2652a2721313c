#pragma once

#include "Issue.h"
#include "Limits.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string_view>

namespace mw::dashboard {

/// Parses JSON text within `limits` (maxBytes, maxDepth, checked before
/// nlohmann builds anything). Returns the problem, or nullopt with `out` set.
/// Syntax errors carry LINE:COLUMN (column in characters), converted from
/// nlohmann's byte offset. A UTF-8 BOM is skipped.
std::optional<Issue> parseJsonText(std::string_view text, const Limits &limits, nlohmann::json &out);

/// 1-based line and column (in UTF-8 code points) of byte `offset` of `text`.
void lineColumnAt(std::string_view text, std::size_t offset, int &line, int &column);

} // namespace mw::dashboard
