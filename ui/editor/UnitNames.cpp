#include "UnitNames.h"

namespace mw::editor {

using presets::Unit;

QString UnitNames::name(Unit unit)
{
    switch (unit) {
    case Unit::None:
        return tr("None (plain number)");
    case Unit::Count:
        return tr("Count");
    case Unit::RequestsPerSecond:
        return tr("Requests per second");
    case Unit::TokensPerSecond:
        return tr("Tokens per second");
    case Unit::PerSecond:
        return tr("Events per second");
    case Unit::Seconds:
        return tr("Seconds");
    case Unit::Milliseconds:
        return tr("Milliseconds");
    case Unit::Microseconds:
        return tr("Microseconds");
    case Unit::Nanoseconds:
        return tr("Nanoseconds");
    case Unit::Bytes:
        return tr("Bytes (IEC)");
    case Unit::BytesPerSecond:
        return tr("Bytes per second (IEC)");
    case Unit::Cores:
        return tr("CPU cores");
    case Unit::Percent:
        return tr("Percent (0-100)");
    case Unit::Ratio:
        return tr("Ratio (0-1, shown as percent)");
    case Unit::Watts:
        return tr("Watts");
    }
    return QString::fromUtf8(presets::unitId(unit));
}

std::vector<Unit> UnitNames::all()
{
    // unitId() falls back to "none" past the last unit, so the table in
    // presets stays the only list.
    std::vector<Unit> units{Unit::None};
    for (int i = 1; i < 256; ++i) {
        const auto unit = static_cast<Unit>(i);
        if (presets::unitFromId(presets::unitId(unit)) != unit)
            break;
        units.push_back(unit);
    }
    return units;
}

} // namespace mw::editor
