#pragma once

#include "PresetPanel.h"

#include <vector>

/// The preset panels of each server and collector, in display order. Internal
/// to src/core/presets: use PresetBuilder.
namespace mw::presets::preset {

// ServingPresets.cpp
std::vector<PresetPanel> tfServingPanels();
std::vector<PresetPanel> tritonPanels();
std::vector<PresetPanel> torchServePanels();

// LlmPresets.cpp
std::vector<PresetPanel> vllmPanels();
std::vector<PresetPanel> tgiPanels();
std::vector<PresetPanel> llamaCppPanels();

// CollectorPresets.cpp
std::vector<PresetPanel> processPanels();
std::vector<PresetPanel> goPanels();
std::vector<PresetPanel> pythonPanels();
std::vector<PresetPanel> nodePanels();

} // namespace mw::presets::preset
