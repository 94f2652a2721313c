# Alerting end to end: the Alertmanager client against a real Alertmanager,
# the HighLatency example against the demo server, `modelwatch-cli rules`.
mw_qt_test(tst_alertmanager SOURCES alerting/tst_alertmanager.cpp differential/AlertmanagerProcess.cpp TestServerProcess.cpp
           LIBS modelwatch_sources Qt6::Network mw_test_httpserver LABELS "integration;alertmanager")
target_include_directories(tst_alertmanager PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/differential)
set_tests_properties(tst_alertmanager PROPERTIES TIMEOUT 120)
# The request lifecycle shared with the Prometheus client (ApiRequestRunner)
# and Alertmanager's own rules in it, against a canned server.
mw_qt_test(tst_alertmanager_lifecycle SOURCES alerting/tst_alertmanager_lifecycle.cpp
           LIBS modelwatch_sources Qt6::Network mw_test_httpserver LABELS "integration;alertmanager")

if(TARGET modelwatch_demo)
  mw_qt_test(tst_highlatency SOURCES alerting/tst_highlatency.cpp
             LIBS modelwatch_demo modelwatch_sources Qt6::Network LABELS integration)
  target_compile_definitions(tst_highlatency PRIVATE MW_RULES_DIR="${PROJECT_SOURCE_DIR}/resources/rules")
  set_tests_properties(tst_highlatency PROPERTIES TIMEOUT 120)
endif()

if(TARGET modelwatch-cli)
  mw_qt_test(tst_cli_rules SOURCES alerting/tst_cli_rules.cpp differential/PrometheusProcess.cpp TestServerProcess.cpp
             LIBS Qt6::Network LABELS "integration;prometheus")
  target_include_directories(tst_cli_rules PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/differential)
  target_compile_definitions(tst_cli_rules PRIVATE
    MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>"
    MW_RULES_DIR="${PROJECT_SOURCE_DIR}/resources/rules")
  add_dependencies(tst_cli_rules modelwatch-cli)
  set_tests_properties(tst_cli_rules PROPERTIES TIMEOUT 180)
endif()
