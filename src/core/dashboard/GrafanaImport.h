#pragma once

#include "Document.h"
#include "Issue.h"
#include "Limits.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard {

/// Something of a Grafana dashboard that did not come over as it was.
struct NotCarried
{
    std::string pointer;    ///< JSON pointer into the Grafana file ("/panels/3", "/templating/list/0")
    std::string panelTitle; ///< the panel's (or variable's) title, if any
    std::string what;       ///< "panel type 'table' is not supported"

    /// `/panels/3 "Requests": panel type 'table' is not supported`
    std::string toString() const;

    bool operator==(const NotCarried &) const = default;
};

struct GrafanaImport
{
    std::optional<Document> document; ///< set exactly when error is not
    std::optional<Issue> error;       ///< the file is not a Grafana dashboard ModelWatch can read
    std::vector<NotCarried> notCarried; ///< in file order
};

/// Converts a Grafana dashboard (the JSON of "Export" / the HTTP API's
/// `dashboard` member, schemaVersion 16 to 39) into a ModelWatch document.
///
/// Carried over: title, uid, time range, refresh (1s/5s/10s/30s/1m), panels of
/// type timeseries, graph, stat and gauge (as stat), also inside collapsed rows,
/// with their Prometheus targets (expr, legendFormat, refId, hide), unit
/// (fieldConfig.defaults.unit or a graph's yaxes[0].format), thresholds
/// (the base step, value null, is the colour below all thresholds and is
/// dropped; red means critical, orange, yellow and #rrggbb warning, others info),
/// legend calculations, stat reduction and sparkline, gridPos, and `query`
/// (label_values) and `custom` variables.
///
/// Everything else is reported in notCarried with its place: other panel
/// types, row headers, rate/interval macros ($__rate_interval and
/// $__interval become 1m, $__range the dashboard's range), target options
/// (instant, format, interval, intervalFactor), non-Prometheus data sources,
/// transformations, overrides, links, repeats, annotations, legacy alerts,
/// data source variables. The result is checked by documentFromJson().
GrafanaImport importGrafana(const nlohmann::json &grafana, const Limits &limits = {});
/// Parses `text` (parseJsonText(): LINE:COLUMN errors) and imports it.
GrafanaImport importGrafanaText(std::string_view text, const Limits &limits = {});

} // namespace mw::dashboard
