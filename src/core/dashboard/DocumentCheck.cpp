#include "DocumentCheck.h"

#include <algorithm>

#include "JsonText.h"

#include "promql/Ast.h"

namespace mw::dashboard {

namespace {

bool isNameChar(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string valueOf(const Variable &v)
{
    if (!v.current.empty() && v.current.front() != "$__all")
        return v.current.front();
    if (!v.options.empty())
        return v.options.front();
    return "x";
}

/// The variable named at `expr[i]` ('$' or '['), and the length of the reference.
const Variable *reference(std::string_view expr, std::size_t i, const std::vector<Variable> &vars, std::size_t &length)
{
    std::size_t nameAt = 0;
    std::size_t nameEnd = 0;
    std::size_t end = 0;
    if (expr.substr(i, 2) == "[[") {
        nameAt = i + 2;
        nameEnd = expr.find("]]", nameAt);
        if (nameEnd == std::string_view::npos)
            return nullptr;
        end = nameEnd + 2;
    } else if (expr.substr(i, 2) == "${") {
        nameAt = i + 2;
        end = expr.find('}', nameAt);
        if (end == std::string_view::npos)
            return nullptr;
        nameEnd = std::min(expr.find(':', nameAt), end);
        ++end;
    } else if (expr[i] == '$') {
        nameAt = i + 1;
        nameEnd = nameAt;
        while (nameEnd < expr.size() && isNameChar(expr[nameEnd]))
            ++nameEnd;
        end = nameEnd;
    } else {
        return nullptr;
    }
    const std::string_view name = expr.substr(nameAt, nameEnd - nameAt);
    for (const Variable &v : vars) {
        if (v.name == name) {
            length = end - i;
            return &v;
        }
    }
    return nullptr;
}

} // namespace

std::string substituteVariables(std::string_view expr, const std::vector<Variable> &variables,
                                std::vector<std::size_t> *origin)
{
    std::string out;
    if (origin)
        origin->clear();
    std::size_t i = 0;
    while (i < expr.size()) {
        std::size_t length = 0;
        if (const Variable *v = (expr[i] == '$' || expr[i] == '[') ? reference(expr, i, variables, length) : nullptr) {
            const std::string value = valueOf(*v);
            out += value;
            if (origin)
                origin->insert(origin->end(), value.size(), i);
            i += length;
            continue;
        }
        out.push_back(expr[i]);
        if (origin)
            origin->push_back(i);
        ++i;
    }
    return out;
}

std::vector<Issue> checkExpressions(const Document &d)
{
    std::vector<Issue> issues;
    // A source's own expressions run as written: no variables there.
    const std::vector<Variable> none;
    auto check = [&](const std::string &expr, std::string pointer, const std::vector<Variable> &variables) {
        std::vector<std::size_t> origin;
        const std::string text = substituteVariables(expr, variables, &origin);
        const promql::ParseResult r = promql::parse(text);
        if (!r.error)
            return;
        const std::size_t at = r.error->offset < origin.size() ? origin[r.error->offset] : expr.size();
        int line = 0;
        int column = 0;
        lineColumnAt(expr, at, line, column);
        issues.push_back({std::move(pointer), r.error->message, line, column});
    };
    for (std::size_t p = 0; p < d.panels.size(); ++p)
        for (std::size_t q = 0; q < d.panels[p].queries.size(); ++q)
            check(d.panels[p].queries[q].expr, pointerChild(pointerChild(pointerChild(pointerChild("/panels", p), "queries"), q), "expr"), d.variables);
    for (std::size_t r = 0; r < d.rules.size(); ++r)
        check(d.rules[r].rule.expr, pointerChild(pointerChild("/rules", r), "expr"), d.variables);
    for (std::size_t i = 0; i < d.sources.size(); ++i) {
        if (d.sources[i].kind != SourceKind::ScoreBuckets)
            continue;
        const std::string at = pointerChild(pointerChild("/sources", i), "scoreBuckets");
        check(d.sources[i].scoreBuckets.positives, pointerChild(at, "positives"), none);
        check(d.sources[i].scoreBuckets.negatives, pointerChild(at, "negatives"), none);
    }
    return issues;
}

std::vector<Issue> checkPanelSources(const Document &d)
{
    std::vector<Issue> issues;
    for (std::size_t i = 0; i < d.panels.size(); ++i) {
        const Panel &p = d.panels[i];
        if (!isQualityPanel(p.kind))
            continue;
        const Source *s = d.sourceOf(p);
        if (s && s->kind == SourceKind::Feed)
            continue;
        // A score_buckets source keeps the newest bucket curve (no matrix).
        if (s && s->kind == SourceKind::ScoreBuckets && p.kind == PanelKind::QualityCurve)
            continue;
        // A curve panel on a counters source draws its score-bucket queries:
        // A the positives' histogram, B the negatives'.
        const auto hasQuery = [&p](const char *ref) {
            return std::any_of(p.queries.begin(), p.queries.end(), [ref](const Query &q) { return q.refId == ref && !q.expr.empty(); });
        };
        if (s && p.kind == PanelKind::QualityCurve && hasQuery("A") && hasQuery("B"))
            continue;
        const std::string kind(panelKindId(p.kind));
        const std::string at = pointerChild("/panels", i);
        const std::string orElse =
            p.kind == PanelKind::QualityCurve ? " (or a score_buckets source, or score-bucket queries A and B)" : "";
        if (!p.source.empty() && s)
            issues.push_back({pointerChild(at, "source"),
                              "a " + kind + " panel reads a feed source" + orElse + "; '" + s->name + "' is a "
                                  + std::string(sourceKindId(s->kind)) + " source",
                              0, 0});
        else if (!p.source.empty())
            issues.push_back({pointerChild(at, "source"), "no source is named '" + p.source + "'", 0, 0});
        else if (s)
            issues.push_back({at,
                              "a " + kind + " panel reads a feed source" + orElse + ": name one in \"source\" (the first source, '"
                                  + s->name + "', is a " + std::string(sourceKindId(s->kind)) + " source)",
                              0, 0});
        else
            issues.push_back({at, "a " + kind + " panel reads a feed source, and the document has no sources", 0, 0});
    }
    return issues;
}

} // namespace mw::dashboard
