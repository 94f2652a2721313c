#include "RuleSummary.h"

#include "AlertFormat.h"
#include "alerting/PromDuration.h"

namespace mw::rulesui {

using alerting::CompareOp;
using alerting::ConditionKind;
using alerting::StatePolicy;

namespace {

/// The side a firing alert has to cross to clear (the opposite of op).
QString clearSide(CompareOp op)
{
    return op == CompareOp::Greater || op == CompareOp::GreaterEqual ? QStringLiteral("<") : QStringLiteral(">");
}

} // namespace

QString RuleSummary::condition(const alerting::AlertRule &rule)
{
    QString text;
    if (rule.kind == ConditionKind::Threshold)
        text = opSymbol(rule.op) + u' ' + alertsui::AlertFormat::value(rule.threshold, rule.unit);
    else
        text = tr("any series");
    if (rule.forMs > 0)
        text = tr("%1 for %2").arg(text, QString::fromStdString(alerting::formatPromDuration(rule.forMs)));
    if (rule.kind == ConditionKind::Threshold && rule.clearThreshold)
        text = tr("%1, clears %2 %3")
                   .arg(text, clearSide(rule.op), alertsui::AlertFormat::value(*rule.clearThreshold, rule.unit));
    return text;
}

QString RuleSummary::opSymbol(CompareOp op)
{
    const std::string_view id = alerting::compareOpId(op);
    return QString::fromLatin1(id.data(), qsizetype(id.size()));
}

QString RuleSummary::opName(CompareOp op)
{
    switch (op) {
    case CompareOp::Greater: return tr("> above");
    case CompareOp::GreaterEqual: return tr(">= at or above");
    case CompareOp::Less: return tr("< below");
    case CompareOp::LessEqual: return tr("<= at or below");
    case CompareOp::Equal: return tr("== equal to");
    case CompareOp::NotEqual: return tr("!= not equal to");
    }
    return {};
}

QString RuleSummary::kindName(ConditionKind kind)
{
    switch (kind) {
    case ConditionKind::Threshold: return tr("The value crosses a threshold");
    case ConditionKind::Filter: return tr("Every series the expression returns");
    }
    return {};
}

QString RuleSummary::policyName(StatePolicy policy)
{
    switch (policy) {
    case StatePolicy::KeepState: return tr("Keep the alerts as they are");
    case StatePolicy::Alerting: return tr("Alert");
    case StatePolicy::Ok: return tr("Resolve (treat as OK)");
    }
    return {};
}

QString RuleSummary::severityName(alerting::Severity severity)
{
    switch (severity) {
    case alerting::Severity::Info: return tr("Info");
    case alerting::Severity::Warning: return tr("Warning");
    case alerting::Severity::Critical: return tr("Critical");
    }
    return {};
}

QString RuleSummary::source(const dashboard::DocumentRule &rule, const dashboard::Document &document)
{
    if (!rule.source.empty())
        return QString::fromStdString(rule.source);
    return defaultSource(document);
}

QString RuleSummary::panel(const dashboard::DocumentRule &rule, const dashboard::Document &document)
{
    if (!rule.panelId)
        return {};
    if (const dashboard::Panel *p = document.panel(*rule.panelId))
        return p->title.empty() ? tr("Panel %1").arg(p->id) : QString::fromStdString(p->title);
    return tr("Panel %1 (missing)").arg(*rule.panelId);
}

QString RuleSummary::panelChoice(const dashboard::Panel &panel)
{
    const QString title = panel.title.empty() ? tr("Untitled") : QString::fromStdString(panel.title);
    return tr("%1 (#%2)").arg(title).arg(panel.id);
}

QString RuleSummary::defaultSource(const dashboard::Document &document)
{
    if (document.sources.empty())
        return tr("Default");
    return tr("Default (%1)").arg(QString::fromStdString(document.sources.front().name));
}

} // namespace mw::rulesui
