#include "AlertTemplate.h"

#include "Humanize.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <optional>
#include <vector>

namespace mw::alerting {

namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;
constexpr int kMaxDepth = 16;

/// A template value: Go's templates are dynamically typed; ours hold a string
/// or a float64 (a label set prints as Prometheus prints it).
struct Value
{
    bool isNumber = false;
    double number = 0.0;
    std::string text;

    std::string str() const { return isNumber ? formatGoFloat(number) : text; }
};

struct EvalError
{
    std::string message;
};

/// snprintf with a spec printf() assembled from checked parts only: "%",
/// at most five of "-+ 0#", a width and precision of at most two digits each,
/// and one verb it chose. The result always fits the buffer (at most 99 wide
/// plus a double's digits).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
template<typename T>
std::string formatChecked(const std::string &spec, T value)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, spec.c_str(), value);
    return n < 0 ? std::string() : std::string(buf, std::min<std::size_t>(std::size_t(n), sizeof buf - 1));
}
#pragma GCC diagnostic pop

Value num(double v) { return Value{true, v, {}}; }
Value str(std::string s) { return Value{false, 0.0, std::move(s)}; }

double toSeconds(double v, ValueUnit unit)
{
    switch (unit) {
    case ValueUnit::Milliseconds: return v / 1e3;
    case ValueUnit::Microseconds: return v / 1e6;
    default: return v;
    }
}

/// Evaluates one action's pipeline over a cursor into the action's text.
class ActionEval
{
public:
    ActionEval(std::string_view text, const TemplateContext &ctx) : m_s(text), m_ctx(ctx) {}

    Value run()
    {
        Value v = pipeline(0);
        skipSpace();
        if (m_pos != m_s.size())
            fail("unexpected \"" + std::string(m_s.substr(m_pos, 1)) + "\" in action");
        return v;
    }

private:
    [[noreturn]] static void fail(std::string message) { throw EvalError{std::move(message)}; }

