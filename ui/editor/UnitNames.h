#pragma once

// Readable names of dashboard units for the unit combo ("Requests per
// second", "Bytes (IEC)"), translated; the JSON ids stay in presets.

#include "presets/Dashboard.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace mw::editor {

class UnitNames
{
    Q_DECLARE_TR_FUNCTIONS(mw::editor::UnitNames)

public:
    /// "Requests per second", "Bytes (IEC)", ...
    static QString name(presets::Unit unit);
    /// Every unit, in the enum's order (None first).
    static std::vector<presets::Unit> all();
};

} // namespace mw::editor
