#include "ExpositionParser.h"

#include "OpenMetricsParser.h"
#include "PromTextParser.h"

#include <algorithm>
#include <cctype>

namespace mw::expo {

namespace {

std::string humanBytes(std::size_t bytes)
{
    if (bytes % (std::size_t{1} << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes % 1024 == 0)
        return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string lowerTrimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

ParseResult parse(std::string_view payload, Format format, const ParseOptions &options)
{
    ParseResult result;
    result.format = format;
    if (payload.size() > options.maxBytes) {
        result.error = ParseError{1, 1, "payload of " + std::to_string(payload.size()) + " bytes exceeds the "
                                            + humanBytes(options.maxBytes) + " limit"};
        return result;
    }
    bool ok;
    if (format == Format::OpenMetrics)
        ok = detail::OpenMetricsParser(payload, options, result).run();
    else
        ok = detail::PromTextParser(payload, options, result).run();
    if (!ok) {
        // An invalid payload is wholly invalid: nothing half-parsed escapes.
        result.families.clear();
        result.samples.clear();
        result.labels.clear();
        result.exemplars.clear();
        result.families.shrink_to_fit();
        result.samples.shrink_to_fit();
        result.labels.shrink_to_fit();
        result.exemplars.shrink_to_fit();
        result.arena.clear();
    }
    return result;
}

std::optional<Format> formatForContentType(std::string_view contentType)
{
    const auto semicolon = contentType.find(';');
    const std::string media = lowerTrimmed(contentType.substr(0, semicolon));
    if (media == "application/openmetrics-text")
        return Format::OpenMetrics;
    if (media == "text/plain")
        return Format::PrometheusText;
    return std::nullopt;
}

Format guessFormat(std::string_view payload)
{
    while (!payload.empty() && (payload.back() == '\n' || payload.back() == '\r'))
        payload.remove_suffix(1);
    const auto lastLine = payload.substr(payload.rfind('\n') == std::string_view::npos ? 0 : payload.rfind('\n') + 1);
    return lastLine == "# EOF" ? Format::OpenMetrics : Format::PrometheusText;
}

} // namespace mw::expo
