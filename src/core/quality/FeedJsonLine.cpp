// One JSON-lines record of the feed (grammar in FeedParser.h). Hand-written
// rather than nlohmann::json: a DOM per line costs more than the whole
// 1 µs-per-record budget of feed ingestion, and only six flat keys matter.

#include "quality/FeedFields.h"


namespace mw::quality::feed {

namespace {

class JsonReader
{
public:
    JsonReader(std::string_view line, const FeedOptions &o) : m_s(line), m_o(o) {}

    std::optional<LineError> record(FeedRecord &r, std::vector<double> &scores);

private:
    std::optional<LineError> fail(std::string reason, std::size_t at) const { return LineError{at, std::move(reason)}; }
    std::optional<LineError> fail(std::string reason) const { return fail(std::move(reason), m_i); }
    void ws()
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\r' || m_s[m_i] == '\n'))
            ++m_i;
    }
    bool eat(char c)
    {
        ws();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool peekIs(char c)
    {
        ws();
        return m_i < m_s.size() && m_s[m_i] == c;
    }
    bool literal(std::string_view word)
    {
        if (m_s.substr(m_i, word.size()) != word)
            return false;
        m_i += word.size();
        return true;
    }
    std::optional<LineError> string(std::string &out, std::size_t cap);
    std::optional<LineError> numberToken(std::string_view &token);
    std::optional<LineError> score(double &v);
    std::optional<LineError> label(std::string &out, bool &present, bool allowBool = true);
    std::optional<LineError> skipValue(std::size_t depth);

    std::string_view m_s;
    const FeedOptions &m_o;
    std::size_t m_i = 0;
};

bool isNumberChar(char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
}

void appendUtf8(std::string &out, uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<uint32_t> hex4(std::string_view s, std::size_t at)
{
    if (at + 4 > s.size())
        return std::nullopt;
    uint32_t v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
        const char c = s[k];
        const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return std::nullopt;
        v = v * 16 + static_cast<uint32_t>(d);
    }
    return v;
}

std::optional<LineError> JsonReader::string(std::string &out, std::size_t cap)
{
    ws();
    if (m_i >= m_s.size() || m_s[m_i] != '"')
        return fail("expected a string");
    const std::size_t open = m_i++;
    out.clear();
    while (true) {
        // Copy the run up to the next quote, backslash or control byte at once.
        std::size_t run = m_i;
        while (run < m_s.size() && m_s[run] != '"' && m_s[run] != '\\' && static_cast<unsigned char>(m_s[run]) >= 0x20)
            ++run;
        out.append(m_s.data() + m_i, run - m_i);
        m_i = run;
        if (out.size() > cap)
            return fail("string longer than " + std::to_string(cap) + " bytes", open);
        if (m_i >= m_s.size())
            return fail("unterminated string", open);
        const char c = m_s[m_i];
        if (c == '"') {
            ++m_i;
            return std::nullopt;
        }
        if (c != '\\')
            return fail("control character in string");
        if (++m_i >= m_s.size())
            return fail("unterminated string", open);
        const char e = m_s[m_i++];
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            auto cp = hex4(m_s, m_i);
            if (!cp)
                return fail("bad \\u escape", m_i - 2);
            m_i += 4;
            if (*cp >= 0xD800 && *cp <= 0xDBFF) {
                const auto lo = m_s.substr(m_i, 2) == "\\u" ? hex4(m_s, m_i + 2) : std::nullopt;
                if (!lo || *lo < 0xDC00 || *lo > 0xDFFF)
                    return fail("unpaired surrogate in \\u escape", m_i - 6);
                m_i += 6;
                *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
            } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
                return fail("unpaired surrogate in \\u escape", m_i - 6);
            }
            appendUtf8(out, *cp);
            break;
        }
        default:
            return fail("bad escape in string", m_i - 2);
        }
    }
}

std::optional<LineError> JsonReader::numberToken(std::string_view &token)
{
    ws();
    const std::size_t start = m_i;
    while (m_i < m_s.size() && isNumberChar(m_s[m_i]))
        ++m_i;
    token = m_s.substr(start, m_i - start);
    if (token.empty())
        return fail("expected a value");
    return std::nullopt;
}

std::optional<LineError> JsonReader::score(double &v)
{
    ws();
    const std::size_t at = m_i;
    if (literal("NaN")) {
        v = std::numeric_limits<double>::quiet_NaN();
    } else if (literal("Infinity")) {
        v = std::numeric_limits<double>::infinity();
    } else if (literal("-Infinity")) {
        v = -std::numeric_limits<double>::infinity();
    } else {
        std::string_view token;
        if (auto e = numberToken(token))
            return fail("expected a number", at);
        const auto n = parseJsonNumber(token);
        if (!n)
            return fail("invalid or out-of-range number", at);
        v = *n;
    }
    return std::nullopt;
}

