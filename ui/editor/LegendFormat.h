#pragma once

// A series' name in the legend from the query's legend format: `{{label}}`
// (spaces allowed inside the braces) is replaced by the label's value, a
// missing label by nothing; an empty format names the series by its labels
// as Prometheus prints them. QtCore only.

#include "store/Labels.h"

#include <QString>

namespace mw::editor {

/// `format` filled from `labels`; with an empty format, `name{a="b"}`, or
/// `fallback` (the expression) when the series has no labels at all.
QString legendName(const QString &format, const Labels &labels, const QString &fallback);

} // namespace mw::editor
