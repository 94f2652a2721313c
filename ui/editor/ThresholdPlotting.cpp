#include "ThresholdPlotting.h"

#include <limits>

namespace mw::editor {

using dashboard::Threshold;
using dashboard::ThresholdStyle;

QColor severityColor(alerting::Severity severity)
{
    switch (severity) {
    case alerting::Severity::Info:
        return QColor(0x3d, 0x71, 0xd9);
    case alerting::Severity::Warning:
        return QColor(0xe0, 0x9b, 0x00);
    case alerting::Severity::Critical:
        return QColor(0xd4, 0x3a, 0x2f);
    }
    return QColor(0xe0, 0x9b, 0x00);
}

QColor thresholdColor(const Threshold &threshold)
{
    const QColor own(QString::fromStdString(threshold.color));
    return own.isValid() ? own : severityColor(threshold.severity);
}

std::vector<ThresholdLine> thresholdLines(const std::vector<Threshold> &thresholds)
{
    std::vector<ThresholdLine> lines;
    for (const Threshold &t : thresholds) {
        if (t.style == ThresholdStyle::Line)
            lines.push_back({t.value, thresholdColor(t), QString::fromUtf8(alerting::severityId(t.severity))});
    }
    return lines;
}

std::vector<ThresholdBand> thresholdBands(const std::vector<Threshold> &thresholds)
{
    std::vector<ThresholdBand> bands;
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
        const Threshold &t = thresholds[i];
        if (t.style != ThresholdStyle::Band)
            continue;
        const double to = i + 1 < thresholds.size() ? thresholds[i + 1].value
                                                    : std::numeric_limits<double>::infinity();
        bands.push_back({t.value, to, thresholdColor(t)});
    }
    return bands;
}

} // namespace mw::editor
