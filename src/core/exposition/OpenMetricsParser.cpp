#include "OpenMetricsParser.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace mw::expo::detail {

namespace {

constexpr std::string_view kEof = "# EOF";

std::span<const std::string_view> suffixesOf(MetricType type)
{
    static constexpr std::string_view counter[] = {"_total", "_created"};
    static constexpr std::string_view histogram[] = {"_bucket", "_count", "_sum", "_created"};
    static constexpr std::string_view gaugeHistogram[] = {"_bucket", "_gcount", "_gsum"};
    static constexpr std::string_view summary[] = {"", "_count", "_sum", "_created"};
    static constexpr std::string_view info[] = {"_info"};
    static constexpr std::string_view plain[] = {""};
    switch (type) {
    case MetricType::Counter:
        return counter;
    case MetricType::Histogram:
        return histogram;
    case MetricType::GaugeHistogram:
        return gaugeHistogram;
    case MetricType::Summary:
        return summary;
    case MetricType::Info:
        return info;
    default:
        return plain;
    }
}

bool parseType(std::string_view word, MetricType &type)
{
    static constexpr std::pair<std::string_view, MetricType> types[] = {
        {"counter", MetricType::Counter},     {"gauge", MetricType::Gauge},
        {"histogram", MetricType::Histogram}, {"gaugehistogram", MetricType::GaugeHistogram},
        {"stateset", MetricType::StateSet},   {"info", MetricType::Info},
        {"summary", MetricType::Summary},     {"unknown", MetricType::Untyped},
    };
    for (const auto &[name, t] : types)
        if (word == name) {
            type = t;
            return true;
        }
    return false;
}

std::string q(std::string_view s) { return "\"" + std::string(s.substr(0, 80)) + "\""; }

} // namespace

OpenMetricsParser::OpenMetricsParser(std::string_view input, const ParseOptions &options, ParseResult &out)
    : ParserBase(input, options, out)
{
}

bool OpenMetricsParser::run()
{
    m_out.samples.reserve(static_cast<size_t>(m_end - m_begin) / 96 + 16);
    m_out.labels.reserve(static_cast<size_t>(m_end - m_begin) / 28 + 16);
    while (m_p < m_end) {
        const char *lineEnd = lex::findNewline(m_p, m_end);
        const char *p = m_p;
        if (p == lineEnd)
            return fail(p, "blank lines are not allowed in OpenMetrics");
        if (*p == '#') {
            if (std::string_view(p, static_cast<size_t>(lineEnd - p)) == kEof) {
                m_sawEof = true;
                const char *after = lineEnd == m_end ? m_end : lineEnd + 1;
                if (after != m_end)
                    return fail(after, "content after \"# EOF\" (it must be the last line)");
                break;
            }
            if (!parseMeta(p, lineEnd))
                return false;
        } else if (!parseSample(p, lineEnd)) {
            return false;
        }
        if (lineEnd == m_end)
            break;
        m_p = lineEnd + 1;
        ++m_line;
    }
    if (!m_sawEof)
        return fail(m_end, "missing \"# EOF\" at the end of the OpenMetrics payload (truncated?)");
    if (!closeFamily())
        return false;
    finishFamilies();
    return true;
}

bool OpenMetricsParser::parseName(const char *&p, const char *end, std::string_view &name, const char *what)
{
    if (p < end && *p == '"') {
        if (!parseQuoted(p, name, Escapes::Strict, what))
            return false;
        if (name.empty())
            return fail(p, std::string("empty ") + what);
        return true;
    }
    if (p == end || !lex::is(*p, lex::kNameStart))
        return fail(p, std::string("invalid ") + what);
    const char *s = p;
    p = lex::skipClass(p + 1, end, lex::kNameChar);
    name = std::string_view(s, static_cast<size_t>(p - s));
    return true;
}

