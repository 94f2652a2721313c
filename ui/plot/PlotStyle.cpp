#include "PlotStyle.h"

#include <array>

namespace mw {

QColor PlotStyle::mix(const QColor &a, const QColor &b, double w)
{
    const auto ch = [w](float x, float y) { return static_cast<float>(w) * x + (1.0f - static_cast<float>(w)) * y; };
    return QColor::fromRgbF(ch(a.redF(), b.redF()), ch(a.greenF(), b.greenF()), ch(a.blueF(), b.blueF()));
}

PlotStyle PlotStyle::fromPalette(const QPalette &palette, const QFont &font)
{
    PlotStyle s;
    s.background = palette.color(QPalette::Base);
    s.text = palette.color(QPalette::Text);
    s.tickText = mix(s.text, s.background, 0.75);
    s.grid = mix(s.text, s.background, 0.12);
    s.axis = mix(s.text, s.background, 0.45);
    s.crosshair = mix(s.text, s.background, 0.6);
    s.boxBase = palette.color(QPalette::ToolTipBase);
    s.boxText = palette.color(QPalette::ToolTipText);
    // Some styles give a tooltip palette that does not follow a dark scheme:
    // derive the box from the plot's own colours then.
    if (s.isDark() != (s.boxBase.lightnessF() < 0.5f)) {
        s.boxBase = mix(s.text, s.background, 0.08);
        s.boxText = s.text;
    }
    s.boxBorder = mix(s.text, s.background, 0.35);
    s.selection = palette.color(QPalette::Highlight);
    s.selection.setAlphaF(0.25f);
    s.font = font;
    return s;
}

QColor PlotStyle::seriesColor(int i, bool dark)
{
    // Tableau 10, lightened on dark backgrounds.
    static const std::array<QRgb, 8> base = {0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759,
                                              0xb07aa1, 0x76b7b2, 0xedc948, 0xff9da7};
    QColor c = QColor::fromRgb(base[static_cast<std::size_t>(i) % base.size()]);
    return dark ? c.lighter(130) : c;
}

} // namespace mw
