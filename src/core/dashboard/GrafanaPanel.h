#pragma once

// Internal to GrafanaImport: one Grafana panel (or row) into document panels.

#include "Document.h"
#include "GrafanaImport.h"

#include <nlohmann/json_fwd.hpp>

#include <set>
#include <string>
#include <vector>

namespace mw::dashboard::grafana {

struct ImportContext
{
    std::string range = "1h"; ///< the dashboard's time span, for $__range
    std::vector<Panel> panels;
    std::set<int> usedIds;
    std::vector<NotCarried> notCarried;
    std::size_t maxPanels = 500;
    std::size_t maxQueries = 32;
    std::size_t maxThresholds = 32;

    void note(const std::string &pointer, const std::string &title, std::string what)
    {
        notCarried.push_back({pointer, title, std::move(what)});
    }
};

/// Converts the panel at `pointer` (a row: the panels it holds) into ctx.panels,
/// noting in ctx.notCarried what does not come over. Panels get their
/// Grafana id when it is a free positive integer, else 0 (assigned later).
void convertPanel(const nlohmann::json &panel, const std::string &pointer, ImportContext &ctx);

/// A member of an object, or a null value (absent, or `object` is not an object).
const nlohmann::json &member(const nlohmann::json &object, const char *key);

/// A string member or "".
std::string text(const nlohmann::json &object, const char *key);

} // namespace mw::dashboard::grafana
