#include "GrafanaMaps.h"

#include "alerting/PromDuration.h"

#include <array>
#include <cctype>
#include <utility>

namespace mw::dashboard::grafana {

namespace {

struct UnitRow
{
    std::string_view id;
    Unit unit;
    const char *note; ///< null: exact
};

constexpr std::array<UnitRow, 24> kUnits{{
    {"", Unit::None, nullptr},
    {"none", Unit::None, nullptr},
    {"short", Unit::None, nullptr},
    {"reqps", Unit::RequestsPerSecond, nullptr},
    {"rps", Unit::RequestsPerSecond, nullptr},
    {"ops", Unit::PerSecond, nullptr},
    {"cps", Unit::PerSecond, nullptr},
    {"wps", Unit::PerSecond, nullptr},
    {"iops", Unit::PerSecond, nullptr},
    {"s", Unit::Seconds, nullptr},
    {"ms", Unit::Milliseconds, nullptr},
    {"µs", Unit::Microseconds, nullptr},
    {"us", Unit::Microseconds, nullptr},
    {"ns", Unit::Nanoseconds, nullptr},
    {"bytes", Unit::Bytes, nullptr},
    {"decbytes", Unit::Bytes, "unit 'decbytes' (SI) shown with binary prefixes (KiB, MiB)"},
    {"binBps", Unit::BytesPerSecond, nullptr},
    {"Bps", Unit::BytesPerSecond, "unit 'Bps' (SI) shown with binary prefixes (KiB/s, MiB/s)"},
    {"decBps", Unit::BytesPerSecond, "unit 'decBps' (SI) shown with binary prefixes (KiB/s, MiB/s)"},
    {"percent", Unit::Percent, nullptr},
    {"percentunit", Unit::Ratio, nullptr},
    {"watt", Unit::Watts, nullptr},
    {"count", Unit::Count, nullptr},
    {"locale", Unit::None, nullptr},
}};

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

} // namespace

std::optional<UnitMapping> unit(std::string_view id)
{
    for (const UnitRow &row : kUnits)
        if (row.id == id)
            return UnitMapping{row.unit, row.note == nullptr, row.note ? row.note : ""};
    return std::nullopt;
}

Severity severityOfColor(std::string_view color)
{
    if (contains(color, "red"))
        return Severity::Critical;
    if (contains(color, "orange") || contains(color, "yellow") || color.starts_with('#'))
        return Severity::Warning;
    return Severity::Info;
}

std::optional<LegendCalc> legendCalc(std::string_view c)
{
    if (c == "lastNotNull" || c == "last")
        return LegendCalc::Last;
    if (c == "min")
        return LegendCalc::Min;
    if (c == "max")
        return LegendCalc::Max;
    if (c == "mean")
        return LegendCalc::Mean;
    return std::nullopt;
}

std::optional<StatReduce> statReduce(std::string_view c)
{
    if (c == "lastNotNull" || c == "last")
        return StatReduce::Last;
    if (c == "min")
        return StatReduce::Min;
    if (c == "max")
        return StatReduce::Max;
    if (c == "mean")
        return StatReduce::Mean;
    return std::nullopt;
}

std::string replaceMacros(std::string_view expr, std::string_view range, std::vector<std::string> &replaced)
{
    const int64_t rangeMs = alerting::parsePromDuration(range).value_or(3'600'000);
    const std::string rangeText(range);
    // Longest names first, so $__interval_ms is not read as $__interval + "_ms".
    const std::array<std::pair<std::string_view, std::string>, 6> macros{{
        {"__rate_interval", "1m"},
        {"__interval_ms", "60000"},
        {"__interval", "1m"},
        {"__range_ms", std::to_string(rangeMs)},
        {"__range_s", std::to_string(rangeMs / 1000)},
        {"__range", rangeText},
    }};
    std::string out;
    std::vector<std::string_view> seen;
    std::size_t i = 0;
    while (i < expr.size()) {
        bool matched = false;
        if (expr[i] == '$') {
            const bool braced = i + 1 < expr.size() && expr[i + 1] == '{';
            const std::size_t nameAt = i + (braced ? 2 : 1);
            for (const auto &[name, value] : macros) {
                if (expr.substr(nameAt, name.size()) != name)
                    continue;
                std::size_t end = nameAt + name.size();
                if (braced) {
                    if (end >= expr.size() || expr[end] != '}')
                        continue;
                    ++end;
                } else if (end < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[end])) || expr[end] == '_')) {
                    continue;
                }
                out += value;
                bool known = false;
                for (std::string_view s : seen)
                    known = known || s == name;
                if (!known) {
                    seen.push_back(name);
                    replaced.push_back("$" + std::string(name) + " replaced by " + value);
                }
                i = end;
                matched = true;
                break;
            }
        }
        if (!matched)
            out.push_back(expr[i++]);
    }
    return out;
}

std::optional<Refresh> refresh(std::string_view r)
{
    if (r.empty())
        return Refresh::Off;
    return refreshFromId(r);
}

} // namespace mw::dashboard::grafana
