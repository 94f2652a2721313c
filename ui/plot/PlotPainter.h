#pragma once

// Paints the static layer of a plot (everything but the hover crosshair and
// the rubber band): background, time and threshold bands, grid, threshold
// lines, series, axes, labels, title and legend. QtGui only: it paints into
// any QPainter, so the layer can be drawn into a QImage on any thread.

#include "NiceTicks.h"
#include "PlotContent.h"
#include "PlotLayout.h"
#include "PlotMapping.h"
#include "PlotStyle.h"
#include "ReducedSeries.h"
#include "TimeTicks.h"

#include <QLineF>

#include <vector>

class QPainter;

namespace mw {

struct PlotFrame
{
    const PlotContent &content;
    const std::vector<ReducedSeries> &reduced; ///< one per content.series
    const PlotLayout &layout;
    const PlotMapping &map;
    const NiceTicks &yTicks;
    const TimeTicks &xTicks;
    const PlotStyle &style;
};

class PlotPainter
{
public:
    void paintLayer(QPainter &p, const PlotFrame &f);

    /// The text of value v on the y axis (the formatter hook, else step-based).
    static QString valueLabel(const PlotContent &c, double v, double step);

private:
    void paintBands(QPainter &p, const PlotFrame &f) const;
    void paintGrid(QPainter &p, const PlotFrame &f) const;
    void paintThresholds(QPainter &p, const PlotFrame &f, bool labels) const;
    void paintSeries(QPainter &p, const PlotFrame &f);
    void paintAxes(QPainter &p, const PlotFrame &f) const;
    void paintHeader(QPainter &p, const PlotFrame &f) const;

    std::vector<QLineF> m_lines; ///< scratch: the strokes of one series
};

} // namespace mw