bool OpenMetricsParser::parseMeta(const char *p, const char *end)
{
    const std::string_view line(p, static_cast<size_t>(end - p));
    std::string_view keyword;
    for (std::string_view k : {"# HELP ", "# TYPE ", "# UNIT "})
        if (line.starts_with(k))
            keyword = k.substr(2, 4);
    if (keyword.empty()) {
        if (line.starts_with("# EOF"))
            return fail(p, "\"# EOF\" must be alone on its line");
        return fail(p, "only \"# TYPE\", \"# UNIT\", \"# HELP\" and \"# EOF\" lines may start with '#' in OpenMetrics");
    }
    const char *s = p + 7;
    const char *nameAt = s;
    std::string_view name;
    if (!parseName(s, end, name, "metric name"))
        return false;
    if (s == end || *s != ' ')
        return fail(s, "expected a space after the metric name in " + std::string(keyword));
    ++s;
    const std::string_view text(s, static_cast<size_t>(end - s));

    uint32_t index = 0;
    if (m_current >= 0 && m_out.families[static_cast<size_t>(m_current)].name == name) {
        if (m_currentHasSamples)
            return fail(p, std::string(keyword) + " for " + q(name) + " after its samples (metadata must come first)");
        index = static_cast<uint32_t>(m_current);
    } else if (!startFamily(name, nameAt, true, index)) {
        return false;
    }
    MetricFamily &f = m_out.families[index];
    if (keyword == "TYPE") {
        if (f.hasType)
            return fail(p, "second TYPE line for " + q(name));
        MetricType type;
        if (!parseType(text, type))
            return fail(s, "invalid metric type " + q(text));
        if (f.hasUnit && (type == MetricType::Info || type == MetricType::StateSet))
            return fail(s, std::string(metricTypeName(type, Format::OpenMetrics)) + " metrics must not have a unit");
        f.type = type;
        f.hasType = true;
        // The suffixed names of this family are now taken.
        for (std::string_view suffix : suffixesOf(type)) {
            if (suffix.empty())
                continue;
            std::string_view owned = m_out.arena.copy(std::string(name) + std::string(suffix));
            if (m_familyIndex.count(owned))
                return fail(nameAt, "family " + q(name) + " clashes with the earlier family " + q(owned));
            m_reservedNames.insert(owned);
        }
    } else if (keyword == "HELP") {
        if (f.hasHelp)
            return fail(p, "second HELP line for " + q(name));
        std::string_view help;
        if (!decodeHelp(s, end, help, Escapes::Strict))
            return false;
        f.help = help; // an empty HELP counts as absent; help() is empty either way
        f.hasHelp = true;
    } else {
        if (f.hasUnit)
            return fail(p, "second UNIT line for " + q(name));
        if (!lex::isValidUtf8(text) || text.find_first_of(" \"\\") != std::string_view::npos)
            return fail(s, "invalid unit " + q(text));
        if (!text.empty()) {
            if (f.hasType && (f.type == MetricType::Info || f.type == MetricType::StateSet))
                return fail(s, std::string(metricTypeName(f.type, Format::OpenMetrics)) + " metrics must not have a unit");
            if (!(name.size() > text.size() + 1 && name.ends_with(text) && name[name.size() - text.size() - 1] == '_'))
                return fail(s, "unit " + q(text) + " must be the suffix of the metric name " + q(name)
                                   + " (e.g. foo_seconds has unit seconds)");
        }
        f.unit = text;
        f.hasUnit = !text.empty();
    }
    return true;
}

bool OpenMetricsParser::startFamily(std::string_view name, const char *at, bool fromMetadata, uint32_t &index)
{
    if (!closeFamily())
        return false;
    if (m_familyIndex.count(name))
        return fail(at, "metric family " + q(name)
                            + " appears again after another family (families must not be interleaved)");
    if (m_reservedNames.count(name))
        return fail(at, "metric family " + q(name) + " clashes with a sample name of an earlier family");
    bool created = false;
    index = findOrCreateFamily(name, at, created);
    m_current = index;
    m_currentHasSamples = false;
    m_metrics.reset();
    (void)fromMetadata;
    return true;
}

bool OpenMetricsParser::closeFamily()
{
    if (m_point.active() && !m_point.finish())
        return fail(m_point.startedAt(), m_point.error());
    return true;
}

