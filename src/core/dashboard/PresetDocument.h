#pragma once

#include "Document.h"

#include "presets/Dashboard.h"

namespace mw::dashboard {

/// A preset dashboard (the template a detection builds, presets::Dashboard)
/// as a document: panels get ids 1..N in order, query refIds A, B, ...,
/// threshold lines, and a layout of two 12×8 panels per row (stat panels
/// 6×4); no sources, variables or rules. The one conversion from presets.
Document fromPreset(const presets::Dashboard &preset);

} // namespace mw::dashboard
