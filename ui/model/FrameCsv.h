#pragma once

// A panel's data as CSV: a time column (ISO 8601 UTC) and one column per
// series, a row per timestamp any series has; empty cells where a series has
// no point, NaN gaps written as empty too. RFC 4180 quoting.

#include "PanelFrame.h"

#include <QByteArray>

namespace mw::view {

QByteArray frameToCsv(const PanelFrame &frame);

} // namespace mw::view
