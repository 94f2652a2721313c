#pragma once

#include <string>

namespace mw::dashboard {

/// A problem at a place in a JSON file: `pointer` is a JSON pointer
/// (RFC 6901, "/panels/3/queries/0/expr"; "" is the whole document); `line`
/// and `column` (1-based, column in characters) are set for syntax errors and
/// for expression errors (the column inside the expression), 0 otherwise.
struct Issue
{
    std::string pointer;
    std::string message;
    int line = 0;
    int column = 0;

    /// "LINE:COLUMN: message", "/pointer: message", "/pointer:COLUMN: message"
    /// or just "message" for the whole document.
    std::string toString() const;

    bool operator==(const Issue &) const = default;
};

/// The issue in `file`: "FILE:LINE:COL: msg" for syntax errors, "FILE: /pointer: msg" otherwise.
std::string locatedIn(const std::string &file, const Issue &issue);

/// `pointer` + "/" + the escaped reference token (~ as ~0, / as ~1).
std::string pointerChild(const std::string &pointer, const std::string &token);
std::string pointerChild(const std::string &pointer, std::size_t index);

} // namespace mw::dashboard
