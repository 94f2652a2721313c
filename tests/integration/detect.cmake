# modelwatch-cli detect, run as a process on every sample payload, on standard
# input, and against a local HTTP server for URLs.
if(TARGET modelwatch-cli)
  mw_qt_test(tst_cli_detect SOURCES tst_cli_detect.cpp LIBS mw_test_httpserver LABELS integration)
  target_compile_definitions(tst_cli_detect PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
  add_dependencies(tst_cli_detect modelwatch-cli)
endif()

# The presets through Prometheus' promtool: real PromQL grammar, real evaluation.
mw_qt_test(tst_presets_promtool SOURCES tst_presets_promtool.cpp LABELS integration)
