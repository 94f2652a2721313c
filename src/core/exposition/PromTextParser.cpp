#include "PromTextParser.h"

namespace mw::expo::detail {

namespace {

bool startsWithWord(const char *p, const char *end, std::string_view word)
{
    return static_cast<size_t>(end - p) > word.size() && std::memcmp(p, word.data(), word.size()) == 0
        && lex::is(p[word.size()], lex::kBlank);
}

bool belongsTo(const MetricFamily &f, std::string_view name)
{
    if (name.size() < f.name.size() || name.compare(0, f.name.size(), f.name) != 0)
        return false;
    const std::string_view suffix = name.substr(f.name.size());
    if (suffix.empty())
        return true;
    switch (f.type) {
    case MetricType::Histogram:
        return suffix == "_bucket" || suffix == "_sum" || suffix == "_count" || suffix == "_created";
    case MetricType::Summary:
        return suffix == "_sum" || suffix == "_count" || suffix == "_created";
    case MetricType::Counter:
        return suffix == "_total" || suffix == "_created";
    default:
        return false;
    }
}

std::string quoted(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (char c : s.substr(0, 64)) {
        if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    if (s.size() > 64)
        out += "...";
    out += '"';
    return out;
}

} // namespace

bool PromTextParser::run()
{
    const size_t size = static_cast<size_t>(m_end - m_begin);
    m_out.samples.reserve(size / 96 + 16);
    m_out.labels.reserve(size / 28 + 16);
    while (m_p < m_end) {
        const char *p = lex::skipBlanks(m_p, m_end);
        const char *lineEnd;
        if (p < m_end && *p == '#') {
            lineEnd = lex::findNewline(p, m_end);
            const char *contentEnd = lineEnd > p && lineEnd[-1] == '\r' ? lineEnd - 1 : lineEnd;
            if (!parseMeta(p, contentEnd))
                return false;
        } else if (p < m_end && lex::is(*p, lex::kLineEnd)) {
            if (*p == '\r' && (p + 1 == m_end || p[1] != '\n'))
                return fail(p, "stray carriage return");
            lineEnd = *p == '\r' ? p + 1 : p; // a blank line
        } else if (p < m_end) {
            // Samples are parsed in one pass up to their line end.
            if (!parseSample(p, lineEnd))
                return false;
        } else {
            break;
        }
        if (lineEnd >= m_end)
            break;
        m_p = lineEnd + 1;
        ++m_line;
    }
    finishFamilies();
    return true;
}

bool PromTextParser::parseMetaName(const char *&p, const char *end, std::string_view &name, const char *keyword)
{
    if (p == end)
        return fail(p, std::string("expected a metric name after ") + keyword);
    if (*p == '"') {
        if (!parseQuoted(p, name, Escapes::Lenient, "quoted metric name"))
            return false;
        if (name.empty())
            return fail(p, "empty metric name");
    } else {
        if (!lex::is(*p, lex::kNameStart))
            return fail(p, std::string("invalid metric name after ") + keyword);
        const char *s = p;
        p = lex::skipClass(p + 1, end, lex::kNameChar);
        name = std::string_view(s, static_cast<size_t>(p - s));
    }
    if (p < end && !lex::is(*p, lex::kBlank))
        return fail(p, std::string("invalid character in metric name after ") + keyword);
    return true;
}

bool PromTextParser::parseMeta(const char *hash, const char *end)
{
    const char *p = hash + 1;
    if (p == end || !lex::is(*p, lex::kBlank))
        return true; // "#HELP x" and the like are plain comments
    p = lex::skipBlanks(p, end);
    const bool isHelp = startsWithWord(p, end, "HELP");
    const bool isType = !isHelp && startsWithWord(p, end, "TYPE");
    if (!isHelp && !isType)
        return true; // a comment
    const char *keyword = isHelp ? "HELP" : "TYPE";
    p = lex::skipBlanks(p + 4, end);
    const char *nameAt = p;
    std::string_view name;
    if (!parseMetaName(p, end, name, keyword))
        return false;
    bool created = false;
    const uint32_t index = findOrCreateFamily(name, nameAt, created);
    m_current = index;
    const char *text = p < end ? p + 1 : end; // one blank separates name and text

    MetricFamily &f = m_out.families[index];
    if (isHelp) {
        if (f.hasHelp)
            return true; // Prometheus keeps going; the first HELP wins here
        std::string_view help;
        if (!decodeHelp(text, end, help, Escapes::Lenient))
            return false;
        m_out.families[index].help = help;
        m_out.families[index].hasHelp = true;
        return true;
    }

    const char *t = lex::skipBlanks(text, end);
    const char *tEnd = end;
    while (tEnd > t && lex::is(tEnd[-1], lex::kBlank))
        --tEnd;
    const std::string_view word(t, static_cast<size_t>(tEnd - t));
    MetricType type;
    if (word == "counter")
        type = MetricType::Counter;
    else if (word == "gauge")
        type = MetricType::Gauge;
    else if (word == "histogram")
        type = MetricType::Histogram;
    else if (word == "summary")
        type = MetricType::Summary;
    else if (word == "untyped")
        type = MetricType::Untyped;
    else if (word.empty())
        return fail(t, "missing metric type in TYPE line for \"" + std::string(name) + "\"");
    else
        return fail(t, "invalid metric type " + quoted(word)
                           + " (Prometheus text knows counter, gauge, histogram, summary and untyped)");
    if (f.hasType && f.type != type)
        return fail(t, "second TYPE line for \"" + std::string(name) + "\" with a different type");
    f.type = type;
    f.hasType = true;
    return true;
}

bool PromTextParser::parseSample(const char *p, const char *&lineEnd)
{
    const char *end = m_end;
    const char *start = p;
    std::string_view name;
    if (*p != '{') {
        if (!lex::is(*p, lex::kNameStart))
            return fail(p, "invalid metric name (expected [a-zA-Z_:] or '{')");
        p = lex::skipClass(p + 1, end, lex::kNameChar);
        name = std::string_view(start, static_cast<size_t>(p - start));
    }
    const char *seriesEnd = p;
    const auto labelBegin = static_cast<uint32_t>(m_out.labels.size());
    uint32_t labelCount = 0;
    if (const char *brace = lex::skipBlanks(p, end); brace < end && *brace == '{') {
        p = brace;
        if (!parseLabelSet(p, end, &name, labelCount, Escapes::Lenient))
            return false;
        seriesEnd = p;
        if (name.empty())
            return fail(start, "sample has no metric name");
    }
    if (p == end || lex::is(*p, lex::kLineEnd))
        return fail(p, "expected a value after \"" + std::string(name) + "\"");
    if (!lex::is(*p, lex::kBlank))
        return fail(p, "unexpected character '" + std::string(1, *p) + "' after metric name");
    p = lex::skipBlanks(p, end);
    const char *valueAt = p;
    while (p < end && !lex::is(*p, lex::kBlank | lex::kLineEnd))
        ++p;
    Sample s;
    const std::string_view valueText(valueAt, static_cast<size_t>(p - valueAt));
    if (valueText.empty())
        return fail(valueAt, "expected a value after \"" + std::string(name) + "\"");
    if (!lex::parseFloat(valueText, s.value))
        return fail(valueAt, "invalid value " + quoted(valueText));
    p = lex::skipBlanks(p, end);
    if (p < end && !lex::is(*p, lex::kLineEnd)) {
        if (*p == '#')
            return fail(p, "exemplars and trailing comments are not allowed in the Prometheus text format");
        const char *tsAt = p;
        while (p < end && !lex::is(*p, lex::kBlank | lex::kLineEnd))
            ++p;
        const std::string_view tsText(tsAt, static_cast<size_t>(p - tsAt));
        if (!lex::parseInt64(tsText, s.timestampMs))
            return fail(tsAt, "invalid timestamp " + quoted(tsText) + " (expected integer milliseconds)");
        s.hasTimestamp = true;
        p = lex::skipBlanks(p, end);
    }
    if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
        ++p; // CRLF
    if (p < end && *p != '\n')
        return fail(p, s.hasTimestamp ? "unexpected text after timestamp" : "unexpected text after value");
    lineEnd = p;
    s.name = name;
    s.seriesText = std::string_view(start, static_cast<size_t>(seriesEnd - start));
    s.labelBegin = labelBegin;
    s.labelCount = labelCount;
    s.line = m_line;
    s.family = familyForSample(name, start);
    MetricFamily &f = m_out.families[s.family];
    if (labelCount > 1 && !checkDuplicateLabels(labelBegin, labelCount, start))
        return false;
    if ((f.type == MetricType::Histogram || f.type == MetricType::Summary) && !checkSpecialLabels(f, s, start))
        return false;
    if (f.sampleCount > 0 && m_lastSampleFamily != static_cast<int64_t>(s.family))
        m_familiesReopened = true;
    m_lastSampleFamily = s.family;
    return pushSample(s, start);
}

uint32_t PromTextParser::familyForSample(std::string_view name, const char *at)
{
    if (m_current >= 0 && belongsTo(m_out.families[static_cast<size_t>(m_current)], name))
        return static_cast<uint32_t>(m_current);
    // Another family: one seen before (by full name or by base name), or a new
    // untyped one. Metadata is optional in this format.
    auto it = m_familyIndex.find(name);
    if (it == m_familyIndex.end()) {
        for (std::string_view suffix : {"_bucket", "_count", "_sum", "_total", "_created"}) {
            if (name.size() > suffix.size() && name.ends_with(suffix)) {
                auto base = m_familyIndex.find(name.substr(0, name.size() - suffix.size()));
                if (base != m_familyIndex.end() && belongsTo(m_out.families[base->second], name)) {
                    it = base;
                    break;
                }
            }
        }
    }
    uint32_t index;
    if (it != m_familyIndex.end()) {
        index = it->second;
    } else {
        bool created = false;
        index = findOrCreateFamily(name, at, created);
    }
    m_current = index;
    return index;
}

bool PromTextParser::checkSpecialLabels(const MetricFamily &f, const Sample &s, const char *at)
{
    const std::string_view suffix = s.name.substr(f.name.size());
    const char *label = nullptr;
    if (f.type == MetricType::Histogram && suffix == "_bucket")
        label = "le";
    else if (f.type == MetricType::Summary && suffix.empty())
        label = "quantile";
    if (!label)
        return true;
    const auto value = m_out.labelValue(s, label);
    if (!value)
        return fail(at, std::string(f.type == MetricType::Histogram ? "histogram bucket" : "summary quantile")
                            + " sample has no \"" + label + "\" label");
    double d = 0;
    if (!lex::parseFloat(*value, d))
        return fail(at, std::string("label \"") + label + "\" must be a number, got " + quoted(*value));
    return true;
}

} // namespace mw::expo::detail
