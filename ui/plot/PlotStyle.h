#pragma once

// Colours, font and pen of a plot, taken from the widget's QPalette so light
// and dark themes both work. QtGui only.

#include <QColor>
#include <QFont>
#include <QPalette>

namespace mw {

struct PlotStyle
{
    QColor background;
    QColor text;      ///< title, legend
    QColor tickText;  ///< axis labels
    QColor grid;
    QColor axis;
    QColor crosshair;
    QColor boxBase;   ///< hover box
    QColor boxText;
    QColor boxBorder;
    QColor selection; ///< rubber band
    QFont font;
    qreal lineWidth = 1.0; ///< series pen width, logical pixels
    bool antialiased = true;

    bool isDark() const { return background.lightnessF() < 0.5f; }

    static PlotStyle fromPalette(const QPalette &palette, const QFont &font);
    /// The default colour of series number i, readable on light and dark.
    static QColor seriesColor(int i, bool dark);
    /// a blended over b with weight w of a (0..1).
    static QColor mix(const QColor &a, const QColor &b, double w);
};

} // namespace mw
