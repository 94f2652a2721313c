#include "RuleFileChecker.h"

#include "promql/Ast.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace mw::alerting {

namespace {

int columnsOf(std::string_view s)
{
    int n = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string_view lineAt(std::string_view text, std::size_t zeroBasedLine)
{
    std::size_t pos = 0;
    for (std::size_t l = 0; l < zeroBasedLine; ++l) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos)
            return {};
        ++pos;
    }
    const std::size_t end = text.find('\n', pos);
    return text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
}

/// Where the expression's (line, column) is in the file. Exact for a plain or
/// quoted one-line scalar and for a literal block (`|`); a folded or
/// multi-line flow scalar points at the expression's start.
RuleFileIssue placeInFile(std::string_view text, const YAML::Mark &mark, const promql::ParseError &e)
{
    RuleFileIssue at{mark.line + 1, mark.column + 1, "expr: " + e.toString()};
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size())
        return at;
    const char first = text[static_cast<std::size_t>(mark.pos)];
    if (first == '|') {
        // The block's indentation is its first content line's; deeper
        // indentation of later lines is part of the expression's text.
        const auto fileLine = static_cast<std::size_t>(mark.line) + e.line; // 0-based
        const std::string_view opening = lineAt(text, static_cast<std::size_t>(mark.line) + 1);
        const std::size_t indent = std::min(opening.find_first_not_of(' '), opening.size());
        at.line = static_cast<int>(fileLine) + 1;
        at.column = static_cast<int>(indent) + static_cast<int>(e.column);
        return at;
    }
    if (first == '>' || e.line != 1)
        return at;
    const int quote = (first == '"' || first == '\'') ? 1 : 0;
    const std::string_view rest = lineAt(text, static_cast<std::size_t>(mark.line)).substr(static_cast<std::size_t>(mark.column));
    if (static_cast<int>(e.column) + quote <= columnsOf(rest) + 1)
        at.column = mark.column + 1 + quote + static_cast<int>(e.column) - 1;
    return at;
}

/// Walks groups → rules as the importer does, checking each alerting rule's
/// expression and collecting where recording rules start.
void walk(std::string_view text, const YAML::Node &root, RuleFileCheck &out, std::vector<YAML::Mark> &records)
{
    if (!root.IsMap() || !root["groups"] || !root["groups"].IsSequence())
        return;
    for (const YAML::Node &g : root["groups"]) {
        if (!g.IsMap() || !g["rules"] || !g["rules"].IsSequence())
            continue;
        for (const YAML::Node &r : g["rules"]) {
            if (!r.IsMap())
                continue;
            if (r["record"]) {
                records.push_back(r.Mark());
                continue;
            }
            const YAML::Node expr = r["expr"];
            if (!r["alert"] || !expr || !expr.IsScalar())
                continue;
            const promql::ParseResult parsed = promql::parse(expr.Scalar());
            if (parsed.error) {
                out.exprErrors.push_back(placeInFile(text, expr.Mark(), *parsed.error));
                continue;
            }
            const promql::ValueType type = parsed.expr->type();
            if (type != promql::ValueType::Vector && type != promql::ValueType::Scalar)
                out.exprErrors.push_back(RuleFileIssue{expr.Mark().line + 1, expr.Mark().column + 1,
                    "expr: an alerting rule's expression must give an instant vector or a scalar"});
        }
    }
}

} // namespace

bool RuleFileCheck::valid() const
{
    return import.ok() && exprErrors.empty() && import.notImported.size() == recordingRules.size();
}

RuleFileCheck checkRuleFile(std::string_view text, const RuleFileOptions &options)
{
    RuleFileCheck out;
    out.import = importRuleFile(text, options);
    if (!out.import.ok())
        return out; // the file as a whole is refused: nothing more to say
    std::vector<YAML::Mark> records;
    try {
        walk(text, YAML::Load(std::string(text)), out, records);
    } catch (const YAML::Exception &) {
        return out; // cannot happen: importRuleFile loaded the same text
    }
    for (const RuleFileIssue &issue : out.import.notImported) {
        const bool isRecord = std::any_of(records.begin(), records.end(), [&](const YAML::Mark &m) {
            return m.line + 1 == issue.line && m.column + 1 == issue.column;
        });
        if (isRecord)
            out.recordingRules.push_back(issue);
    }
    return out;
}

} // namespace mw::alerting
