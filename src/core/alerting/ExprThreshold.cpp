#include "ExprThreshold.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace mw::alerting {

namespace {

struct TopLevelOp
{
    std::size_t pos;
    std::size_t len;
    CompareOp op;
};

bool isWordChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || c == ':';
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

/// A plain decimal or exponent literal, nothing else (no hex, Inf, NaN, durations).
std::optional<double> plainNumber(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return std::nullopt;
    std::size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        ++i;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i, digits = true;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i, digits = true;
    }
    if (!digits)
        return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        const std::size_t expStart = i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
            ++i;
        if (i == expStart)
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    const std::string text(s);
    const double v = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

std::optional<SplitThreshold> splitTrailingComparison(std::string_view expr)
{
    std::vector<TopLevelOp> ops;
    int depth = 0;
    for (std::size_t i = 0; i < expr.size(); ++i) {
        const char c = expr[i];
        if (c == '"' || c == '\'' || c == '`') {
            const char quote = c;
            for (++i; i < expr.size() && expr[i] != quote; ++i)
                if (expr[i] == '\\' && quote != '`')
                    ++i;
            if (i >= expr.size())
                return std::nullopt; // unterminated: not ours to judge
            continue;
        }
        if (c == '#')
            return std::nullopt;
        if (c == '(' || c == '[' || c == '{') {
            ++depth;
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            if (--depth < 0)
                return std::nullopt;
            continue;
        }
        if (depth != 0)
            continue;
        if (isWordChar(c) && (i == 0 || !isWordChar(expr[i - 1]))) {
            std::size_t end = i;
            while (end < expr.size() && isWordChar(expr[end]))
                ++end;
            const std::string_view word = expr.substr(i, end - i);
            for (const char *kw : {"and", "or", "unless", "bool", "on", "ignoring", "group_left", "group_right"})
                if (equalsIgnoreCase(word, kw))
                    return std::nullopt;
            i = end - 1;
            continue;
        }
        const char n = i + 1 < expr.size() ? expr[i + 1] : '\0';
        if ((c == '=' || c == '!') && n == '=') {
            ops.push_back({i, 2, c == '=' ? CompareOp::Equal : CompareOp::NotEqual});
            ++i;
        } else if (c == '>' || c == '<') {
            const bool eq = n == '=';
            ops.push_back({i, eq ? 2u : 1u,
                           c == '>' ? (eq ? CompareOp::GreaterEqual : CompareOp::Greater)
                                    : (eq ? CompareOp::LessEqual : CompareOp::Less)});
            if (eq)
                ++i;
        }
    }
    if (depth != 0 || ops.size() != 1)
        return std::nullopt;
    const TopLevelOp &op = ops.front();
    const std::string_view left = trim(expr.substr(0, op.pos));
    const std::optional<double> threshold = plainNumber(trim(expr.substr(op.pos + op.len)));
    if (left.empty() || !threshold || plainNumber(left))
        return std::nullopt;
    return SplitThreshold{std::string(left), op.op, *threshold};
}

} // namespace mw::alerting
