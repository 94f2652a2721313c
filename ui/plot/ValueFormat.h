#pragma once

// Value labels: the default tick format (decimals from the tick step, SI
// prefixes for large numbers) and stock unit-aware formatters for the
// ValueFormatter hook. QtCore only.

#include "PlotTypes.h"
#include "presets/Dashboard.h"

#include <QLocale>
#include <QString>

namespace mw::ValueFormat {

/// A tick label for v when ticks are `step` apart: "0.25", "1,500", "12k", "2.5M".
QString tick(double v, double step, const QLocale &locale = QLocale());
/// v with an SI prefix and `unit`, 3 significant digits: "12.5 ms", "1.2 k", "3 GB".
QString si(double v, const QString &unit, const QLocale &locale = QLocale());

/// Stock formatters for a plot's ValueFormatter hook.
ValueFormatter siUnit(const QString &unit); ///< "1.2 kreq/s" style, any unit
ValueFormatter bytes();                     ///< 1000-based: "512 B", "1.5 GB"
ValueFormatter seconds();                   ///< "850 µs", "12.5 ms", "1.2 s", "3 min"
ValueFormatter percent();                   ///< a ratio 0..1 as "95.2 %"
ValueFormatter iecBytes(const QString &perTime = {}); ///< 1024-based: "512 B", "1.5 GiB" (+ "/s")
/// The formatter for a dashboard unit: req/s, tok/s, durations scaled from
/// their base (µs, ms, s), bytes in IEC, percent (0-100) and ratios (0-1).
ValueFormatter forUnit(presets::Unit unit);

} // namespace mw::ValueFormat
