#pragma once

// How a panel's thresholds look on a plot: a line per `line` threshold, a
// band from each `band` threshold up to the next threshold (or the top), in
// the threshold's colour or its severity's. QtGui only.

#include "PlotTypes.h"
#include "dashboard/Document.h"

#include <QColor>

#include <vector>

namespace mw::editor {

/// The default colour of a severity (info blue, warning amber, critical red).
QColor severityColor(alerting::Severity severity);
/// The threshold's own colour when it names a valid one, else its severity's.
QColor thresholdColor(const dashboard::Threshold &threshold);

/// `thresholds` must be ascending (the dialog sorts them).
std::vector<ThresholdLine> thresholdLines(const std::vector<dashboard::Threshold> &thresholds);
std::vector<ThresholdBand> thresholdBands(const std::vector<dashboard::Threshold> &thresholds);

} // namespace mw::editor
