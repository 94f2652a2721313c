#pragma once

// Text transformations between the document and the data sources:
// dashboard variables into expressions, legend formats into series names.

#include "dashboard/Document.h"
#include "store/Labels.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace mw::view {

/// A variable's selection as a query sees it.
struct VariableValue
{
    std::vector<std::string> values; ///< the selected values ("$__all" = All)
    bool all = false;                ///< All selected: becomes `.*`
};

using VariableValues = std::map<std::string, VariableValue>;

/// Replaces $name, ${name} and [[name]] by the variable's value: one value as
/// is, several as a regex alternation `(a|b)` with regex metacharacters
/// escaped, All as `.*`. Unknown names and `$__...` built-ins stay as written,
/// except $__interval / $__rate_interval, which become `intervalText`.
std::string substituteVariables(const std::string &expr, const VariableValues &values,
                                const std::string &intervalText = "1m");

/// A series' name from its query's legend format, for the dashboard's legend
/// and the editor's preview alike: `{{label}}` (spaces allowed inside the
/// braces) is replaced by the label's value, a missing label by nothing, and
/// the result is trimmed; text that is not a placeholder (`{{ a-b }}`, an
/// unclosed `{{`) stays as written. An empty format gives the metric name and
/// labels as Prometheus prints them, or `unlabelled` (e.g. the expression)
/// when the series has no labels at all and `unlabelled` is not empty.
/// An empty result is the caller's to name (the dashboard uses the refId).
QString legendText(const std::string &format, const Labels &labels, const QString &unlabelled = {});

/// label_values(metric, label) or label_values(label): false when `query` is
/// neither.
struct LabelValuesQuery
{
    std::string metric; ///< may be empty
    std::string label;
};
bool parseLabelValues(const std::string &query, LabelValuesQuery &out);

} // namespace mw::view
