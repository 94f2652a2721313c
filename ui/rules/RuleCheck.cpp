#include "RuleCheck.h"

#include <algorithm>
#include <string_view>

namespace mw::rulesui {

using dashboard::DocumentRule;

namespace {

/// validateRule()'s "field: problem" messages, by field.
std::optional<std::pair<RuleField, std::string_view>> fieldOfMessage(std::string_view message)
{
    constexpr std::pair<std::string_view, RuleField> kPrefixes[] = {
        {"id: ", RuleField::Id},           {"name: ", RuleField::Name},
        {"expr: ", RuleField::Expr},       {"interval: ", RuleField::Interval},
        {"threshold: ", RuleField::Threshold}, {"clearThreshold: ", RuleField::ClearThreshold},
        {"labels: ", RuleField::Labels},
    };
    for (const auto &[prefix, field] : kPrefixes) {
        if (message.substr(0, prefix.size()) == prefix)
            return std::pair(field, message.substr(prefix.size()));
    }
    if (message.find("must not be negative") != std::string_view::npos)
        return std::pair(RuleField::For, message);
    return std::nullopt;
}

QString capitalized(std::string_view text)
{
    QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

void checkNames(const std::map<std::string, std::string> &pairs, RuleField field, RuleCheckResult &out)
{
    for (const auto &entry : pairs) {
        const std::string &key = entry.first;
        if (key.empty()) {
            out.problems.emplace(field, RuleCheck::tr("A row has no name."));
            return;
        }
        if (!RuleCheck::isLabelName(key)) {
            out.problems.emplace(field, RuleCheck::tr("“%1” is not a valid name (letters, digits and _, not starting "
                                                      "with a digit).")
                                            .arg(QString::fromStdString(key)));
            return;
        }
    }
}

} // namespace

QString RuleCheckResult::summary() const
{
    if (problems.empty())
        return {};
    const auto &[field, message] = *problems.begin();
    return RuleCheck::tr("%1: %2").arg(RuleCheck::fieldName(field), message);
}

bool RuleCheck::isLabelName(const std::string &name)
{
    if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
}

RuleCheckResult RuleCheck::check(const std::vector<DocumentRule> &rules, std::size_t index,
                                 const dashboard::Document &document)
{
    RuleCheckResult out;
    const DocumentRule &r = rules.at(index);
    const alerting::AlertRule &rule = r.rule;
    auto &p = out.problems;

    if (rule.id.empty())
        p.emplace(RuleField::Id, tr("The rule has no id."));
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (i != index && !rule.id.empty() && rules[i].rule.id == rule.id) {
            p.emplace(RuleField::Id, tr("Another rule has the id “%1”.").arg(QString::fromStdString(rule.id)));
            break;
        }
    }
    if (rule.name.empty())
        p.emplace(RuleField::Name, tr("Enter a name: it is the alerts' alertname label."));
    out.expression = editor::ExpressionCheck::check(QString::fromStdString(rule.expr), document.variables);
    if (out.expression)
        p.emplace(RuleField::Expr, out.expression->text());
    if (rule.intervalMs <= 0)
        p.emplace(RuleField::Interval, tr("Must be longer than 0s."));
    if (rule.forMs < 0)
        p.emplace(RuleField::For, tr("Must not be negative."));
    if (rule.keepFiringForMs < 0)
        p.emplace(RuleField::KeepFiringFor, tr("Must not be negative."));
    if (rule.repeatIntervalMs < 0)
        p.emplace(RuleField::RepeatInterval, tr("Must not be negative."));
    if (!r.source.empty()
        && std::none_of(document.sources.begin(), document.sources.end(),
                        [&](const dashboard::Source &s) { return s.name == r.source; }))
        p.emplace(RuleField::Source, tr("No source is named “%1”.").arg(QString::fromStdString(r.source)));
    if (r.panelId && !document.panel(*r.panelId))
        p.emplace(RuleField::Panel, tr("No panel has id %1.").arg(*r.panelId));
    checkNames(rule.labels, RuleField::Labels, out);
    checkNames(rule.annotations, RuleField::Annotations, out);

    // The engine's own check, on a copy with the fields above made good so it
    // reaches the rest (it stops at its first problem).
    alerting::AlertRule rest = rule;
    if (p.count(RuleField::Id))
        rest.id = "x";
    if (p.count(RuleField::Name))
        rest.name = "x";
    if (p.count(RuleField::Expr))
        rest.expr = "x";
    if (p.count(RuleField::Interval))
        rest.intervalMs = 1;
    rest.forMs = std::max<int64_t>(rest.forMs, 0);
    rest.keepFiringForMs = std::max<int64_t>(rest.keepFiringForMs, 0);
    rest.repeatIntervalMs = std::max<int64_t>(rest.repeatIntervalMs, 0);
    if (const std::optional<std::string> problem = alerting::validateRule(rest)) {
        if (const auto where = fieldOfMessage(*problem))
            p.emplace(where->first, capitalized(where->second) + u'.');
        else
            p.emplace(RuleField::Name, capitalized(*problem) + u'.');
    }
    return out;
}

QString RuleCheck::fieldName(RuleField field)
{
    switch (field) {
    case RuleField::Id: return tr("Id");
    case RuleField::Name: return tr("Name");
    case RuleField::Group: return tr("Group");
    case RuleField::Expr: return tr("Expression");
    case RuleField::Source: return tr("Source");
    case RuleField::Panel: return tr("Panel");
    case RuleField::Threshold: return tr("Threshold");
    case RuleField::ClearThreshold: return tr("Clear threshold");
    case RuleField::Interval: return tr("Interval");
    case RuleField::For: return tr("For");
    case RuleField::Summary: return tr("Summary");
    case RuleField::KeepFiringFor: return tr("Keep firing for");
    case RuleField::RepeatInterval: return tr("Repeat every");
    case RuleField::Labels: return tr("Labels");
    case RuleField::Annotations: return tr("Annotations");
    }
    return {};
}

} // namespace mw::rulesui