bool OpenMetricsParser::parseExemplar(const char *p, const char *end, Sample &s)
{
    // p is on '#': " # {labels} value [timestamp]"
    if (end - p < 3 || p[1] != ' ' || p[2] != '{')
        return fail(p, "expected \"# {labels} value\" for the exemplar");
    p += 2;
    Exemplar ex;
    ex.labelBegin = static_cast<uint32_t>(m_out.labels.size());
    const char *labelsAt = p;
    if (!parseLabelSet(p, end, nullptr, ex.labelCount, Escapes::Strict))
        return false;
    uint32_t codePoints = 0;
    for (uint32_t i = 0; i < ex.labelCount; ++i) {
        const Label &l = m_out.labels[ex.labelBegin + i];
        codePoints += lex::countCodePoints(l.name.data(), l.name.data() + l.name.size());
        codePoints += lex::countCodePoints(l.value.data(), l.value.data() + l.value.size());
    }
    if (codePoints > 128)
        return fail(labelsAt, "exemplar labels are " + std::to_string(codePoints)
                                  + " characters long; at most 128 are allowed");
    if (!checkDuplicateLabels(ex.labelBegin, ex.labelCount, labelsAt))
        return false;
    if (p == end || *p != ' ')
        return fail(p, "expected a space and a value after the exemplar labels");
    ++p;
    const char *valueAt = p;
    while (p < end && *p != ' ')
        ++p;
    if (!lex::parseOpenMetricsFloat(std::string_view(valueAt, static_cast<size_t>(p - valueAt)), ex.value))
        return fail(valueAt, "invalid exemplar value " + q(std::string_view(valueAt, static_cast<size_t>(p - valueAt))));
    if (p < end) {
        ++p;
        const char *tsAt = p;
        while (p < end && *p != ' ')
            ++p;
        const std::string_view tsText(tsAt, static_cast<size_t>(p - tsAt));
        if (!lex::parseOpenMetricsFloat(tsText, ex.timestamp) || !std::isfinite(ex.timestamp))
            return fail(tsAt, "invalid exemplar timestamp " + q(tsText));
        ex.hasTimestamp = true;
        if (p < end)
            return fail(p, "unexpected text after the exemplar");
    }
    s.exemplar = static_cast<int32_t>(m_out.exemplars.size());
    m_out.exemplars.push_back(ex);
    return true;
}

bool OpenMetricsParser::assignFamily(Sample &s, const char *at)
{
    if (m_current >= 0) {
        const MetricFamily &f = m_out.families[static_cast<size_t>(m_current)];
        if (s.name.starts_with(f.name)) {
            const std::string_view suffix = s.name.substr(f.name.size());
            for (std::string_view allowed : suffixesOf(f.type))
                if (suffix == allowed) {
                    s.family = static_cast<uint32_t>(m_current);
                    return true;
                }
            if (f.hasType) {
                for (std::string_view known : {"", "_total", "_created", "_bucket", "_count", "_sum", "_gcount",
                                               "_gsum", "_info"})
                    if (suffix == known) {
                        std::string expected;
                        for (std::string_view allowed : suffixesOf(f.type))
                            expected += (expected.empty() ? "" : ", ") + std::string(f.name) + std::string(allowed);
                        return fail(at, "sample " + q(s.name) + " is not valid in the "
                                            + std::string(metricTypeName(f.type, Format::OpenMetrics)) + " family "
                                            + q(f.name) + " (expected " + expected + ")");
                    }
            }
        }
    }
    uint32_t index = 0;
    if (!startFamily(s.name, at, false, index))
        return false;
    s.family = index;
    return true;
}

bool OpenMetricsParser::parseSample(const char *p, const char *end)
{
    const char *start = p;
    Sample s;
    if (*p != '{') {
        if (!lex::is(*p, lex::kNameStart))
            return fail(p, *p == ' ' ? "lines must not start with a space in OpenMetrics"
                                     : "invalid metric name (expected [a-zA-Z_:] or '{')");
        p = lex::skipClass(p + 1, end, lex::kNameChar);
        s.name = std::string_view(start, static_cast<size_t>(p - start));
    }
    s.labelBegin = static_cast<uint32_t>(m_out.labels.size());
    if (p < end && *p == '{') {
        if (!parseLabelSet(p, end, &s.name, s.labelCount, Escapes::Strict))
            return false;
        if (s.name.empty())
            return fail(start, "sample has no metric name");
    }
    s.seriesText = std::string_view(start, static_cast<size_t>(p - start));
    if (p == end || *p != ' ')
        return fail(p, p == end ? "expected a value after the metric" : "expected a single space before the value");
    ++p;
    const char *valueAt = p;
    while (p < end && *p != ' ')
        ++p;
    const std::string_view valueText(valueAt, static_cast<size_t>(p - valueAt));
    if (valueText.empty())
        return fail(valueAt, "expected a value (a single space separates tokens)");
    if (!lex::parseOpenMetricsFloat(valueText, s.value))
        return fail(valueAt, "invalid value " + q(valueText));
    if (p < end) {
        ++p;
        if (p == end)
            return fail(p, "trailing space at the end of the line");
        if (*p != '#') {
            const char *tsAt = p;
            while (p < end && *p != ' ')
                ++p;
            const std::string_view tsText(tsAt, static_cast<size_t>(p - tsAt));
            double ts = 0;
            if (!lex::parseOpenMetricsFloat(tsText, ts) || !std::isfinite(ts) || std::fabs(ts) > 9.2e15)
                return fail(tsAt, "invalid timestamp " + q(tsText) + " (expected seconds since the epoch)");
            s.timestampMs = static_cast<int64_t>(ts * 1000.0); // as Prometheus: int64(ts * 1000)
            s.hasTimestamp = true;
            if (p < end) {
                ++p;
                if (p == end || *p != '#')
                    return fail(p, "unexpected text after the timestamp");
            }
        }
        if (p < end && !parseExemplar(p, end, s))
            return false;
    }
    s.line = m_line;
    if (!assignFamily(s, start))
        return false;
    if (s.labelCount > 1 && !checkDuplicateLabels(s.labelBegin, s.labelCount, start))
        return false;
    const MetricFamily &f = m_out.families[s.family];
    if (!checkSampleRules(f, s, s.name.substr(f.name.size()), start))
        return false;
    m_currentHasSamples = true;
    return pushSample(s, start);
}

