#include "PromDuration.h"

#include "promql/PromqlText.h"

namespace mw::alerting {

// One implementation of prometheus/common's model.Duration for rule files and
// PromQL alike: the query language reads durations exactly as rule files do.

std::optional<int64_t> parsePromDuration(std::string_view text)
{
    const promql::text::DurationResult r = promql::text::parseDuration(text);
    if (!r.error.empty())
        return std::nullopt;
    return r.ms;
}

std::string formatPromDuration(int64_t ms)
{
    // Negative durations do not occur in valid rules; print them, signed, anyway.
    if (ms < 0)
        return ms == INT64_MIN ? "-" + promql::text::formatDuration(INT64_MAX) : "-" + promql::text::formatDuration(-ms);
    return promql::text::formatDuration(ms);
}

} // namespace mw::alerting