    void skipSpace()
    {
        while (m_pos < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_pos])))
            ++m_pos;
    }

    bool atEndOfCommand()
    {
        skipSpace();
        return m_pos == m_s.size() || m_s[m_pos] == '|' || m_s[m_pos] == ')';
    }

    Value pipeline(int depth)
    {
        if (depth > kMaxDepth)
            fail("parentheses nested too deeply");
        std::optional<Value> piped;
        for (;;) {
            piped = command(depth, std::move(piped));
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == '|') {
                ++m_pos;
                continue;
            }
            return *piped;
        }
    }

    std::string word()
    {
        const std::size_t start = m_pos;
        while (m_pos < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s[m_pos]);
            if (std::isalnum(c) || c == '_' || c == '.' || c == '$' || c == '-' || c == '+')
                ++m_pos;
            else
                break;
        }
        return std::string(m_s.substr(start, m_pos - start));
    }

    std::string stringLiteral()
    {
        const char quote = m_s[m_pos++];
        std::string out;
        while (m_pos < m_s.size() && m_s[m_pos] != quote) {
            char c = m_s[m_pos++];
            if (quote == '"' && c == '\\' && m_pos < m_s.size()) {
                c = m_s[m_pos++];
                c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
            }
            out += c;
        }
        if (m_pos == m_s.size())
            fail("unterminated string");
        ++m_pos;
        return out;
    }

    /// An operand: a literal, a variable or field, or a parenthesised pipeline.
    Value operand(int depth)
    {
        skipSpace();
        if (m_pos == m_s.size())
            fail("missing value");
        const char c = m_s[m_pos];
        if (c == '"' || c == '`')
            return str(stringLiteral());
        if (c == '(') {
            ++m_pos;
            Value v = pipeline(depth + 1);
            skipSpace();
            if (m_pos == m_s.size() || m_s[m_pos] != ')')
                fail("unclosed parenthesis");
            ++m_pos;
            return v;
        }
        const std::string w = word();
        if (w.empty())
            fail("unexpected \"" + std::string(1, c) + "\"");
        return reference(w);
    }

    Value reference(const std::string &w)
    {
        if (w == "$value" || w == ".Value")
            return num(m_ctx.value);
        for (const std::string_view prefix : {std::string_view("$labels"), std::string_view(".Labels")}) {
            if (w.compare(0, prefix.size(), prefix) != 0)
                continue;
            if (w.size() == prefix.size())
                return str(m_ctx.labels ? m_ctx.labels->toString() : std::string("{}"));
            if (w[prefix.size()] != '.')
                break;
            const std::string name = w.substr(prefix.size() + 1);
            // Go prints a missing map key as "<no value>"; Prometheus templates do too.
            const auto v = m_ctx.labels ? m_ctx.labels->get(name) : std::nullopt;
            return str(v ? std::string(*v) : std::string("<no value>"));
        }
        if (!w.empty() && (std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '-' || w[0] == '+' || w[0] == '.')) {
            char *end = nullptr;
            const double d = std::strtod(w.c_str(), &end);
            if (end == w.c_str() + w.size())
                return num(d);
        }
        if (w[0] == '$')
            fail("undefined variable \"" + w + "\"");
        fail("function \"" + w + "\" not defined");
    }

    double numberOf(const Value &v, const std::string &fn)
    {
        if (v.isNumber)
            return v.number;
        char *end = nullptr;
        const double d = std::strtod(v.text.c_str(), &end);
        if (v.text.empty() || end != v.text.c_str() + v.text.size())
            fail(fn + ": cannot convert \"" + v.text + "\" to a number");
        return d;
    }

    Value command(int depth, std::optional<Value> piped)
    {
        skipSpace();
        const std::size_t save = m_pos;
        const std::string w = (m_pos < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[m_pos]))) ? word() : std::string();
        if (w.empty()) {
            m_pos = save;
            if (piped)
                fail("cannot pipe into a value");
            return operand(depth);
        }
        std::vector<Value> args;
        while (!atEndOfCommand())
            args.push_back(operand(depth));
        if (piped)
            args.push_back(std::move(*piped));
        return call(w, args);
    }

    Value one(const std::string &fn, const std::vector<Value> &args)
    {
        if (args.size() != 1)
            fail(fn + ": wants 1 argument, got " + std::to_string(args.size()));
        return args[0];
    }

    Value call(const std::string &fn, const std::vector<Value> &args)
    {
        const ValueUnit unit = m_ctx.unit;
        if (fn == "humanize")
            return str(humanize(numberOf(one(fn, args), fn)));
        if (fn == "humanize1024")
            return str(humanize1024(numberOf(one(fn, args), fn)));
        if (fn == "humanizeDuration")
            return str(humanizeDuration(toSeconds(numberOf(one(fn, args), fn), unit)));
        if (fn == "humanizePercentage") {
            const double v = numberOf(one(fn, args), fn);
            return str(humanizePercentage(unit == ValueUnit::Percent ? v / 100 : v));
        }
        if (fn == "toUpper" || fn == "toLower" || fn == "title") {
            std::string s = one(fn, args).str();
            bool wordStart = true;
            for (char &c : s) {
                const auto u = static_cast<unsigned char>(c);
                if (fn == "toUpper" || (fn == "title" && wordStart))
                    c = static_cast<char>(std::toupper(u));
                else if (fn == "toLower")
                    c = static_cast<char>(std::tolower(u));
                wordStart = std::isspace(u) != 0;
            }
            return str(std::move(s));
        }
        if (fn == "index") {
            if (args.size() != 2)
                fail("index: wants a label set and a name");
            const auto v = m_ctx.labels ? m_ctx.labels->get(args[1].str()) : std::nullopt;
            return str(v ? std::string(*v) : std::string("<no value>"));
        }
        if (fn == "printf") {
            if (args.empty() || args[0].isNumber)
                fail("printf: wants a format string");
            return str(printf(args[0].text, args));
        }
        fail("function \"" + fn + "\" not defined");
    }

    /// Go's printf for the verbs rules use; the spec is rebuilt from checked
    /// parts, so the C format string never comes from the template.
    std::string printf(const std::string &format, const std::vector<Value> &args)
    {
        std::string out;
        std::size_t next = 1;
        for (std::size_t i = 0; i < format.size(); ++i) {
            if (format[i] != '%') {
                out += format[i];
                continue;
            }
            std::string spec = "%";
            ++i;
            while (i < format.size() && std::string_view("-+ 0#").find(format[i]) != std::string_view::npos && spec.size() < 6)
                spec += format[i++];
            for (int digits = 0; i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])) && digits < 2; ++digits)
                spec += format[i++];
            if (i < format.size() && format[i] == '.') {
                spec += format[i++];
                for (int digits = 0; i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])) && digits < 2; ++digits)
                    spec += format[i++];
            }
            if (i >= format.size())
                fail("printf: incomplete verb");
            const char verb = format[i];
            if (verb == '%') {
                out += '%';
                continue;
            }
            if (next >= args.size()) {
                out += "%!";
                out += verb;
                out += "(MISSING)";
                continue;
            }
            const Value &a = args[next++];
            if (verb == 's' || verb == 'v' || verb == 'q') {
                const std::string s = a.str();
                out += verb == 'q' ? "\"" + s + "\"" : s;
            } else if (std::string_view("feEgG").find(verb) != std::string_view::npos) {
                const double d = numberOf(a, "printf");
                if (!std::isfinite(d)) {
                    out += formatG4(d);
                    continue;
                }
                out += formatChecked(spec + verb, d);
            } else if (verb == 'd') {
                const double d = numberOf(a, "printf");
                const long long n = std::isfinite(d) && std::fabs(d) < 9e18 ? static_cast<long long>(d) : 0;
                out += formatChecked(spec + "lld", n);
            } else {
                fail(std::string("printf: unsupported verb %") + verb);
            }
        }
        return out;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    const TemplateContext &m_ctx;
};

} // namespace

