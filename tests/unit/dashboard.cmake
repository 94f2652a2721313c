# The dashboard document (src/core/dashboard): JSON round trips, migrations,
# refusals with their place, shipped dashboards, atomic files, Grafana import
# and expression checks.
mw_qt_test(tst_dashboard_document SOURCES tst_dashboard_document.cpp TestPayloads.cpp)
target_compile_definitions(tst_dashboard_document PRIVATE MW_RESOURCES_DIR="${PROJECT_SOURCE_DIR}/resources")
mw_qt_test(tst_grafana_import SOURCES tst_grafana_import.cpp)
mw_qt_test(tst_dashboard_check SOURCES tst_dashboard_check.cpp)
mw_qt_test(tst_dashboard_quality SOURCES tst_dashboard_quality.cpp)
mw_qt_test(tst_dashboard_score_buckets SOURCES tst_dashboard_score_buckets.cpp)
