#pragma once

// Internal to GrafanaImport: Grafana's ids and conventions mapped to the document's.

#include "Document.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard::grafana {

struct UnitMapping
{
    Unit unit = Unit::None;
    bool exact = true; ///< false: carried with a note (`note` says how it differs)
    std::string note;
};

/// A Grafana unit id (fieldConfig.defaults.unit, yaxes[].format); nullopt
/// when ModelWatch has no equivalent.
std::optional<UnitMapping> unit(std::string_view grafanaId);

/// Severity for a threshold colour: red shades critical; orange, yellow and
/// #rrggbb colours (Grafana's default second step is #EAB839) warning;
/// green, blue and other named colours info.
Severity severityOfColor(std::string_view color);

/// "lastNotNull" / "last" / "min" / "max" / "mean"; nullopt otherwise.
std::optional<LegendCalc> legendCalc(std::string_view grafanaCalc);
std::optional<StatReduce> statReduce(std::string_view grafanaCalc);

/// Replaces Grafana's interval and range macros ($__rate_interval,
/// $__interval, $__interval_ms, $__range, $__range_s, $__range_ms, also in
/// ${...} form) with fixed values: 1m for the intervals, `range` (a
/// Prometheus duration, the dashboard's time span) for the range. Each
/// replacement made is described in `replaced` ("$__rate_interval replaced by 1m").
std::string replaceMacros(std::string_view expr, std::string_view range, std::vector<std::string> &replaced);

/// Grafana's refresh ("", "5s", "1m", ...) if it is one of the document's.
std::optional<Refresh> refresh(std::string_view grafanaRefresh);

} // namespace mw::dashboard::grafana
