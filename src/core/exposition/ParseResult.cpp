#include "ParseResult.h"

namespace mw::expo {

std::string_view metricTypeName(MetricType type, Format format)
{
    switch (type) {
    case MetricType::Untyped:
        return format == Format::OpenMetrics ? "unknown" : "untyped";
    case MetricType::Counter:
        return "counter";
    case MetricType::Gauge:
        return "gauge";
    case MetricType::Histogram:
        return "histogram";
    case MetricType::GaugeHistogram:
        return "gaugehistogram";
    case MetricType::Summary:
        return "summary";
    case MetricType::Info:
        return "info";
    case MetricType::StateSet:
        return "stateset";
    }
    return "untyped";
}

std::string ParseError::toString() const
{
    return std::to_string(line) + ':' + std::to_string(column) + ": " + reason;
}

std::optional<std::string_view> ParseResult::labelValue(const Sample &s, std::string_view name) const
{
    for (const Label *l = labelsBegin(s), *e = labelsEnd(s); l != e; ++l)
        if (l->name == name)
            return l->value;
    return std::nullopt;
}

} // namespace mw::expo
