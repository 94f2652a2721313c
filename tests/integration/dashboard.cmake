# modelwatch-cli dashboard convert|check, run as a process on the Grafana
# fixtures and the shipped dashboards.
if(TARGET modelwatch-cli)
  mw_qt_test(tst_cli_dashboard SOURCES tst_cli_dashboard.cpp LABELS integration)
  target_compile_definitions(tst_cli_dashboard PRIVATE
    MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>" MW_RESOURCES_DIR="${PROJECT_SOURCE_DIR}/resources")
  add_dependencies(tst_cli_dashboard modelwatch-cli)
endif()
