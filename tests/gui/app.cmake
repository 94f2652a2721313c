# app/gui: the application's own wiring (alerts in the window) on the real demo server.
if(TARGET modelwatch_app_gui)
  mw_qt_test(tst_app_alerts SOURCES tst_app_alerts.cpp LIBS modelwatch_app_gui LABELS "gui;integration")
  mw_add_shipped_resources(tst_app_alerts)
  set_tests_properties(tst_app_alerts PROPERTIES TIMEOUT 240)
endif()

# The window's notifications against real dunst: run through the wrapper,
# which starts Xvfb, a private bus and dunst (the bare binary is Disabled).
if(TARGET modelwatch_app_gui)
  find_package(Qt6 6.4 REQUIRED COMPONENTS DBus)
  mw_qt_test(tst_app_dunst SOURCES tst_app_dunst.cpp LIBS modelwatch_app_gui Qt6::DBus LABELS "gui;integration;dunst")
  mw_add_shipped_resources(tst_app_dunst)
  set_tests_properties(tst_app_dunst PROPERTIES DISABLED TRUE)
  add_test(NAME tst_app_dunst_real
           COMMAND sh ${PROJECT_SOURCE_DIR}/tests/integration/run_with_dunst.sh
                   ${PROJECT_SOURCE_DIR}/tests/integration/platform/dunstrc $<TARGET_FILE:tst_app_dunst>)
  set_tests_properties(tst_app_dunst_real PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen" LABELS "gui;integration;dunst" TIMEOUT 240 SKIP_RETURN_CODE 77)
endif()
