#pragma once

// Whether a rule of the editor can go into the document, field by field:
// alerting::validateRule() (threshold, clear threshold on the right side,
// durations), plus what the document needs of it: an id no other rule has, a
// name, an expression that parses (ExpressionCheck: promql::parse() after the
// document's variables, the error with its position), a positive interval,
// the source and panel it names, label and annotation names Prometheus takes.
// QtCore only.

#include "ExpressionCheck.h"
#include "dashboard/Document.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace mw::rulesui {

/// The fields of the rule form a problem can be shown next to, in form order.
enum class RuleField : uint8_t {
    Name,
    Group,
    Id,
    Expr,
    Source,
    Panel,
    Threshold,
    ClearThreshold,
    For,
    Summary,
    Interval,
    KeepFiringFor,
    RepeatInterval,
    Labels,
    Annotations,
};

struct RuleCheckResult
{
    std::map<RuleField, QString> problems;
    /// The parser's error, with its place in the expression (also in problems[Expr]).
    std::optional<editor::ExpressionError> expression;

    bool ok() const { return problems.empty(); }
    /// The first problem in form order, "Interval: must be longer than 0s"; "" when ok.
    QString summary() const;
};

class RuleCheck
{
    Q_DECLARE_TR_FUNCTIONS(mw::rulesui::RuleCheck)

public:
    /// Checks rules[index] for `document` (its sources, panels and variables;
    /// its own rules are not looked at) among `rules`.
    static RuleCheckResult check(const std::vector<dashboard::DocumentRule> &rules, std::size_t index,
                                 const dashboard::Document &document);
    /// "Name", "Expression", "Clear threshold"...
    static QString fieldName(RuleField field);
    /// Prometheus' label name rule: [a-zA-Z_][a-zA-Z0-9_]*.
    static bool isLabelName(const std::string &name);
};

} // namespace mw::rulesui
