# The demo model server (src/demo, app/demo-server).
if(TARGET modelwatch_demo)
  set(MW_DEMO_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/demo)

  # Model, request codec and label feed: no server, no network.
  mw_qt_test(tst_demo_model SOURCES demo/tst_demo_model.cpp
             LIBS modelwatch_demo nlohmann_json::nlohmann_json LABELS unit)

  # The metrics registry read back with the project's exposition parser.
  mw_qt_test(tst_demo_metrics SOURCES demo/tst_demo_metrics.cpp demo/ScrapedMetrics.cpp
             LIBS modelwatch_demo LABELS unit)
  target_include_directories(tst_demo_metrics PRIVATE ${MW_DEMO_TEST_DIR})

  # DemoServer on 127.0.0.1:0 driven over HTTP: predict, metrics, feed; then
  # each fault on and off.
  foreach(t tst_demo_server tst_demo_faults)
    mw_qt_test(${t} SOURCES demo/${t}.cpp demo/DemoTestClient.cpp demo/ScrapedMetrics.cpp
               LIBS modelwatch_demo Qt6::Network nlohmann_json::nlohmann_json LABELS integration)
    target_include_directories(${t} PRIVATE ${MW_DEMO_TEST_DIR})
    set_tests_properties(${t} PROPERTIES TIMEOUT 120)
  endforeach()

  # A real Prometheus scraping the real modelwatch-demo-server executable.
  if(TARGET modelwatch-demo-server)
    mw_qt_test(tst_demo_prometheus
               SOURCES demo/tst_demo_prometheus.cpp differential/PrometheusProcess.cpp TestServerProcess.cpp
               LIBS Qt6::Network nlohmann_json::nlohmann_json)
    target_include_directories(tst_demo_prometheus PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/differential)
    target_compile_definitions(tst_demo_prometheus PRIVATE
      MW_DEMO_SERVER_PATH="$<TARGET_FILE:modelwatch-demo-server>")
    add_dependencies(tst_demo_prometheus modelwatch-demo-server)
    set_tests_properties(tst_demo_prometheus PROPERTIES LABELS "integration;prometheus" TIMEOUT 180)
  endif()
endif()
