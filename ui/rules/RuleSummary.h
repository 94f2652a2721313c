#pragma once

// The words the rule list and the rule form show: a rule's condition in one
// line ("> 500ms for 5m"), the names of operators, condition kinds, state
// policies and severities, and what a rule's source and panel read as in a
// document. QtCore only.

#include "dashboard/Document.h"

#include <QCoreApplication>
#include <QString>

namespace mw::rulesui {

class RuleSummary
{
    Q_DECLARE_TR_FUNCTIONS(mw::rulesui::RuleSummary)

public:
    /// "> 500ms for 5m", "< 80% for 1m, clears > 85%", "any series for 2m",
    /// "any series" (the value in the rule's unit, as the alerts pane shows it).
    static QString condition(const alerting::AlertRule &rule);
    /// ">", ">=", ... as PromQL writes them.
    static QString opSymbol(alerting::CompareOp op);
    /// "> above", ">= at or above", ... for the operator combo.
    static QString opName(alerting::CompareOp op);
    static QString kindName(alerting::ConditionKind kind);
    /// "Keep the alerts as they are", "Alert", "Resolve (treat as OK)".
    static QString policyName(alerting::StatePolicy policy);
    /// "Critical", "Warning", "Info".
    static QString severityName(alerting::Severity severity);
    /// The rule's source by name, or "Default (NAME)" for the document's first.
    static QString source(const dashboard::DocumentRule &rule, const dashboard::Document &document);
    /// The tied panel's title ("Panel 3" when it has none); "" when not tied.
    static QString panel(const dashboard::DocumentRule &rule, const dashboard::Document &document);
    /// "Latency p50/p95/p99 (#2)" for the panel combo.
    static QString panelChoice(const dashboard::Panel &panel);
    /// "Default (demo)" or "Default" without sources, for the source combo.
    static QString defaultSource(const dashboard::Document &document);
};

} // namespace mw::rulesui
