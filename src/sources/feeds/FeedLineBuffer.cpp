#include "FeedLineBuffer.h"

#include "quality/FeedParser.h"

#include <algorithm>

namespace mw::feeds {

using quality::FeedBatch;
using quality::FeedFormat;

namespace {

std::string_view withoutBom(std::string_view s)
{
    if (s.substr(0, 3) == "\xEF\xBB\xBF")
        s.remove_prefix(3);
    return s;
}

bool blank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

} // namespace

void appendBatch(FeedBatch &into, FeedBatch &&from)
{
    if (into.format == FeedFormat::Auto)
        into.format = from.format;
    const auto base = static_cast<uint32_t>(into.scores.size());
    for (quality::FeedRecord &r : from.records) {
        r.scoreBegin += base;
        into.records.push_back(std::move(r));
    }
    into.scores.insert(into.scores.end(), from.scores.begin(), from.scores.end());
    for (quality::FeedError &e : from.errors)
        into.errors.push_back(std::move(e));
    into.droppedErrors += from.droppedErrors;
    into.rejectedLines += from.rejectedLines;
    into.aborted = into.aborted || from.aborted;
}

FeedLineBuffer::FeedLineBuffer(FeedFormat format, quality::FeedOptions options)
    : m_fixedFormat(format), m_format(format), m_options(options)
{
    m_options.csvHeader = {};
}

void FeedLineBuffer::reset()
{
    m_tail.clear();
    m_header.clear();
    m_format = m_fixedFormat;
    m_lines = 0;
    m_skipping = false;
}

FeedBatch FeedLineBuffer::append(std::string_view bytes)
{
    FeedBatch out;
    out.format = m_format;
    while (!bytes.empty()) {
        const std::size_t nl = bytes.find('\n');
        if (m_skipping) {
            if (nl == std::string_view::npos)
                return out;
            // The overlong line ends here: one error for it, as the parser would give.
            ++m_lines;
            ++out.rejectedLines;
            const std::string reason = "line longer than " + std::to_string(m_options.maxLineBytes) + " bytes";
            if (out.errors.size() < m_options.maxErrors)
                out.errors.push_back({m_lines, static_cast<uint32_t>(std::min<std::size_t>(m_options.maxLineBytes + 1, UINT32_MAX)), reason});
            else
                ++out.droppedErrors;
            m_skipping = false;
            bytes.remove_prefix(nl + 1);
            continue;
        }
        if (nl == std::string_view::npos) {
            m_tail.append(bytes);
            if (m_tail.size() > m_options.maxLineBytes) {
                m_tail.clear();
                m_skipping = true;
            }
            return out;
        }
        // Everything up to the last newline of this piece is complete.
        const std::size_t last = bytes.rfind('\n');
        std::string complete = std::move(m_tail);
        m_tail.clear();
        complete.append(bytes.substr(0, last + 1));
        appendBatch(out, parse(complete));
        bytes.remove_prefix(last + 1);
    }
    return out;
}

FeedBatch FeedLineBuffer::finish()
{
    FeedBatch out;
    out.format = m_format;
    if (!m_tail.empty()) {
        const std::string last = std::move(m_tail) + '\n';
        m_tail.clear();
        out = parse(last);
    }
    m_skipping = false;
    return out;
}

void FeedLineBuffer::noteHeader(std::string_view complete)
{
    std::size_t pos = 0;
    while (pos < complete.size()) {
        const std::size_t nl = complete.find('\n', pos);
        std::string_view line = complete.substr(pos, nl - pos);
        if (!blank(line)) {
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            m_header.assign(line);
            return;
        }
        pos = nl + 1;
    }
}

FeedBatch FeedLineBuffer::parse(std::string_view complete)
{
    // `complete` ends with '\n': lines() counts newlines.
    const std::string_view content = m_lines == 0 ? withoutBom(complete) : complete;
    if (m_format == FeedFormat::Auto && !std::all_of(content.begin(), content.end(), [](char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }))
        m_format = quality::detectFeedFormat(content);
    quality::FeedOptions o = m_options;
    o.firstLine = m_lines + 1;
    bool headerHere = false;
    if (m_format == FeedFormat::Csv && m_header.empty()) {
        noteHeader(content);
        headerHere = true;
    }
    if (m_format == FeedFormat::Csv && !headerHere)
        o.csvHeader = m_header;
    m_lines += static_cast<uint32_t>(std::count(complete.begin(), complete.end(), '\n'));
    if (m_format == FeedFormat::Auto) // only blank lines so far
        return {};
    return quality::parseFeed(complete, m_format, o);
}

} // namespace mw::feeds
