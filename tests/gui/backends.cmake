# ui/backends: the data sources as the dashboard sees them, against real
# parts: the demo model server in-process, a real Prometheus on loopback.
if(TARGET modelwatch_backends AND TARGET modelwatch_demo)
  set(MW_DIFFERENTIAL_DIR ${PROJECT_SOURCE_DIR}/tests/integration/differential)

  mw_qt_test(tst_backend_scrape SOURCES tst_backend_scrape.cpp BackendWait.h
             LIBS modelwatch_backends modelwatch_demo Qt6::Network LABELS integration)
  set_tests_properties(tst_backend_scrape PROPERTIES TIMEOUT 120)

  mw_qt_test(tst_backend_prometheus SOURCES tst_backend_prometheus.cpp BackendWait.h
             ${MW_DIFFERENTIAL_DIR}/PrometheusProcess.cpp ${PROJECT_SOURCE_DIR}/tests/integration/TestServerProcess.cpp
             LIBS modelwatch_backends modelwatch_demo Qt6::Network LABELS "integration;prometheus")
  target_include_directories(tst_backend_prometheus PRIVATE ${MW_DIFFERENTIAL_DIR})
  set_tests_properties(tst_backend_prometheus PROPERTIES TIMEOUT 180)
endif()

# The document's auth settings reach the scrape and feed backends
# (BackendFactory), against a local server that requires a bearer token.
if(TARGET modelwatch_backends AND TARGET mw_test_httpserver)
  mw_qt_test(tst_backend_auth SOURCES tst_backend_auth.cpp
             LIBS modelwatch_backends mw_test_httpserver LABELS integration)
endif()
