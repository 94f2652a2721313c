#pragma once

// The interactive layer over a plot's cached image: the crosshair at the
// hover time with a dot on every series, the tooltip-like box listing every
// series' value there, and the zoom rubber band. QtGui only.

#include "PlotContent.h"
#include "PlotLayout.h"
#include "PlotMapping.h"
#include "PlotStyle.h"

#include <QTimeZone>

#include <optional>

class QPainter;

namespace mw {

struct HoverState
{
    std::optional<int64_t> time;   ///< crosshair time, if any
    bool showBox = false;          ///< the box shows on the hovered plot only
    std::optional<double> bandX0;  ///< rubber band, logical x
    std::optional<double> bandX1;
};

class HoverOverlay
{
public:
    static void paint(QPainter &p, const PlotContent &c, const PlotLayout &l, const PlotMapping &m,
                      const PlotStyle &s, const HoverState &h, const QTimeZone &tz);
    /// The box's text lines: the time, then "name: value" per series.
    static QStringList boxLines(const PlotContent &c, int64_t t, int64_t span, const QTimeZone &tz);

private:
    static void paintBox(QPainter &p, const PlotContent &c, const PlotLayout &l, const PlotMapping &m,
                         const PlotStyle &s, double x, int64_t t, const QTimeZone &tz);
};

} // namespace mw
