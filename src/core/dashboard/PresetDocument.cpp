#include "PresetDocument.h"

namespace mw::dashboard {

namespace {

std::string refId(std::size_t index)
{
    // A..Z, then AA, AB, ... as Grafana names them.
    std::string id;
    std::size_t n = index + 1;
    while (n > 0) {
        --n;
        id.insert(id.begin(), char('A' + n % 26));
        n /= 26;
    }
    return id;
}

Severity severityOf(presets::Severity s)
{
    return s == presets::Severity::Critical ? Severity::Critical : Severity::Warning;
}

} // namespace

Document fromPreset(const presets::Dashboard &preset)
{
    Document d;
    d.title = preset.title;
    d.uid = std::string(presets::serverKindId(preset.server));
    d.server = preset.server;
    int x = 0;
    int y = 0;
    int rowHeight = 0;
    for (std::size_t i = 0; i < preset.panels.size(); ++i) {
        const presets::Panel &from = preset.panels[i];
        Panel p;
        p.id = int(i + 1);
        p.title = from.title;
        p.description = from.description;
        p.kind = from.kind == presets::PanelKind::Stat ? PanelKind::Stat : PanelKind::Timeseries;
        p.unit = from.unit;
        p.grid.w = p.kind == PanelKind::Stat ? 6 : 12;
        p.grid.h = p.kind == PanelKind::Stat ? 4 : 8;
        if (x + p.grid.w > kGridColumns) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        p.grid.x = x;
        p.grid.y = y;
        x += p.grid.w;
        rowHeight = std::max(rowHeight, p.grid.h);
        for (std::size_t q = 0; q < from.queries.size(); ++q)
            p.queries.push_back({refId(q), from.queries[q].expr, from.queries[q].legend, false});
        for (const presets::Threshold &t : from.thresholds)
            p.thresholds.push_back({t.value, severityOf(t.severity), {}, ThresholdStyle::Line});
        d.panels.push_back(std::move(p));
    }
    return d;
}

} // namespace mw::dashboard
