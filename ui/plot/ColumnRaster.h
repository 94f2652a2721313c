#pragma once

// Writes the vertical strokes of dense series straight into a QImage's
// pixels: after M4, a series covers each device column with one vertical
// run (its min to its max, joined half-way to its neighbours), and setting
// those pixels directly costs a fraction of stroking them as lines through
// QPainter. Images of other formats, or other paint devices, get the same
// strokes as QPainter lines. QtGui only.

#include <QColor>
#include <QImage>
#include <QLineF>
#include <QRect>

#include <vector>

class QPainter;

namespace mw {

class ColumnRaster
{
public:
    /// Strokes land in `painter`'s device, clipped to `clip` (device pixels);
    /// `dpr` converts device pixels to the painter's logical ones.
    ColumnRaster(QPainter &painter, QRect clip, qreal dpr);

    void setColor(const QColor &c, int widthPx);
    /// Pixels of device column x from device y a to b (either order); at
    /// least one pixel.
    void span(int x, double a, double b);
    /// Strokes queued for the fallback path are drawn (call before the
    /// painter's pen or clip change).
    void flush();

    bool isDirect() const { return m_image != nullptr; }

private:
    QPainter &m_painter;
    QImage *m_image = nullptr;
    QRgb *m_bits = nullptr;
    qsizetype m_stride = 0;
    QRect m_clip;
    qreal m_dpr = 1;
    QRgb m_rgb = 0;
    int m_alpha = 255;
    int m_width = 1;
    std::vector<QLineF> m_fallback;
};

} // namespace mw
