#include "Issue.h"

namespace mw::dashboard {

std::string Issue::toString() const
{
    std::string out;
    if (!pointer.empty()) {
        out = pointer;
        if (column > 0)
            out += ':' + std::to_string(column);
        out += ": ";
    } else if (line > 0) {
        out = std::to_string(line) + ':' + std::to_string(column) + ": ";
    }
    return out + message;
}

std::string pointerChild(const std::string &pointer, const std::string &token)
{
    std::string out = pointer;
    out.push_back('/');
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out.push_back(c);
    }
    return out;
}

std::string pointerChild(const std::string &pointer, std::size_t index)
{
    return pointer + '/' + std::to_string(index);
}

std::string locatedIn(const std::string &file, const Issue &issue)
{
    if (issue.pointer.empty() && issue.line > 0)
        return file + ':' + issue.toString();
    return file + ": " + issue.toString();
}

} // namespace mw::dashboard
