# The dashboard document (JSON with migrations), its file, Grafana import and checks.
list(APPEND MW_CORE_SOURCES
  dashboard/Document.cpp
  dashboard/Issue.cpp
  dashboard/ObjectReader.cpp
  dashboard/PanelJson.cpp
  dashboard/SectionJson.cpp
  dashboard/DocumentJson.cpp
  dashboard/Migration.cpp
  dashboard/PresetDocument.cpp
  dashboard/JsonText.cpp
  dashboard/DashboardFile.cpp
  dashboard/DocumentCheck.cpp
  dashboard/GrafanaMaps.cpp
  dashboard/GrafanaPanel.cpp
  dashboard/GrafanaImport.cpp
  dashboard/KpiTemplates.cpp
)
