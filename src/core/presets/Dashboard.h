#pragma once

#include "ServerKind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::presets {

/// What a panel's values measure, so the dashboard layer can scale and label
/// them (1.2 ms, 3.4 GiB, 97 %). The JSON id is in brackets.
enum class Unit : uint8_t {
    None,              ///< [none] plain number, no scaling
    Count,             ///< [count] a number of things (requests in flight, batch size)
    RequestsPerSecond, ///< [requests_per_second] req/s
    TokensPerSecond,   ///< [tokens_per_second] tok/s
    PerSecond,         ///< [per_second] other events per second (preemptions, decode calls)
    Seconds,           ///< [seconds] durations; scale to ms/µs when small
    Milliseconds,      ///< [milliseconds] durations already in ms (Triton histograms, TorchServe gauges)
    Microseconds,      ///< [microseconds] durations in µs (TF Serving, Triton, TorchServe counters)
    Nanoseconds,       ///< [nanoseconds] durations in ns (Grafana's "ns")
    Bytes,             ///< [bytes] binary-scaled (KiB, MiB, GiB)
    BytesPerSecond,    ///< [bytes_per_second] binary-scaled throughput (network, disk)
    Cores,             ///< [cores] CPU seconds per second (1 = one core busy)
    Percent,           ///< [percent] 0–100
    Ratio,             ///< [ratio] 0–1, shown as a percentage
    Watts,             ///< [watts] power
};

enum class PanelKind : uint8_t {
    Timeseries, ///< [timeseries] a line chart over time
    Stat,       ///< [stat] the latest value, large
};

/// One PromQL query of a panel. Rate windows are a fixed `[1m]`.
struct PanelQuery
{
    std::string expr;
    /// Series name in the legend; `{{label}}` is replaced by the label's value.
    std::string legend;

    bool operator==(const PanelQuery &) const = default;
};

enum class Severity : uint8_t {
    Warning,  ///< [warning]
    Critical, ///< [critical]
};

/// A value at or above which the panel turns to `severity`.
struct Threshold
{
    double value = 0.0;
    Severity severity = Severity::Warning;

    bool operator==(const Threshold &) const = default;
};

struct Panel
{
    std::string title;
    /// What the values mean and where they come from (may be empty).
    std::string description;
    PanelKind kind = PanelKind::Timeseries;
    Unit unit = Unit::None;
    std::vector<PanelQuery> queries;
    std::vector<Threshold> thresholds; ///< ascending values

    bool operator==(const Panel &) const = default;
};

/// A dashboard definition: plain data, no widgets.
struct Dashboard
{
    static constexpr int kSchemaVersion = 1;

    ServerKind server = ServerKind::Unknown;
    std::string title;
    std::vector<Panel> panels;

    bool operator==(const Dashboard &) const = default;
};

std::string_view unitId(Unit unit);
std::optional<Unit> unitFromId(std::string_view id);
std::string_view panelKindId(PanelKind kind);
std::optional<PanelKind> panelKindFromId(std::string_view id);
std::string_view severityId(Severity severity);
std::optional<Severity> severityFromId(std::string_view id);

} // namespace mw::presets
