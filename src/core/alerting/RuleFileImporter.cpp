#include "RuleFileImporter.h"

#include "ExprThreshold.h"
#include "PromDuration.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <set>

namespace mw::alerting {

namespace {

/// Thrown for a problem that refuses one rule or group (not the whole file).
struct ItemError
{
    RuleFileIssue issue;
};

/// The length of the well-formed UTF-8 sequence at `i` (no overlong forms,
/// surrogates or code points past U+10FFFF), or 0.
std::size_t utf8SequenceAt(std::string_view s, std::size_t i)
{
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80)
        return 1;
    std::size_t n = 0;
    uint32_t cp = 0;
    uint32_t min = 0;
    if ((b & 0xE0) == 0xC0)
        n = 1, cp = b & 0x1Fu, min = 0x80;
    else if ((b & 0xF0) == 0xE0)
        n = 2, cp = b & 0x0Fu, min = 0x800;
    else if ((b & 0xF8) == 0xF0)
        n = 3, cp = b & 0x07u, min = 0x10000;
    else
        return 0;
    for (std::size_t k = 1; k <= n; ++k) {
        if (i + k >= s.size())
            return 0;
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (c & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

/// The offset of the first byte that is not well-formed UTF-8, or npos.
/// YAML text is Unicode; checking here keeps every string safe to write as JSON.
std::size_t invalidUtf8At(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8SequenceAt(s, i);
        if (n == 0)
            return i;
        i += n;
    }
    return std::string_view::npos;
}

/// yaml-cpp 0.7 unescapes `\N` and `\_` to the single bytes 0x85 and 0xA0
/// (Latin-1, not UTF-8), so a valid file can still yield invalid strings.
/// Any byte that does not start a well-formed sequence is read as the Latin-1
/// code point it is. (yaml-cpp refuses surrogate escapes itself.)
std::string repairedUtf8(std::string s)
{
    if (invalidUtf8At(s) == std::string_view::npos)
        return s;
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8SequenceAt(s, i);
        if (n != 0) {
            out.append(s, i, n);
            i += n;
            continue;
        }
        const auto b = static_cast<unsigned char>(s[i]);
        out += static_cast<char>(0xC0 | (b >> 6));
        out += static_cast<char>(0x80 | (b & 0x3F));
        ++i;
    }
    return out;
}

RuleFileIssue issueAt(const YAML::Mark &mark, std::string message)
{
    if (mark.is_null())
        return RuleFileIssue{0, 0, std::move(message)};
    return RuleFileIssue{mark.line + 1, mark.column + 1, std::move(message)};
}

[[noreturn]] void refuse(const YAML::Node &node, std::string message)
{
    throw ItemError{issueAt(node.Mark(), std::move(message))};
}

std::string scalar(const YAML::Node &node, const std::string &what)
{
    if (!node.IsScalar())
        refuse(node, what + ": not a string");
    return repairedUtf8(node.Scalar());
}

int64_t duration(const YAML::Node &node, const std::string &what)
{
    const std::string text = scalar(node, what);
    const std::optional<int64_t> ms = parsePromDuration(text);
    if (!ms)
        refuse(node, what + ": not a duration \"" + text + "\"");
    return *ms;
}

std::map<std::string, std::string> stringMap(const YAML::Node &node, const std::string &what)
{
    std::map<std::string, std::string> out;
    if (node.IsNull())
        return out;
    if (!node.IsMap())
        refuse(node, what + ": not a map");
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = scalar(it->first, what + " key");
        if (key.empty())
            refuse(it->first, what + ": empty name");
        const std::string value = it->second.IsNull() ? std::string() : scalar(it->second, what + "." + key);
        if (!out.emplace(key, value).second)
            refuse(it->first, what + "." + key + ": repeated");
    }
    return out;
}

Severity severityFromLabel(const std::string &value)
{
    if (value == "critical" || value == "page" || value == "error")
        return Severity::Critical;
    if (value == "info" || value == "none")
        return Severity::Info;
    return Severity::Warning;
}

/// Reads one map's keys once, remembering which were known, so unknown keys
/// become warnings (Prometheus would refuse the file) and repeats are caught.
class Keys
{
public:
    Keys(const YAML::Node &map, const std::string &where) : m_where(where)
    {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string key = scalar(it->first, where + " key");
            if (!m_nodes.emplace(key, it->second).second)
                refuse(it->first, where + ": key \"" + key + "\" repeated");
            m_marks.emplace(key, it->first.Mark());
        }
    }

