#pragma once

// The variables dialog's logic without widgets: a variable's fields checked
// against the others (name syntax and uniqueness, a query that reads as
// label_values(...), a custom variable's options), the options list read
// from what the user typed, the selection fitted to a changed definition,
// and names for new variables.

#include "dashboard/Document.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace mw::variablesui {

enum class VariableField { Name, Query, Options };

struct VariableProblems
{
    std::map<VariableField, QString> problems;

    bool ok() const { return problems.empty(); }
    /// The problem of `field`, or empty.
    QString of(VariableField field) const;
    /// The first problem (name, query, options), or empty.
    QString summary() const;
};

namespace VariableCheck {

/// Checks `variables[index]`: the name is [A-Za-z_][A-Za-z0-9_]* and no other
/// variable has it; a query variable's query is label_values(metric, label)
/// or label_values(label); a custom variable has at least one option.
VariableProblems check(const std::vector<dashboard::Variable> &variables, std::size_t index);

/// [A-Za-z_][A-Za-z0-9_]*
bool isName(const std::string &name);

/// Options typed one per line or comma-separated (both may be mixed):
/// trimmed, empty ones and repeats dropped, in the order typed.
std::vector<std::string> parseOptions(const QString &text);
/// Options as the editor shows them: one per line.
QString optionsText(const std::vector<std::string> &options);

/// `selection` as it can stay with `variable`'s definition: one value unless
/// multi; "$__all" only with includeAll; for a custom variable, only its
/// options, and with nothing left its first option (or All with includeAll),
/// as the variable bar would pick. A query variable's values are the
/// source's, so only the first two rules apply to it.
std::vector<std::string> fitSelection(const dashboard::Variable &variable, const std::vector<std::string> &selection);

/// `base` when no variable in `taken` has it, else base2, base3, ...
std::string uniqueName(const std::string &base, const std::vector<dashboard::Variable> &taken);

} // namespace VariableCheck

} // namespace mw::variablesui
