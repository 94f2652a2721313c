#include "PresetBuilder.h"

#include "ExprReferences.h"
#include "PresetDefinitions.h"

#include <algorithm>

namespace mw::presets {

std::vector<PresetPanel> PresetBuilder::panels(ServerKind kind)
{
    switch (kind) {
    case ServerKind::TensorFlowServing: return preset::tfServingPanels();
    case ServerKind::Triton: return preset::tritonPanels();
    case ServerKind::TorchServe: return preset::torchServePanels();
    case ServerKind::Vllm: return preset::vllmPanels();
    case ServerKind::Tgi: return preset::tgiPanels();
    case ServerKind::LlamaCpp: return preset::llamaCppPanels();
    case ServerKind::Unknown: break;
    }
    return {};
}

std::vector<PresetPanel> PresetBuilder::panels(Collector collector)
{
    switch (collector) {
    case Collector::Process: return preset::processPanels();
    case Collector::GoRuntime: return preset::goPanels();
    case Collector::Python: return preset::pythonPanels();
    case Collector::NodeExporter: return preset::nodePanels();
    }
    return {};
}

bool PresetBuilder::hasAllMetrics(const Panel &panel, const MetricNameSet &available)
{
    return std::all_of(panel.queries.begin(), panel.queries.end(), [&available](const PanelQuery &query) {
        const ExprReferences refs = ExprReferences::scan(query.expr);
        return std::all_of(refs.metrics.begin(), refs.metrics.end(),
                           [&available](const std::string &name) { return available.contains(name); });
    });
}

Dashboard PresetBuilder::build(const Detection &detection, const MetricNameSet &available)
{
    Dashboard dashboard;
    dashboard.server = detection.kind;
    if (detection.kind != ServerKind::Unknown)
        dashboard.title = std::string(serverKindName(detection.kind));
    else if (detection.hasCollector(Collector::NodeExporter))
        dashboard.title = "node_exporter";
    else if (!detection.collectors.empty())
        dashboard.title = "Prometheus client process";

    auto add = [&](std::vector<PresetPanel> presets) {
        for (PresetPanel &p : presets) {
            if (!p.optional || hasAllMetrics(p.panel, available))
                dashboard.panels.push_back(std::move(p.panel));
        }
    };
    add(panels(detection.kind));
    // node_exporter's host panels first: they are the point of such a target.
    static constexpr Collector kOrder[] = {Collector::NodeExporter, Collector::Process, Collector::GoRuntime,
                                           Collector::Python};
    for (Collector collector : kOrder) {
        if (detection.hasCollector(collector))
            add(panels(collector));
    }
    return dashboard;
}

} // namespace mw::presets
