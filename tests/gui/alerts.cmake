# ui/alerts: the alerts table and its filter, the history view, alert bands,
# the pane driven through its widgets, the tray icon and tray notifications,
# and external alerts from a real Alertmanager.
if(TARGET modelwatch_alerts_ui)
  set(MW_ALERTS_UNIT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/../unit)

  mw_qt_test(tst_alerts_model SOURCES tst_alerts_model.cpp
             LIBS modelwatch_alerts_model LABELS gui)
  target_include_directories(tst_alerts_model PRIVATE ${MW_ALERTS_UNIT_DIR})

  mw_qt_test(tst_alerts_pane SOURCES tst_alerts_pane.cpp
             LIBS modelwatch_alerts_ui LABELS gui)
  target_include_directories(tst_alerts_pane PRIVATE ${MW_ALERTS_UNIT_DIR})

  mw_qt_test(tst_alerts_tray SOURCES tst_alerts_tray.cpp
             LIBS modelwatch_alerts_ui LABELS gui)
  target_include_directories(tst_alerts_tray PRIVATE ${MW_ALERTS_UNIT_DIR})

  # A real Alertmanager on loopback (prometheus-alertmanager); QSKIPs without it.
  mw_qt_test(tst_alerts_alertmanager
             SOURCES tst_alerts_alertmanager.cpp ../integration/differential/AlertmanagerProcess.cpp ../integration/TestServerProcess.cpp
             LIBS modelwatch_alerts_ui Qt6::Network LABELS "gui;alertmanager")
  target_include_directories(tst_alerts_alertmanager PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/../integration/differential)
  set_tests_properties(tst_alerts_alertmanager PROPERTIES TIMEOUT 120)
endif()
