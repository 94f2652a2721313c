#include "JsonText.h"

#include <nlohmann/json.hpp>

namespace mw::dashboard {

void lineColumnAt(std::string_view text, std::size_t offset, int &line, int &column)
{
    line = 1;
    column = 1;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
}

namespace {

/// The offset of the first bracket nested deeper than `maxDepth`, if any.
std::optional<std::size_t> tooDeep(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Issue> parseJsonText(std::string_view text, const Limits &limits, nlohmann::json &out)
{
    if (text.size() > limits.maxBytes)
        return Issue{{}, "file too large (" + std::to_string(text.size()) + " bytes, at most "
                             + std::to_string(limits.maxBytes) + ")", 0, 0};
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    Issue issue;
    if (const std::optional<std::size_t> at = tooDeep(text, limits.maxDepth)) {
        lineColumnAt(text, *at, issue.line, issue.column);
        issue.message = "nested deeper than " + std::to_string(limits.maxDepth) + " levels";
        return issue;
    }
    try {
        out = nlohmann::json::parse(text.begin(), text.end());
        return std::nullopt;
    } catch (const nlohmann::json::parse_error &e) {
        // e.byte is 1-based: the position of the character that failed.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        lineColumnAt(text, offset, issue.line, issue.column);
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value - ..."
        const std::string what = e.what();
        const std::size_t column = what.find("column");
        const std::size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
        issue.message = "JSON " + (colon == std::string::npos ? what : what.substr(colon + 2));
        return issue;
    } catch (const nlohmann::json::exception &e) {
        issue.message = std::string("JSON: ") + e.what();
        return issue;
    }
}

} // namespace mw::dashboard
