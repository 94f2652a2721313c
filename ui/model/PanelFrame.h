#pragma once

// What one panel shows at a moment, as a value: its series (already named by
// the legend format) or why there are none.

#include "SourceBackend.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace mw::view {

enum class PanelState : uint8_t {
    Idle,    ///< never asked (a hidden panel, or no refresh yet)
    Loading, ///< the first answer is on its way (no data to show yet)
    Ready,   ///< series to show
    NoData,  ///< every query answered with nothing
    Error,   ///< every query failed (errors says why)
};

struct PanelSeries
{
    QString name;      ///< from the query's legend format
    std::string refId; ///< the query it came from
    Labels labels;
    PointsPtr points;
};

struct PanelFrame
{
    PanelState state = PanelState::Idle;
    std::vector<PanelSeries> series;
    QStringList errors;   ///< "A: parse error at 12: ..." (some queries may still have answered)
    QStringList warnings;
    int64_t fromMs = 0;   ///< the range the answers cover
    int64_t toMs = 0;
    int64_t stepMs = 0;
    int64_t updatedMs = 0; ///< wall clock of the last complete answer
    bool loading = false;  ///< a refresh is in flight (older data still shown)
    bool stale = false;    ///< the source was down at the last refresh: data may be old
    QString staleText;     ///< why, for the panel's badge
};

} // namespace mw::view
