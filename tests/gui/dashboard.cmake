# ui/dashboard: the main window on the real demo model server, and a panel's
# image without its interactive chrome.
if(TARGET modelwatch_dashboard_ui)
  mw_qt_test(tst_panel_widget SOURCES tst_panel_widget.cpp LIBS modelwatch_dashboard_ui LABELS "gui")
endif()
if(TARGET modelwatch_app_gui)
  mw_qt_test(tst_main_window SOURCES tst_main_window.cpp LIBS modelwatch_app_gui LABELS "gui;integration")
  mw_add_shipped_resources(tst_main_window)
  set_tests_properties(tst_main_window PROPERTIES TIMEOUT 240)
endif()
