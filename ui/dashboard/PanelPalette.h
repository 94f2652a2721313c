#pragma once

// Colours that carry meaning: severities, threshold steps, panel states.
// They follow the palette: the same hue, lighter on a dark window.

#include "dashboard/Document.h"

#include <QColor>
#include <QPalette>

#include <vector>

namespace mw::ui {

QColor severityColor(dashboard::Severity severity, const QPalette &palette = QPalette());
/// The threshold's own colour when it names a valid one, else its severity's.
QColor thresholdColor(const dashboard::Threshold &threshold, const QPalette &palette = QPalette());
/// The colour of `value` under ascending thresholds: the highest reached, or
/// an invalid colour when none is.
QColor colorForValue(double value, const std::vector<dashboard::Threshold> &thresholds,
                     const QPalette &palette = QPalette());
bool isDark(const QPalette &palette);

} // namespace mw::ui
