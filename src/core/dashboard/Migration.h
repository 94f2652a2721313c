#pragma once

#include "Issue.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace mw::dashboard {

/// Version 1 (presets/DashboardJson.h: server, title, panels of
/// title/description/type/unit/queries/thresholds) to version 2: panels get
/// ids 1..N, refIds A, B, ..., a grid position (fromPreset()'s layout), and
/// the document the defaults of time, refresh, sources, variables and rules.
/// Read by presets::dashboardFromJson(), so version 1 has one reader; its
/// errors come back as JSON pointers. Unknown version 1 members are dropped.
std::optional<nlohmann::json> migrateV1ToV2(const nlohmann::json &v1, Issue *error);

/// Applies every step from `fromVersion` to Document::kSchemaVersion, one
/// version at a time.
std::optional<nlohmann::json> migrateToCurrent(const nlohmann::json &json, int fromVersion, Issue *error);

/// "panels[2].queries[0].expr: missing" (presets' and alerting's path style)
/// as {"/panels/2/queries/0/expr", "missing"}.
Issue issueFromDottedPath(const std::string &message);

} // namespace mw::dashboard
