#pragma once

#include <QString>

namespace mw::view {

/// Whether `text` is a bare metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).
bool isMetricName(const QString &text);

/// A series selector for the `metric` argument of label_values(metric, label):
/// a bare name becomes `{__name__="name"}` (safe for names with a leading
/// colon, as TF Serving's), anything else is taken as a selector already
/// (`up{job="a"}`).
QString seriesSelectorFor(const QString &metric);

} // namespace mw::view
