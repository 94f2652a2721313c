# The local PromQL engine against a real Prometheus on identical backfilled data.
mw_qt_test(tst_differential SOURCES differential/tst_differential.cpp differential/PrometheusProcess.cpp TestServerProcess.cpp
           LIBS Qt6::Network)
target_compile_definitions(tst_differential PRIVATE
  MW_DIFF_GENERATOR="${CMAKE_CURRENT_SOURCE_DIR}/differential/gen_dataset.py")
set_tests_properties(tst_differential PROPERTIES LABELS "integration;prometheus" TIMEOUT 300)
