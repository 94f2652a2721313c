#pragma once

#include "ParserBase.h"

namespace mw::expo::detail {

/// Prometheus text format 0.0.4 and 1.0.0 (quoted UTF-8 names), as lenient as
/// Prometheus' own scraper (model/textparse/promparse.go): blank lines, runs of
/// blanks and tabs between tokens, trailing commas and missing commas in label
/// sets, comments, HELP after TYPE, metadata without samples. It refuses what
/// Prometheus refuses (bad names, values and timestamps, invalid UTF-8, unknown
/// types) and, beyond it, duplicate label names and unparsable `le`/`quantile`.
class PromTextParser : public ParserBase
{
public:
    PromTextParser(std::string_view input, const ParseOptions &options, ParseResult &out)
        : ParserBase(input, options, out)
    {
    }
    bool run();

private:
    bool parseMeta(const char *hash, const char *end);
    /// Parses the sample line starting at `p`; sets `lineEnd` to its '\n' (or the end).
    bool parseSample(const char *p, const char *&lineEnd);
    bool parseMetaName(const char *&p, const char *end, std::string_view &name, const char *keyword);
    uint32_t familyForSample(std::string_view name, const char *at);
    bool checkSpecialLabels(const MetricFamily &family, const Sample &s, const char *at);

    int64_t m_current = -1;
    int64_t m_lastSampleFamily = -1;
};

} // namespace mw::expo::detail