std::optional<LineError> JsonReader::label(std::string &out, bool &present, bool allowBool)
{
    ws();
    const std::size_t at = m_i;
    present = true;
    if (peekIs('"'))
        return string(out, m_o.maxFieldBytes);
    if (literal("null")) {
        present = false;
    } else if (allowBool && literal("true")) {
        out = "1";
    } else if (allowBool && literal("false")) {
        out = "0";
    } else {
        std::string_view token;
        if (numberToken(token) || !parseJsonNumber(token) || token.find_first_of(".eE") != std::string_view::npos)
            return fail(allowBool ? "expected a string, an integer, a boolean or null" : "expected a string or an integer",
                        at);
        if (token.size() > m_o.maxFieldBytes)
            return fail("value longer than " + std::to_string(m_o.maxFieldBytes) + " bytes", at);
        out.assign(token);
    }
    return std::nullopt;
}

std::optional<LineError> JsonReader::skipValue(std::size_t depth)
{
    ws();
    if (m_i >= m_s.size())
        return fail("expected a value");
    const char c = m_s[m_i];
    if (c == '{' || c == '[') {
        if (depth >= m_o.maxJsonDepth)
            return fail("nesting deeper than " + std::to_string(m_o.maxJsonDepth));
        const char close = c == '{' ? '}' : ']';
        ++m_i;
        if (eat(close))
            return std::nullopt;
        std::string key;
        do {
            if (c == '{') {
                if (auto e = string(key, m_o.maxLineBytes))
                    return e;
                if (!eat(':'))
                    return fail("expected ':'");
            }
            if (auto e = skipValue(depth + 1))
                return e;
        } while (eat(','));
        if (!eat(close))
            return fail(close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
        return std::nullopt;
    }
    if (c == '"') {
        std::string ignored;
        return string(ignored, m_o.maxLineBytes);
    }
    if (literal("null") || literal("true") || literal("false"))
        return std::nullopt;
    double ignored = 0.0;
    return score(ignored);
}

std::optional<LineError> JsonReader::record(FeedRecord &r, std::vector<double> &scores)
{
    if (!eat('{'))
        return fail("expected '{'");
    enum : unsigned { kId = 1, kTime = 2, kScore = 4, kScores = 8, kPred = 16, kActual = 32 };
    unsigned seen = 0;
    std::string key;
    const std::size_t firstScore = scores.size();
    if (!eat('}')) {
        do {
            ws();
            const std::size_t keyAt = m_i;
            if (auto e = string(key, m_o.maxLineBytes))
                return e;
            if (!eat(':'))
                return fail("expected ':'");
            unsigned bit = 0;
            std::optional<LineError> e;
            ws();
            const std::size_t valueAt = m_i;
            if (key == "id") {
                bit = kId;
                bool present = false;
                e = label(r.id, present, false);
                if (!e && !present)
                    return fail("id is null", valueAt);
            } else if (key == "time") {
                bit = kTime;
                std::optional<int64_t> ms;
                if (peekIs('"')) {
                    std::string text;
                    if ((e = string(text, 64)))
                        return e;
                    ms = parseRfc3339Ms(text);
                } else {
                    std::string_view token;
                    const auto num = numberToken(token) ? std::nullopt : parseJsonNumber(token);
                    ms = num ? secondsToMs(*num) : std::nullopt;
                }
                if (!ms)
                    return fail("time must be Unix seconds or an RFC 3339 date-time", valueAt);
                r.timeMs = *ms;
            } else if (key == "score") {
                bit = kScore;
                if (!literal("null")) {
                    e = score(r.score);
                    r.hasScore = true;
                }
            } else if (key == "scores") {
                bit = kScores;
                if (!literal("null")) {
                    if (!eat('['))
                        return fail("scores must be an array of numbers");
                    if (!eat(']')) {
                        do {
                            if (scores.size() - firstScore >= m_o.maxScores)
                                return fail("more than " + std::to_string(m_o.maxScores) + " scores");
                            double v = 0.0;
                            if ((e = score(v)))
                                return e;
                            scores.push_back(v);
                        } while (eat(','));
                        if (!eat(']'))
                            return fail("expected ',' or ']'");
                    }
                }
            } else if (key == "predicted") {
                bit = kPred;
                e = label(r.predicted, r.hasPredicted);
            } else if (key == "actual") {
                bit = kActual;
                e = label(r.actual, r.hasActual);
            } else {
                e = skipValue(1);
            }
            if (e)
                return e;
            if (bit & seen)
                return fail("duplicate key \"" + key + "\"", keyAt);
            seen |= bit;
        } while (eat(','));
        if (!eat('}'))
            return fail("expected ',' or '}'");
    }
    ws();
    if (m_i != m_s.size())
        return fail("unexpected characters after the object");
    r.scoreBegin = static_cast<uint32_t>(firstScore);
    r.scoreCount = static_cast<uint32_t>(scores.size() - firstScore);
    return validateRecord(r, (seen & kTime) != 0);
}

} // namespace

std::optional<LineError> parseJsonRecord(std::string_view line, FeedRecord &r, std::vector<double> &scores,
                                         const FeedOptions &o)
{
    JsonReader reader(line, o);
    return reader.record(r, scores);
}

} // namespace mw::quality::feed
