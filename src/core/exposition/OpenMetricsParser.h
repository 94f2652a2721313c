#pragma once

#include "MetricPointChecker.h"
#include "MetricSequence.h"
#include "ParserBase.h"

#include <string>
#include <unordered_set>

namespace mw::expo::detail {

/// OpenMetrics 1.0 text, strict to the specification: `# EOF` last, no blank
/// lines, no CR, single spaces, only TYPE/UNIT/HELP/EOF comments, metadata once
/// and before samples, type-specific sample suffixes, no interleaving of
/// families or metrics, exemplars only where allowed, and the value rules of
/// each type (see MetricPointChecker). Also Prometheus 3's quoted UTF-8 names.
class OpenMetricsParser : public ParserBase
{
public:
    OpenMetricsParser(std::string_view input, const ParseOptions &options, ParseResult &out);
    bool run();

private:
    bool parseMeta(const char *p, const char *end);
    bool parseSample(const char *p, const char *end);
    bool parseName(const char *&p, const char *end, std::string_view &name, const char *what);
    bool parseExemplar(const char *p, const char *end, Sample &s);
    bool startFamily(std::string_view name, const char *at, bool fromMetadata, uint32_t &index);
    bool assignFamily(Sample &s, const char *at);
    bool closeFamily();
    bool checkSampleRules(const MetricFamily &f, Sample &s, std::string_view suffix, const char *at);

    int64_t m_current = -1;
    bool m_currentHasSamples = false;
    bool m_sawEof = false;
    std::unordered_set<std::string_view> m_reservedNames; ///< names families own (with suffixes)
    MetricSequence m_metrics; ///< metrics of the current family, for the interleaving rule
    MetricPointChecker m_point;
};

} // namespace mw::expo::detail
