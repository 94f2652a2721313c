# app/gui: the application's own wiring (alerts in the window) on the real demo server.
if(TARGET modelwatch_app_gui)
  mw_qt_test(tst_app_alerts SOURCES tst_app_alerts.cpp LIBS modelwatch_app_gui LABELS "gui;integration")
  mw_add_shipped_resources(tst_app_alerts)
  set_tests_properties(tst_app_alerts PROPERTIES TIMEOUT 240)
endif()
