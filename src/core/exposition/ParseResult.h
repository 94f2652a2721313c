#pragma once

#include "StringArena.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mw::expo {

/// The text formats the parser understands.
enum class Format : uint8_t {
    PrometheusText, ///< text/plain 0.0.4 and 1.0.0 (lenient, like Prometheus' own scraper)
    OpenMetrics,    ///< application/openmetrics-text 1.0.0 (strict to the specification)
};

/// Metric types of both formats. Prometheus text knows Untyped, Counter, Gauge,
/// Histogram and Summary; OpenMetrics adds the rest and calls Untyped "unknown".
enum class MetricType : uint8_t {
    Untyped,
    Counter,
    Gauge,
    Histogram,
    GaugeHistogram,
    Summary,
    Info,
    StateSet,
};

std::string_view metricTypeName(MetricType type, Format format = Format::PrometheusText);

/// A label pair. Both views point either into the parsed input or into the
/// result's arena (when escapes had to be decoded); they live as long as both.
struct Label
{
    std::string_view name;
    std::string_view value;
};

/// An OpenMetrics exemplar: ` # {labels} value [timestamp]` after a sample.
struct Exemplar
{
    uint32_t labelBegin = 0; ///< index into ParseResult::labels
    uint32_t labelCount = 0;
    double value = 0.0;
    double timestamp = 0.0; ///< seconds since the epoch, valid when hasTimestamp
    bool hasTimestamp = false;
};

/// One sample line.
struct Sample
{
    std::string_view name;       ///< full sample name, suffix included (`foo_bucket`)
    std::string_view seriesText; ///< the raw bytes from the name to the closing brace:
                                 ///< a stable per-target cache key for the series
    uint32_t labelBegin = 0;     ///< index into ParseResult::labels
    uint32_t labelCount = 0;
    uint32_t family = 0;         ///< index into ParseResult::families
    int32_t exemplar = -1;       ///< index into ParseResult::exemplars, or -1
    uint32_t line = 0;           ///< 1-based line in the payload
    bool hasTimestamp = false;
    double value = 0.0;
    int64_t timestampMs = 0;     ///< milliseconds (OpenMetrics' float seconds are converted)
};

/// A metric family: metadata and a contiguous range of samples.
struct MetricFamily
{
    std::string_view name;
    std::string_view help;
    std::string_view unit;
    MetricType type = MetricType::Untyped;
    bool hasHelp = false;
    bool hasType = false;
    bool hasUnit = false;
    uint32_t sampleBegin = 0; ///< index into ParseResult::samples
    uint32_t sampleCount = 0;
    uint32_t line = 0;        ///< line of the family's first line (metadata or sample)
};

/// The first error of an invalid payload: 1-based line and column (in
/// characters, not bytes) and a reason.
struct ParseError
{
    uint32_t line = 0;
    uint32_t column = 0;
    std::string reason;

    /// "LINE:COL: reason"
    std::string toString() const;
};

/// Everything a payload held. Samples of one family are contiguous, in the
/// payload's order. An invalid payload yields no families and no samples.
class ParseResult
{
public:
    Format format = Format::PrometheusText;
    std::vector<MetricFamily> families;
    std::vector<Sample> samples;
    std::vector<Label> labels;
    std::vector<Exemplar> exemplars;
    std::optional<ParseError> error;
    StringArena arena; ///< decoded strings (escapes); views in the vectors above may point here

    bool ok() const { return !error.has_value(); }

    /// Labels of a sample (metric name not included).
    const Label *labelsBegin(const Sample &s) const { return labels.data() + s.labelBegin; }
    const Label *labelsEnd(const Sample &s) const { return labels.data() + s.labelBegin + s.labelCount; }
    /// Value of the label `name` on `s`, or nullopt.
    std::optional<std::string_view> labelValue(const Sample &s, std::string_view name) const;
};

} // namespace mw::expo
