#include "quality/FeedParser.h"

#include "quality/FeedFields.h"

#include <algorithm>

namespace mw::quality {

namespace {

bool blank(std::string_view line)
{
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

class Driver
{
public:
    Driver(FeedBatch &b, const FeedOptions &o) : m_b(b), m_o(o) {}

    void error(uint32_t line, std::size_t offset, std::string reason)
    {
        ++m_b.rejectedLines;
        if (m_b.errors.size() >= m_o.maxErrors) {
            ++m_b.droppedErrors;
            return;
        }
        m_b.errors.push_back({line, static_cast<uint32_t>(std::min<std::size_t>(offset + 1, UINT32_MAX)), std::move(reason)});
    }

    void run(std::string_view bytes)
    {
        uint32_t lineNo = m_o.firstLine;
        if (!m_o.csvHeader.empty() && m_b.format == FeedFormat::Csv) {
            if (auto e = feed::parseCsvHeader(stripCr(m_o.csvHeader), m_columns)) {
                error(0, e->offset, "in csvHeader: " + e->reason);
                m_b.aborted = true;
                return;
            }
            m_haveHeader = true;
        }
        std::size_t pos = 0;
        while (pos < bytes.size()) {
            const std::size_t nl = bytes.find('\n', pos);
            const std::size_t end = nl == std::string_view::npos ? bytes.size() : nl;
            line(bytes.substr(pos, end - pos), lineNo);
            if (m_b.aborted)
                return;
            pos = end + 1;
            ++lineNo;
        }
    }

private:
    static std::string_view stripCr(std::string_view s)
    {
        if (!s.empty() && s.back() == '\r')
            s.remove_suffix(1);
        return s;
    }

    void line(std::string_view text, uint32_t lineNo)
    {
        if (text.size() > m_o.maxLineBytes) {
            error(lineNo, m_o.maxLineBytes, "line longer than " + std::to_string(m_o.maxLineBytes) + " bytes");
            return;
        }
        if (blank(text))
            return;
        if (m_b.format == FeedFormat::Csv) {
            text = stripCr(text);
            if (!m_haveHeader) {
                if (auto e = feed::parseCsvHeader(text, m_columns))
                    error(lineNo, e->offset, e->reason);
                else
                    m_haveHeader = true;
                return;
            }
        }
        if (m_b.records.size() >= m_o.maxRecords) {
            error(lineNo, 0, "more than " + std::to_string(m_o.maxRecords) + " records");
            m_b.aborted = true;
            return;
        }
        FeedRecord &r = m_b.records.emplace_back();
        const std::size_t scoresBefore = m_b.scores.size();
        r.line = lineNo;
        auto e = m_b.format == FeedFormat::Csv ? feed::parseCsvRecord(text, m_columns, r, m_b.scores, m_o)
                                               : feed::parseJsonRecord(text, r, m_b.scores, m_o);
        if (e) {
            m_b.records.pop_back();
            m_b.scores.resize(scoresBefore);
            error(lineNo, e->offset, std::move(e->reason));
        }
    }

    FeedBatch &m_b;
    const FeedOptions &m_o;
    feed::CsvColumns m_columns;
    bool m_haveHeader = false;
};

} // namespace

std::string FeedError::toString() const
{
    return std::to_string(line) + ':' + std::to_string(column) + ": " + reason;
}

FeedFormat detectFeedFormat(std::string_view bytes)
{
    for (char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' ? FeedFormat::JsonLines : FeedFormat::Csv;
    }
    return FeedFormat::JsonLines;
}

FeedBatch parseFeed(std::string_view bytes, FeedFormat format, const FeedOptions &options)
{
    // A UTF-8 byte order mark (spreadsheets write one before a CSV header) is
    // not part of the first line. Columns then count from after it.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3);
    FeedBatch b;
    b.format = format == FeedFormat::Auto ? detectFeedFormat(bytes) : format;
    if (bytes.size() > options.maxBytes) {
        b.errors.push_back({options.firstLine, 1, "feed larger than " + std::to_string(options.maxBytes) + " bytes"});
        b.rejectedLines = 1;
        b.aborted = true;
        return b;
    }
    // One record per line at most: reserving spares the vector's regrowth copies.
    const auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
    b.records.reserve(std::min(lines, options.maxRecords));
    Driver(b, options).run(bytes);
    return b;
}

} // namespace mw::quality
