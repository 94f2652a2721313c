#pragma once

#include "ExpositionParser.h"
#include "Lexer.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace mw::expo::detail {

/// Cursor, error reporting, family bookkeeping and string decoding shared by
/// the Prometheus text and OpenMetrics parsers.
class ParserBase
{
protected:
    ParserBase(std::string_view input, const ParseOptions &options, ParseResult &out);

    /// Records the first error at `at` (a pointer into the input) and returns false.
    bool fail(const char *at, std::string reason);
    bool failed() const { return m_out.error.has_value(); }

    enum class Escapes {
        Lenient, ///< Prometheus text: unknown escapes stay as written
        Strict,  ///< OpenMetrics: unknown escapes are errors
    };

    /// Parses a label set starting at `p` (on the '{') and leaves `p` after
    /// the '}'. Labels are appended to the result and counted in `count`. A
    /// quoted string first in the braces with no '=' is the metric name
    /// (Prometheus 3's UTF-8 syntax) and goes to `metricName`, when that is
    /// given and still empty. Lenient (Prometheus text): blanks around every
    /// token, a trailing comma, a missing comma, unknown escapes kept. Strict
    /// (OpenMetrics): none of those.
    bool parseLabelSet(const char *&p, const char *end, std::string_view *metricName, uint32_t &count,
                       Escapes dialect);

    /// Parses a double-quoted string starting at `p` (on the opening quote)
    /// and leaves `p` after the closing quote. Decodes \\, \" and \n; checks
    /// UTF-8. `what` names the string in error messages ("label value").
    bool parseQuoted(const char *&p, std::string_view &value, Escapes escapes, const char *what);

    /// Decodes a HELP text (only \\ and \n are escapes in Prometheus text; OpenMetrics
    /// adds \" and rejects the rest) and checks UTF-8.
    bool decodeHelp(const char *begin, const char *end, std::string_view &help, Escapes escapes);

    /// Index of the family named `name`, created (untyped, no metadata) when
    /// new. `at` is where it starts, for its line number.
    uint32_t findOrCreateFamily(std::string_view name, const char *at, bool &created);

    /// Appends a sample to its family (counting it), enforcing ParseOptions::maxSamples.
    bool pushSample(const Sample &s, const char *at);

    /// Makes every family's samples contiguous (stable) when some family was
    /// reopened after another started; gives empty families a valid sampleBegin.
    void finishFamilies();

    /// Checks the labels of the sample about to be added for duplicates.
    bool checkDuplicateLabels(uint32_t labelBegin, uint32_t labelCount, const char *at);

    uint32_t lineOf(const char *at) const;

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    const char *m_lineStart;
    uint32_t m_line = 1;
    const ParseOptions &m_options;
    ParseResult &m_out;
    std::unordered_map<std::string_view, uint32_t> m_familyIndex;
    bool m_familiesReopened = false;
};

} // namespace mw::expo::detail
