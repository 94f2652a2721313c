list(APPEND MW_CORE_SOURCES
  presets/ServerKind.cpp
  presets/MetricNameSet.cpp
  presets/Detector.cpp
  presets/Dashboard.cpp
  presets/DashboardJson.cpp
  presets/ExprReferences.cpp
  presets/PresetPanel.cpp
  presets/ServingPresets.cpp
  presets/LlmPresets.cpp
  presets/CollectorPresets.cpp
  presets/PresetBuilder.cpp
)
