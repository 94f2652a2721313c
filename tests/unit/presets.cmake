# Server detection and preset dashboards over every sample payload.
mw_qt_test(tst_presets SOURCES tst_presets.cpp TestPayloads.cpp)
# The dashboard document (JSON): exact round trips, versioning, refusals.
mw_qt_test(tst_dashboard_json SOURCES tst_dashboard_json.cpp TestPayloads.cpp)
# Its building blocks: the PromQL reference scanner, family names, ids.
mw_qt_test(tst_preset_parts SOURCES tst_preset_parts.cpp)
