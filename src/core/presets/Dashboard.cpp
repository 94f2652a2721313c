#include "Dashboard.h"

#include <array>
#include <utility>

namespace mw::presets {

namespace {

constexpr std::array<std::pair<Unit, std::string_view>, 15> kUnits{{
    {Unit::None, "none"},
    {Unit::Count, "count"},
    {Unit::RequestsPerSecond, "requests_per_second"},
    {Unit::TokensPerSecond, "tokens_per_second"},
    {Unit::PerSecond, "per_second"},
    {Unit::Seconds, "seconds"},
    {Unit::Milliseconds, "milliseconds"},
    {Unit::Microseconds, "microseconds"},
    {Unit::Nanoseconds, "nanoseconds"},
    {Unit::Bytes, "bytes"},
    {Unit::BytesPerSecond, "bytes_per_second"},
    {Unit::Cores, "cores"},
    {Unit::Percent, "percent"},
    {Unit::Ratio, "ratio"},
    {Unit::Watts, "watts"},
}};

constexpr std::array<std::pair<PanelKind, std::string_view>, 2> kPanelKinds{{
    {PanelKind::Timeseries, "timeseries"},
    {PanelKind::Stat, "stat"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 2> kSeverities{{
    {Severity::Warning, "warning"},
    {Severity::Critical, "critical"},
}};

template<typename E, std::size_t N>
std::string_view idOf(const std::array<std::pair<E, std::string_view>, N> &table, E value)
{
    for (const auto &[v, id] : table) {
        if (v == value)
            return id;
    }
    return table.front().second;
}

template<typename E, std::size_t N>
std::optional<E> fromId(const std::array<std::pair<E, std::string_view>, N> &table, std::string_view id)
{
    for (const auto &[v, name] : table) {
        if (name == id)
            return v;
    }
    return std::nullopt;
}

} // namespace

std::string_view unitId(Unit unit) { return idOf(kUnits, unit); }
std::optional<Unit> unitFromId(std::string_view id) { return fromId(kUnits, id); }
std::string_view panelKindId(PanelKind kind) { return idOf(kPanelKinds, kind); }
std::optional<PanelKind> panelKindFromId(std::string_view id) { return fromId(kPanelKinds, id); }
std::string_view severityId(Severity severity) { return idOf(kSeverities, severity); }
std::optional<Severity> severityFromId(std::string_view id) { return fromId(kSeverities, id); }

} // namespace mw::presets
