#include "ColumnRaster.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace mw {
namespace {

inline int ifloor(double x) // std::floor without the libm call
{
    const int i = static_cast<int>(x);
    return i - (x < i ? 1 : 0);
}

} // namespace

ColumnRaster::ColumnRaster(QPainter &painter, QRect clip, qreal dpr)
    : m_painter(painter)
    , m_dpr(dpr)
{
    QPaintDevice *dev = painter.device();
    auto *img = dev && dev->devType() == QInternal::Image ? static_cast<QImage *>(dev) : nullptr;
    // Direct writes only where the painter maps logical to device pixels by
    // dpr alone, onto 32-bit opaque-or-premultiplied pixels.
    if (img && (img->format() == QImage::Format_RGB32 || img->format() == QImage::Format_ARGB32_Premultiplied)
        && painter.worldTransform().isIdentity()) {
        m_image = img;
        m_clip = clip & img->rect();
        m_bits = reinterpret_cast<QRgb *>(img->bits()); // detaches once, here
        m_stride = img->bytesPerLine() / 4;
    }
}

void ColumnRaster::setColor(const QColor &c, int widthPx)
{
    flush();
    m_rgb = c.rgb() | 0xff000000u;
    m_alpha = c.alpha();
    m_width = std::max(1, widthPx);
}

void ColumnRaster::span(int x, double a, double b)
{
    if (a > b)
        std::swap(a, b);
    if (!m_image) {
        m_fallback.emplace_back(QPointF((x + 0.5) / m_dpr, a / m_dpr), QPointF((x + 0.5) / m_dpr, b / m_dpr));
        return;
    }
    if (b < m_clip.top() || a >= m_clip.bottom() + 1)
        return;
    const int r0 = std::max(m_clip.top(), ifloor(std::max(a, -1e6)));
    const int r1 = std::min(m_clip.bottom(), ifloor(std::min(b, 1e6)));
    if (r0 > r1)
        return;
    const int c0 = std::max(m_clip.left(), x - (m_width - 1) / 2);
    const int c1 = std::min(m_clip.right(), x + m_width / 2);
    if (c0 > c1)
        return;
    QRgb *p = m_bits + static_cast<qsizetype>(r0) * m_stride;
    if (m_alpha == 255) {
        for (int r = r0; r <= r1; ++r, p += m_stride) {
            for (int c = c0; c <= c1; ++c)
                p[c] = m_rgb;
        }
        return;
    }
    const auto mixc = [this](int s, int t) { return (s * m_alpha + t * (255 - m_alpha)) / 255; };
    for (int r = r0; r <= r1; ++r, p += m_stride) {
        for (int c = c0; c <= c1; ++c) {
            const QRgb d = p[c];
            p[c] = qRgb(mixc(qRed(m_rgb), qRed(d)), mixc(qGreen(m_rgb), qGreen(d)), mixc(qBlue(m_rgb), qBlue(d)));
        }
    }
}

void ColumnRaster::flush()
{
    if (!m_fallback.empty())
        m_painter.drawLines(m_fallback.data(), static_cast<int>(m_fallback.size()));
    m_fallback.clear();
}

} // namespace mw
