# modelwatch-cli query against a real Prometheus with backfilled data, the
# same file loaded locally, and a scraped local server.
if(TARGET modelwatch-cli)
  mw_qt_test(tst_cli_query SOURCES tst_cli_query.cpp differential/PrometheusProcess.cpp TestServerProcess.cpp
             LIBS Qt6::Network mw_test_httpserver LABELS "integration;prometheus")
  target_include_directories(tst_cli_query PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/differential)
  target_compile_definitions(tst_cli_query PRIVATE
    MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>"
    MW_DIFF_GENERATOR="${CMAKE_CURRENT_SOURCE_DIR}/differential/gen_dataset.py")
  add_dependencies(tst_cli_query modelwatch-cli)
endif()
