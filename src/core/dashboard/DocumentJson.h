#pragma once

#include "Document.h"
#include "Issue.h"
#include "Limits.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace mw::dashboard {

/// JSON form of a Document, schema version 2 (Document::kSchemaVersion):
///
///     {"schemaVersion": 2, "title": "TF Serving", "uid": "tfserving-demo", "server": "tfserving",
///      "time": {"from": "now-1h", "to": "now"}, "refresh": "5s",       // refreshId()
///      "sources": [...],    // SectionJson.h
///      "variables": [...],  // SectionJson.h
///      "panels": [...],     // PanelJson.h
///      "rules": [{...alertRuleToJson(), "panelId": 3}]}               // panelId optional
///
/// Older versions are migrated on read (Migration.h): version 1 is the preset
/// dashboard JSON of presets/DashboardJson.h (what `modelwatch-cli detect
/// --json` prints). A newer version is refused.
///
/// Unknown members are NOT kept: the reader reports each one as a warning
/// with its JSON pointer, and a save writes only what the document holds, so
/// a file always says exactly what ModelWatch will do with it.
///
/// Written canonically: keys in sorted order (nlohmann's std::map objects),
/// doubles in shortest round-trip form, two-space indent, final newline.
nlohmann::json documentToJson(const Document &document);
/// documentToJson(document).dump(2) + "\n": the bytes a save writes.
std::string documentToText(const Document &document);

struct ReadResult
{
    std::optional<Document> document; ///< set exactly when error is not
    std::optional<Issue> error;
    std::vector<Issue> warnings;
    int fromVersion = 0; ///< the file's schemaVersion (< current: it was migrated)
};

/// Reads a document from parsed JSON: checks every member, every
/// cross-reference (unique panel ids, refIds, variable and source names, rule
/// ids, rules' panelId, panels' source) and the limits. Builds a fresh Document and returns
/// it only when complete.
ReadResult documentFromJson(const nlohmann::json &json, const Limits &limits = {});

} // namespace mw::dashboard