bool OpenMetricsParser::checkSampleRules(const MetricFamily &f, Sample &s, std::string_view suffix, const char *at)
{
    const MetricType type = f.type;
    if (s.exemplar >= 0) {
        const bool allowed = (type == MetricType::Counter && suffix == "_total")
            || ((type == MetricType::Histogram || type == MetricType::GaugeHistogram) && suffix == "_bucket");
        if (!allowed)
            return fail(at, "exemplars are only allowed on counter _total and histogram _bucket samples");
    }
    // The label that tells the samples of one MetricPoint apart is not part of
    // the metric's identity.
    std::string_view special;
    if ((type == MetricType::Histogram || type == MetricType::GaugeHistogram) && suffix == "_bucket")
        special = "le";
    else if (type == MetricType::Summary && suffix.empty())
        special = "quantile";
    else if (type == MetricType::StateSet)
        special = f.name;

    double specialValue = 0;
    if (!special.empty()) {
        const auto v = m_out.labelValue(s, special);
        if (!v)
            return fail(at, "sample " + q(s.name) + " needs a \"" + std::string(special) + "\" label");
        if (type != MetricType::StateSet && !lex::parseOpenMetricsFloat(*v, specialValue))
            return fail(at, "label \"" + std::string(special) + "\" must be a number, got " + q(*v));
    }

    switch (type) {
    case MetricType::Counter:
        if (suffix == "_total" && (std::isnan(s.value) || s.value < 0))
            return fail(at, "counter total must be a non-negative number, got " + q(std::to_string(s.value)));
        break;
    case MetricType::StateSet:
        if (s.value != 0.0 && s.value != 1.0)
            return fail(at, "stateset values must be 0 or 1");
        break;
    case MetricType::Info:
        if (s.value != 1.0)
            return fail(at, "info values must be 1");
        break;
    default:
        break;
    }

    const MetricSequence::Step step = m_metrics.next(m_out, s, special);
    if (step == MetricSequence::Step::Interleaved)
        return fail(at, "samples of one metric of " + q(f.name)
                            + " are interleaved with another metric (they must be contiguous)");
    const bool newMetric = step == MetricSequence::Step::NewMetric;

    const bool pointTyped = type == MetricType::Histogram || type == MetricType::GaugeHistogram
        || type == MetricType::Summary;
    if (!pointTyped || suffix == "_created")
        return true;
    if (newMetric || !m_point.active() || !m_point.sameTimestamp(s.hasTimestamp, s.timestampMs)) {
        if (!closeFamily())
            return false;
        m_point.begin(type, s.hasTimestamp, s.timestampMs, at);
    }
    bool ok = true;
    if (suffix == "_bucket")
        ok = m_point.addBucket(specialValue, s.value);
    else if (suffix == "_count" || suffix == "_gcount")
        ok = m_point.addCount(s.value);
    else if (suffix == "_sum" || suffix == "_gsum")
        ok = m_point.addSum(s.value);
    else if (suffix.empty())
        ok = m_point.addQuantile(specialValue, s.value);
    return ok || fail(at, m_point.error());
}

} // namespace mw::expo::detail
