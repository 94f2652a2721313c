#pragma once

#include "Dashboard.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace mw::presets {

/// JSON form of a Dashboard, schema version 1:
///
///     {
///       "schemaVersion": 1,
///       "server": "vllm",                  // serverKindId()
///       "title": "vLLM",
///       "panels": [{
///         "title": "Tokens/s",
///         "description": "…",              // may be empty; optional on read
///         "type": "timeseries",            // panelKindId(): timeseries | stat
///         "unit": "tokens_per_second",     // unitId()
///         "queries": [{"expr": "sum by (model_name) (...)", "legend": "{{model_name}}"}],
///         "thresholds": [{"value": 0.05, "severity": "warning"}]   // severityId(); may be empty
///       }]
///     }
///
/// Later versions may add members; readers ignore members they do not know.
nlohmann::json dashboardToJson(const Dashboard &dashboard);

/// The inverse of dashboardToJson(). On failure returns nullopt and sets
/// `error` to the first problem ("panels[2].unit: unknown unit 'furlongs'").
/// `description` and `thresholds` may be absent; every other member is
/// required. Threshold values must be finite numbers: JSON text has no NaN or
/// Inf (a dump writes null), so this refuses them, in memory or as null. A schemaVersion other than
/// Dashboard::kSchemaVersion is refused: there is no older version to migrate.
std::optional<Dashboard> dashboardFromJson(const nlohmann::json &json, std::string *error = nullptr);

} // namespace mw::presets
