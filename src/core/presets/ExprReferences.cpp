#include "ExprReferences.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace mw::presets {

namespace {

bool isIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':'; }
bool isIdentChar(char c) { return isIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string lowered(std::string_view word)
{
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

/// PromQL keywords are case-insensitive (`BY`, `Offset`).
bool isKeyword(std::string_view word)
{
    static constexpr std::array<std::string_view, 13> kKeywords{
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
        "and", "or", "unless", "offset", "inf", "nan"};
    return std::find(kKeywords.begin(), kKeywords.end(), lowered(word)) != kKeywords.end();
}

/// Keywords followed by a parenthesised list of label names.
bool takesLabelList(std::string_view word)
{
    const std::string w = lowered(word);
    return w == "by" || w == "without" || w == "on" || w == "ignoring" || w == "group_left" || w == "group_right";
}

void sortUnique(std::vector<std::string> &v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

class Scanner
{
public:
    explicit Scanner(std::string_view expr)
        : m_s(expr)
    {
    }

    ExprReferences run()
    {
        int depth = 0;
        while (m_error.empty()) {
            skipSpace();
            if (m_i >= m_s.size())
                break;
            const char c = m_s[m_i];
            if (c == '"' || c == '\'' || c == '`') {
                skipString();
            } else if (c == '[') {
                skipUntil(']', "unterminated '['");
            } else if (c == '{') {
                matchers();
            } else if (c == '(') {
                ++depth;
                ++m_i;
            } else if (c == ')') {
                if (--depth < 0)
                    fail("unbalanced ')'");
                ++m_i;
            } else if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && nextIsDigit())) {
                skipNumber();
            } else if (isIdentStart(c)) {
                identifier();
            } else if (c == '}' || c == ']') {
                fail(std::string("unexpected '") + c + "'");
            } else {
                ++m_i; // operators and commas
            }
        }
        if (m_error.empty() && depth != 0)
            fail("unbalanced '('");
        sortUnique(m_refs.metrics);
        sortUnique(m_refs.labels);
        sortUnique(m_refs.functions);
        m_refs.error = m_error;
        return m_refs;
    }

private:
    void fail(const std::string &what)
    {
        if (m_error.empty())
            m_error = what + " at offset " + std::to_string(m_i);
    }
    bool nextIsDigit() const
    {
        return m_i + 1 < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_i + 1]));
    }
    void skipSpace()
    {
        while (m_i < m_s.size() && isSpace(m_s[m_i]))
            ++m_i;
    }
    char peekAfterSpace()
    {
        skipSpace();
        return m_i < m_s.size() ? m_s[m_i] : '\0';
    }
    std::string_view word()
    {
        const std::size_t begin = m_i;
        while (m_i < m_s.size() && isIdentChar(m_s[m_i]))
            ++m_i;
        return m_s.substr(begin, m_i - begin);
    }
    std::string_view skipString()
    {
        const char quote = m_s[m_i++];
        const std::size_t begin = m_i;
        while (m_i < m_s.size() && m_s[m_i] != quote) {
            if (m_s[m_i] == '\\' && quote != '`')
                ++m_i;
            ++m_i;
        }
        if (m_i >= m_s.size()) {
            fail("unterminated string");
            return {};
        }
        const std::string_view body = m_s.substr(begin, m_i - begin);
        ++m_i;
        return body;
    }
    void skipUntil(char close, const char *error)
    {
        const std::size_t end = m_s.find(close, m_i);
        if (end == std::string_view::npos) {
            fail(error);
            return;
        }
        m_i = end + 1;
    }
    /// Numbers, durations (`5m`, `1h30m`), exponents (`1e-3`), hex.
    void skipNumber()
    {
        const std::size_t begin = m_i;
        const bool hex = m_s.substr(begin, 2) == "0x" || m_s.substr(begin, 2) == "0X";
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            const char prev = m_i > begin ? m_s[m_i - 1] : '\0';
            if ((c == '+' || c == '-') && !hex && (prev == 'e' || prev == 'E')) {
                ++m_i;
            } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_') {
                ++m_i;
            } else {
                break;
            }
        }
    }
    void identifier()
    {
        const std::string_view name = word();
        const char next = peekAfterSpace();
        if (takesLabelList(name)) {
            if (next == '(')
                labelList();
            return;
        }
        if (isKeyword(name))
            return;
        if (next == '(' || groupingFollows())
            m_refs.functions.emplace_back(name); // `sum by (le) (...)`: an aggregation
        else
            m_refs.metrics.emplace_back(name);
    }
    /// Whether `by` or `without` comes next (without consuming it).
    bool groupingFollows()
    {
        const std::size_t at = m_i;
        const std::string next = lowered(word());
        m_i = at;
        return next == "by" || next == "without";
    }
    void labelList()
    {
        ++m_i; // '('
        while (m_error.empty()) {
            const char c = peekAfterSpace();
            if (c == ')') {
                ++m_i;
                return;
            }
            if (c == ',') {
                ++m_i;
            } else if (isIdentStart(c)) {
                m_refs.labels.emplace_back(word());
            } else if (c == '"') {
                m_refs.labels.emplace_back(skipString());
            } else {
                fail("bad label list");
            }
        }
    }
    void matchers()
    {
        ++m_i; // '{'
        while (m_error.empty()) {
            const char c = peekAfterSpace();
            if (c == '}') {
                ++m_i;
                return;
            }
            if (c == '\0') {
                fail("unterminated '{'");
                return;
            }
            std::string label;
            if (isIdentStart(c)) {
                label = std::string(word());
            } else if (c == '"') {
                label = std::string(skipString()); // quoted UTF-8 name or label name
            } else if (c == ',') {
                ++m_i;
                continue;
            } else {
                fail("bad matcher");
                return;
            }
            std::string op;
            skipSpace();
            while (m_i < m_s.size() && (m_s[m_i] == '=' || m_s[m_i] == '!' || m_s[m_i] == '~'))
                op += m_s[m_i++];
            if (op.empty()) { // a bare quoted metric name: {"my.metric"}
                m_refs.metrics.push_back(label);
                continue;
            }
            const char quote = peekAfterSpace();
            if (quote != '"' && quote != '\'' && quote != '`') {
                fail("matcher without a string value");
                return;
            }
            const std::string_view value = skipString();
            if (label == "__name__" && op == "=")
                m_refs.metrics.emplace_back(value);
            else
                m_refs.labels.push_back(std::move(label));
        }
    }

    std::string_view m_s;
    std::size_t m_i = 0;
    std::string m_error;
    ExprReferences m_refs;
};

} // namespace

ExprReferences ExprReferences::scan(std::string_view expr)
{
    return Scanner(expr).run();
}

} // namespace mw::presets
