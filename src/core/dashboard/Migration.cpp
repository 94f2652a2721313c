#include "Migration.h"

#include "Document.h"
#include "DocumentJson.h"
#include "PresetDocument.h"

#include "presets/DashboardJson.h"

#include <nlohmann/json.hpp>

#include <array>

namespace mw::dashboard {

using nlohmann::json;

namespace {

using Step = std::optional<json> (*)(const json &, Issue *);

/// kSteps[v - 1] migrates version v to v + 1.
constexpr std::array<Step, Document::kSchemaVersion - 1> kSteps{{&migrateV1ToV2}};

} // namespace

Issue issueFromDottedPath(const std::string &message)
{
    const std::size_t colon = message.find(": ");
    if (colon == std::string::npos || message.substr(0, colon).find(' ') != std::string::npos)
        return {{}, message, 0, 0};
    std::string pointer;
    std::string token;
    for (char c : message.substr(0, colon)) {
        if (c == '.' || c == '[' || c == ']') {
            if (!token.empty())
                pointer = pointerChild(pointer, token);
            token.clear();
        } else {
            token.push_back(c);
        }
    }
    if (!token.empty())
        pointer = pointerChild(pointer, token);
    return {pointer, message.substr(colon + 2), 0, 0};
}

std::optional<json> migrateV1ToV2(const json &v1, Issue *error)
{
    std::string message;
    const std::optional<presets::Dashboard> preset = presets::dashboardFromJson(v1, &message);
    if (!preset) {
        if (error)
            *error = issueFromDottedPath(message);
        return std::nullopt;
    }
    return documentToJson(fromPreset(*preset));
}

std::optional<json> migrateToCurrent(const json &j, int fromVersion, Issue *error)
{
    if (fromVersion < 1 || fromVersion > Document::kSchemaVersion) {
        if (error)
            *error = {"/schemaVersion", "no migration from version " + std::to_string(fromVersion), 0, 0};
        return std::nullopt;
    }
    json current = j;
    for (int v = fromVersion; v < Document::kSchemaVersion; ++v) {
        std::optional<json> next = kSteps[std::size_t(v - 1)](current, error);
        if (!next)
            return std::nullopt;
        current = std::move(*next);
    }
    return current;
}

} // namespace mw::dashboard