TemplateResult expandTemplate(std::string_view text, const TemplateContext &context)
{
    TemplateResult r;
    std::size_t pos = 0;
    try {
        while (pos < text.size()) {
            const std::size_t open = text.find("{{", pos);
            std::string_view literal = text.substr(pos, open == std::string_view::npos ? std::string_view::npos : open - pos);
            if (open == std::string_view::npos) {
                r.text += literal;
                break;
            }
            std::size_t actionStart = open + 2;
            if (actionStart < text.size() && text[actionStart] == '-'
                && actionStart + 1 < text.size() && std::isspace(static_cast<unsigned char>(text[actionStart + 1]))) {
                while (!literal.empty() && std::isspace(static_cast<unsigned char>(literal.back())))
                    literal.remove_suffix(1);
                ++actionStart;
            }
            r.text += literal;
            const std::size_t close = text.find("}}", actionStart);
            if (close == std::string_view::npos)
                throw EvalError{"unclosed action"};
            std::string_view action = text.substr(actionStart, close - actionStart);
            pos = close + 2;
            if (action.size() >= 2 && action.back() == '-' && std::isspace(static_cast<unsigned char>(action[action.size() - 2]))) {
                action.remove_suffix(1);
                while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos])))
                    ++pos;
            }
            const std::size_t first = action.find_first_not_of(" \t\r\n");
            if (first != std::string_view::npos && action.substr(first, 2) == "/*")
                continue; // a comment
            r.text += ActionEval(action, context).run().str();
            if (r.text.size() > kMaxOutput)
                throw EvalError{"expansion longer than 64 KiB"};
        }
    } catch (const EvalError &e) {
        r.text.clear();
        r.error = e.message;
    }
    return r;
}

} // namespace mw::alerting