    std::optional<YAML::Node> take(const std::string &key)
    {
        const auto it = m_nodes.find(key);
        if (it == m_nodes.end())
            return std::nullopt;
        m_used.insert(key);
        return it->second;
    }

    void warnUnknown(std::vector<RuleFileIssue> &warnings) const
    {
        for (const auto &[key, node] : m_nodes)
            if (m_used.count(key) == 0)
                warnings.push_back(issueAt(m_marks.at(key), m_where + ": unknown key \"" + key + "\" ignored"));
    }

private:
    std::string m_where;
    std::map<std::string, YAML::Node> m_nodes;
    std::map<std::string, YAML::Mark> m_marks;
    std::set<std::string> m_used;
};

struct GroupContext
{
    std::string name;
    int64_t intervalMs = 0;
    std::map<std::string, std::string> labels;
};

class Importer
{
public:
    Importer(const RuleFileOptions &options, RuleFileImport &out) : m_options(options), m_out(out) {}

    void groups(const YAML::Node &root)
    {
        if (root.IsNull())
            return; // an empty file is a valid rule file with no groups
        if (!root.IsMap())
            refuse(root, "rule file: not a map with a \"groups\" list");
        Keys top(root, "rule file");
        const std::optional<YAML::Node> groups = top.take("groups");
        top.warnUnknown(m_out.warnings);
        if (!groups || groups->IsNull())
            return;
        if (!groups->IsSequence())
            refuse(*groups, "groups: not a list");
        std::set<std::string> names;
        for (const YAML::Node &g : *groups) {
            if (m_stopped)
                return;
            try {
                group(g, names);
            } catch (const ItemError &e) {
                m_out.notImported.push_back(e.issue);
            }
        }
    }

private:
    void group(const YAML::Node &g, std::set<std::string> &names)
    {
        if (!g.IsMap())
            refuse(g, "group: not a map");
        Keys keys(g, "group");
        GroupContext ctx;
        const std::optional<YAML::Node> name = keys.take("name");
        if (!name)
            refuse(g, "group: no name");
        ctx.name = scalar(*name, "group name");
        if (ctx.name.empty())
            refuse(*name, "group name: empty");
        if (!names.insert(ctx.name).second)
            m_out.warnings.push_back(issueAt(name->Mark(), "group \"" + ctx.name + "\" repeated in the file"));
        ctx.intervalMs = m_options.defaultIntervalMs;
        if (const auto interval = keys.take("interval")) {
            ctx.intervalMs = duration(*interval, "group " + ctx.name + " interval");
            if (ctx.intervalMs <= 0)
                refuse(*interval, "group " + ctx.name + " interval: must be positive");
        }
        if (const auto labels = keys.take("labels"))
            ctx.labels = stringMap(*labels, "group " + ctx.name + " labels");
        for (const char *ignored : {"limit", "query_offset"})
            if (const auto node = keys.take(ignored))
                m_out.warnings.push_back(issueAt(node->Mark(), "group " + ctx.name + ": " + ignored + " is not supported; ignored"));
        const std::optional<YAML::Node> rules = keys.take("rules");
        keys.warnUnknown(m_out.warnings);
        if (!rules || rules->IsNull())
            return;
        if (!rules->IsSequence())
            refuse(*rules, "group " + ctx.name + " rules: not a list");
        for (const YAML::Node &r : *rules) {
            if (++m_visited > m_options.maxRules) {
                m_out.notImported.push_back(issueAt(r.Mark(), "more than " + std::to_string(m_options.maxRules)
                                                              + " rules: this one and the rest are not imported"));
                m_stopped = true;
                return;
            }
            try {
                rule(r, ctx);
            } catch (const ItemError &e) {
                m_out.notImported.push_back(e.issue);
            }
        }
    }

