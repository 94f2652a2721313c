#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mw::alerting {

/// Prometheus durations as rule files write them (model.ParseDuration):
/// "1h30m", "500ms", "2d", "0"; units y (365d), w, d, h, m, s, ms, each at most
/// once and in that order. Returns milliseconds, or nullopt for anything else
/// (also on overflow).
std::optional<int64_t> parsePromDuration(std::string_view text);

/// The inverse (model.Duration.String): "1h30m", "0s".
std::string formatPromDuration(int64_t ms);

} // namespace mw::alerting
