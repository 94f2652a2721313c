#include "PanelPalette.h"

#include <cmath>

namespace mw::ui {

bool isDark(const QPalette &palette) { return palette.color(QPalette::Window).lightnessF() < 0.5f; }

QColor severityColor(dashboard::Severity severity, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (severity) {
    case dashboard::Severity::Info:
        return dark ? QColor(0x5c, 0xa8, 0xff) : QColor(0x1f, 0x6f, 0xd1);
    case dashboard::Severity::Warning:
        return dark ? QColor(0xff, 0xb3, 0x47) : QColor(0xd9, 0x82, 0x00);
    case dashboard::Severity::Critical:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd0, 0x21, 0x21);
    }
    return palette.color(QPalette::WindowText);
}

QColor thresholdColor(const dashboard::Threshold &threshold, const QPalette &palette)
{
    if (!threshold.color.empty()) {
        const QColor c = QColor::fromString(QString::fromStdString(threshold.color));
        if (c.isValid())
            return c;
    }
    return severityColor(threshold.severity, palette);
}

QColor colorForValue(double value, const std::vector<dashboard::Threshold> &thresholds, const QPalette &palette)
{
    QColor out;
    if (!std::isfinite(value))
        return out;
    for (const dashboard::Threshold &t : thresholds) {
        if (value >= t.value)
            out = thresholdColor(t, palette);
    }
    return out;
}

} // namespace mw::ui
