# Connect to a server: ServerConnector (QtCore/QtNetwork only) and the
# ConnectDialog on it, against real parts: the demo model server in-process,
# a real Prometheus scraping it (QSKIPs without one), a closed port and the
# misbehaving test HTTP server.
if(TARGET modelwatch_viewmodel AND TARGET modelwatch_demo AND TARGET mw_test_httpserver)
  set(MW_DIFFERENTIAL_DIR ${PROJECT_SOURCE_DIR}/tests/integration/differential)
  mw_qt_test(tst_server_connector SOURCES tst_server_connector.cpp ${MW_DIFFERENTIAL_DIR}/PrometheusProcess.cpp ${PROJECT_SOURCE_DIR}/tests/integration/TestServerProcess.cpp
             LIBS modelwatch_viewmodel modelwatch_demo mw_test_httpserver Qt6::Network
             LABELS "integration;prometheus")
  target_include_directories(tst_server_connector PRIVATE ${MW_DIFFERENTIAL_DIR})
  set_tests_properties(tst_server_connector PROPERTIES TIMEOUT 180)
endif()
if(TARGET modelwatch_dashboard_ui AND TARGET modelwatch_demo)
  mw_qt_test(tst_connect_dialog SOURCES tst_connect_dialog.cpp
             LIBS modelwatch_dashboard_ui modelwatch_demo LABELS "gui;integration")
  set_tests_properties(tst_connect_dialog PROPERTIES TIMEOUT 120)
endif()
