#pragma once

// The pure half of tailing a feed: bytes arrive in arbitrary pieces (a
// writer's partial line, a bounded read), complete lines go to the core
// FeedParser, the unfinished tail waits for its newline. Keeps what a stream
// needs across pieces: the detected format, the CSV header and line numbers.
// No I/O, so it is tested byte by byte.

#include "quality/FeedRecord.h"

#include <QMetaType>

#include <cstdint>
#include <string>
#include <string_view>

Q_DECLARE_METATYPE(mw::quality::FeedBatch)

namespace mw::feeds {

/// Appends `from` to `into`, rebasing its records' score slices.
void appendBatch(quality::FeedBatch &into, quality::FeedBatch &&from);

class FeedLineBuffer
{
public:
    explicit FeedLineBuffer(quality::FeedFormat format = quality::FeedFormat::Auto, quality::FeedOptions options = {});

    /// Adds bytes; every line completed by them is parsed, the tail kept.
    quality::FeedBatch append(std::string_view bytes);
    /// The stream ended (its file was rotated away): the tail, if any, is a
    /// last line without its newline and is parsed as complete.
    quality::FeedBatch finish();
    /// A new stream starts (rotation, truncation): tail, format (unless fixed),
    /// CSV header and line numbers are forgotten.
    void reset();

    std::size_t pendingBytes() const { return m_tail.size(); }
    /// Lines consumed so far (complete lines, skipped overlong ones included).
    uint32_t lines() const { return m_lines; }
    quality::FeedFormat format() const { return m_format; }
    const std::string &csvHeader() const { return m_header; }

private:
    quality::FeedBatch parse(std::string_view complete);
    void noteHeader(std::string_view complete);

    quality::FeedFormat m_fixedFormat;
    quality::FeedFormat m_format;
    quality::FeedOptions m_options;
    std::string m_tail;
    std::string m_header;
    uint32_t m_lines = 0;
    /// Dropping an overlong line until its newline (its bytes are never kept).
    bool m_skipping = false;
};

} // namespace mw::feeds