    void rule(const YAML::Node &r, const GroupContext &ctx)
    {
        if (!r.IsMap())
            refuse(r, "rule: not a map");
        Keys keys(r, "rule");
        if (const auto record = keys.take("record"))
            refuse(r, "recording rule \"" + (record->IsScalar() ? record->Scalar() : std::string("?"))
                          + "\" in group " + ctx.name + " not imported: ModelWatch imports alerting rules only");
        const std::optional<YAML::Node> alert = keys.take("alert");
        if (!alert)
            refuse(r, "rule in group " + ctx.name + ": neither \"alert\" nor \"record\"");
        AlertRule rule;
        rule.name = scalar(*alert, "alert");
        rule.group = ctx.name;
        const std::string where = "alert " + rule.name;
        const std::optional<YAML::Node> expr = keys.take("expr");
        if (!expr)
            refuse(r, where + ": no expr");
        rule.expr = scalar(*expr, where + " expr");
        rule.intervalMs = ctx.intervalMs;
        if (const auto n = keys.take("for"))
            rule.forMs = duration(*n, where + " for");
        if (const auto n = keys.take("keep_firing_for"))
            rule.keepFiringForMs = duration(*n, where + " keep_firing_for");
        rule.labels = ctx.labels;
        if (const auto n = keys.take("labels"))
            for (auto &[k, v] : stringMap(*n, where + " labels"))
                rule.labels.insert_or_assign(k, std::move(v));
        if (const auto n = keys.take("annotations"))
            rule.annotations = stringMap(*n, where + " annotations");
        keys.warnUnknown(m_out.warnings);
        if (const auto sev = rule.labels.find("severity"); sev != rule.labels.end())
            rule.severity = severityFromLabel(sev->second);
        rule.kind = ConditionKind::Filter;
        rule.onError = StatePolicy::KeepState;
        rule.noData = StatePolicy::Ok;
        if (m_options.splitThresholds) {
            if (std::optional<SplitThreshold> split = splitTrailingComparison(rule.expr)) {
                rule.kind = ConditionKind::Threshold;
                rule.expr = std::move(split->left);
                rule.op = split->op;
                rule.threshold = split->threshold;
            }
        }
        const std::string base = ctx.name + "/" + rule.name;
        const int repeat = ++m_idCounts[base];
        rule.id = repeat == 1 ? base : base + "#" + std::to_string(repeat);
        if (const std::optional<std::string> problem = validateRule(rule))
            refuse(r, where + ": " + *problem);
        m_out.rules.push_back(std::move(rule));
    }

    const RuleFileOptions &m_options;
    RuleFileImport &m_out;
    std::map<std::string, int> m_idCounts;
    std::size_t m_visited = 0;
    bool m_stopped = false;
};

RuleFileIssue positionOf(std::string_view text, std::size_t offset, std::string message)
{
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return RuleFileIssue{line, column, std::move(message)};
}

} // namespace

std::string RuleFileIssue::toString() const
{
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

RuleFileImport importRuleFile(std::string_view text, const RuleFileOptions &options)
{
    RuleFileImport out;
    if (text.size() > options.maxBytes) {
        out.error = RuleFileIssue{0, 0, "rule file larger than " + std::to_string(options.maxBytes) + " bytes"};
        return out;
    }
    if (const std::size_t bad = invalidUtf8At(text); bad != std::string_view::npos) {
        out.error = positionOf(text, bad, "not UTF-8");
        return out;
    }
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        Importer(options, out).groups(root);
    } catch (const ItemError &e) {
        out.error = e.issue;
    } catch (const YAML::Exception &e) {
        // ParserException and DeepRecursion carry the position of the problem.
        out.error = issueAt(e.mark, e.msg);
    }
    if (out.error) {
        out.rules.clear();
        out.notImported.clear();
        out.warnings.clear();
    }
    return out;
}

} // namespace mw::alerting
