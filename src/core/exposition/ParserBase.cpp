#include "ParserBase.h"

#include <algorithm>

namespace mw::expo::detail {

ParserBase::ParserBase(std::string_view input, const ParseOptions &options, ParseResult &out)
    : m_begin(input.data())
    , m_p(input.data())
    , m_end(input.data() + input.size())
    , m_lineStart(input.data())
    , m_options(options)
    , m_out(out)
{
}

uint32_t ParserBase::lineOf(const char *at) const
{
    // Both parsers keep m_p at the start of the line they are on.
    if (at >= m_p && at <= lex::findNewline(m_p, m_end))
        return m_line;
    // Elsewhere (rare): count from the start.
    uint32_t line = 1;
    for (const char *p = m_begin; p < at && p < m_end; ++p)
        line += *p == '\n';
    return line;
}

bool ParserBase::fail(const char *at, std::string reason)
{
    if (m_out.error)
        return false;
    at = std::clamp(at, m_begin, m_end);
    const uint32_t line = lineOf(at);
    const char *lineStart = at;
    while (lineStart > m_begin && lineStart[-1] != '\n')
        --lineStart;
    m_out.error = ParseError{line, lex::countCodePoints(lineStart, at) + 1, std::move(reason)};
    return false;
}

bool ParserBase::parseQuoted(const char *&p, std::string_view &value, Escapes escapes, const char *what)
{
    const char *open = p;
    const char *s = p + 1;
    // Fast path: no escapes, so the value is a view into the input.
    for (;;) {
        s = lex::findQuoteBackslashNewlineOrHigh(s, m_end);
        if (s == m_end || *s == '\n')
            return fail(open, std::string(what) + " has no closing quote");
        if (*s == '"') {
            value = std::string_view(open + 1, static_cast<size_t>(s - open - 1));
            p = s + 1;
            return true;
        }
        if (*s == '\\')
            break;
        const size_t n = lex::utf8SequenceLength(s, m_end);
        if (n == 0)
            return fail(s, std::string(what) + " is not valid UTF-8");
        s += n;
    }
    // Slow path: decode escapes into the arena. The decoded text is never
    // longer than the rest of the line.
    const char *lineEnd = lex::findNewline(s, m_end);
    char *buf = m_out.arena.reserve(static_cast<size_t>(lineEnd - open));
    size_t used = static_cast<size_t>(s - open - 1);
    std::memcpy(buf, open + 1, used);
    while (s < lineEnd) {
        const char c = *s;
        if (c == '"') {
            value = m_out.arena.commit(buf, used);
            p = s + 1;
            return true;
        }
        if (c == '\\') {
            if (s + 1 >= lineEnd)
                return fail(s, std::string(what) + " ends in a lone backslash");
            const char e = s[1];
            if (e == '\\' || e == '"') {
                buf[used++] = e;
            } else if (e == 'n') {
                buf[used++] = '\n';
            } else if (escapes == Escapes::Strict) {
                return fail(s, std::string("invalid escape sequence '\\") + e + "' in " + what);
            } else {
                buf[used++] = '\\'; // Prometheus keeps unknown escapes as written
                ++s;               // and reads the next byte as itself
                continue;
            }
            s += 2;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) {
            const size_t n = lex::utf8SequenceLength(s, m_end);
            if (n == 0)
                return fail(s, std::string(what) + " is not valid UTF-8");
            std::memcpy(buf + used, s, n);
            used += n;
            s += n;
            continue;
        }
        buf[used++] = c;
        ++s;
    }
    return fail(open, std::string(what) + " has no closing quote");
}

bool ParserBase::parseLabelSet(const char *&p, const char *end, std::string_view *metricName, uint32_t &count,
                               Escapes dialect)
{
    const bool lenient = dialect == Escapes::Lenient;
    auto blanks = [&] {
        if (lenient)
            p = lex::skipBlanks(p, end);
    };
    ++p; // '{'
    blanks();
    if (p < end && *p == '}') {
        ++p;
        return true;
    }
    bool first = true;
    for (;;) {
        const char *itemAt = p;
        if (p == end)
            return fail(p, "label set has no closing '}'");
        std::string_view labelName;
        if (*p == '"') {
            if (!parseQuoted(p, labelName, dialect, "quoted name"))
                return false;
            blanks();
            if (p == end || *p != '=') {
                if (!metricName || !first || !metricName->empty())
                    return fail(itemAt, "a quoted metric name must come first in the braces, "
                                        "with no name before them");
                if (labelName.empty())
                    return fail(itemAt, "empty metric name");
                *metricName = labelName;
                goto separator;
            }
            if (labelName.empty())
                return fail(itemAt, "empty label name");
        } else {
            if (!lex::is(*p, lex::kLabelStart))
                return fail(p, lex::is(*p, lex::kBlank) ? "spaces are not allowed in OpenMetrics label sets"
                                                        : "invalid label name (expected [a-zA-Z_] or a quoted name)");
            p = lex::skipClass(p + 1, end, lex::kLabelChar);
            labelName = std::string_view(itemAt, static_cast<size_t>(p - itemAt));
            blanks();
        }
        if (p == end || *p != '=')
            return fail(p, "expected '=' after label name \"" + std::string(labelName) + "\"");
        ++p;
        blanks();
        if (p == end || *p != '"')
            return fail(p, "expected a quoted value for label \"" + std::string(labelName) + "\"");
        {
            std::string_view value;
            if (!parseQuoted(p, value, dialect, "label value"))
                return false;
            if (count >= m_options.maxLabelsPerSample)
                return fail(itemAt, "more than " + std::to_string(m_options.maxLabelsPerSample)
                                        + " labels on one sample");
            m_out.labels.push_back(Label{labelName, value});
            ++count;
        }
        blanks();
    separator:
        first = false;
        if (p == end)
            return fail(p, "label set has no closing '}'");
        if (*p == '}') {
            ++p;
            return true;
        }
        if (*p == ',') {
            ++p;
            blanks();
            if (p < end && *p == '}') {
                if (!lenient)
                    return fail(p, "trailing comma in label set is not allowed in OpenMetrics");
                ++p;
                return true;
            }
            continue;
        }
        // promparse accepts a missing comma between pairs: { a = "1" b = "2" }.
        if (lenient && (lex::is(*p, lex::kLabelStart) || *p == '"'))
            continue;
        return fail(p, "expected ',' or '}' in label set");
    }
}

bool ParserBase::decodeHelp(const char *begin, const char *end, std::string_view &help, Escapes escapes)
{
    const std::string_view raw(begin, static_cast<size_t>(end - begin));
    if (!lex::isValidUtf8(raw)) {
        const char *p = begin;
        while (p < end) {
            const size_t n = lex::utf8SequenceLength(p, end);
            if (n == 0)
                break;
            p += n;
        }
        return fail(p, "HELP text is not valid UTF-8");
    }
    const void *bs = std::memchr(begin, '\\', raw.size());
    if (!bs) {
        help = raw;
        return true;
    }
    char *buf = m_out.arena.reserve(raw.size());
    size_t used = 0;
    for (const char *s = begin; s < end; ++s) {
        if (*s != '\\' || s + 1 >= end) {
            if (*s == '\\' && escapes == Escapes::Strict)
                return fail(s, "HELP text ends in a lone backslash");
            buf[used++] = *s;
            continue;
        }
        const char e = s[1];
        if (e == '\\') {
            buf[used++] = '\\';
            ++s;
        } else if (e == 'n') {
            buf[used++] = '\n';
            ++s;
        } else if (e == '"' && escapes == Escapes::Strict) {
            buf[used++] = '"';
            ++s;
        } else if (escapes == Escapes::Strict) {
            return fail(s, std::string("invalid escape sequence '\\") + e + "' in HELP text");
        } else {
            buf[used++] = '\\';
        }
    }
    help = m_out.arena.commit(buf, used);
    return true;
}

uint32_t ParserBase::findOrCreateFamily(std::string_view name, const char *at, bool &created)
{
    auto it = m_familyIndex.find(name);
    if (it != m_familyIndex.end()) {
        created = false;
        return it->second;
    }
    created = true;
    const auto index = static_cast<uint32_t>(m_out.families.size());
    MetricFamily f;
    f.name = name;
    f.line = lineOf(at);
    m_out.families.push_back(f);
    m_familyIndex.emplace(name, index);
    return index;
}

bool ParserBase::pushSample(const Sample &s, const char *at)
{
    if (m_out.samples.size() >= m_options.maxSamples)
        return fail(at, "payload has more than " + std::to_string(m_options.maxSamples)
                            + " samples (the configured limit)");
    MetricFamily &f = m_out.families[s.family];
    if (f.sampleCount == 0)
        f.sampleBegin = static_cast<uint32_t>(m_out.samples.size());
    ++f.sampleCount;
    m_out.samples.push_back(s);
    return true;
}

bool ParserBase::checkDuplicateLabels(uint32_t labelBegin, uint32_t labelCount, const char *at)
{
    if (labelCount < 2)
        return true;
    const Label *l = m_out.labels.data() + labelBegin;
    if (labelCount <= 16) {
        for (uint32_t i = 1; i < labelCount; ++i)
            for (uint32_t j = 0; j < i; ++j)
                if (l[i].name == l[j].name)
                    return fail(at, "duplicate label name \"" + std::string(l[i].name) + "\"");
        return true;
    }
    std::vector<std::string_view> names;
    names.reserve(labelCount);
    for (uint32_t i = 0; i < labelCount; ++i)
        names.push_back(l[i].name);
    std::sort(names.begin(), names.end());
    const auto dup = std::adjacent_find(names.begin(), names.end());
    if (dup != names.end())
        return fail(at, "duplicate label name \"" + std::string(*dup) + "\"");
    return true;
}

void ParserBase::finishFamilies()
{
    auto &samples = m_out.samples;
    auto &families = m_out.families;
    if (m_familiesReopened) {
        // Rare: a family's samples were split by another family's. Group them
        // (stable, so each family keeps the payload's order) and recount.
        std::stable_sort(samples.begin(), samples.end(),
                         [](const Sample &a, const Sample &b) { return a.family < b.family; });
        for (auto &f : families)
            f.sampleCount = 0;
        for (uint32_t i = 0; i < samples.size(); ++i) {
            MetricFamily &f = families[samples[i].family];
            if (f.sampleCount == 0)
                f.sampleBegin = i;
            ++f.sampleCount;
        }
    }
    for (auto &f : families)
        if (f.sampleCount == 0)
            f.sampleBegin = static_cast<uint32_t>(samples.size());
}

} // namespace mw::expo::detail
