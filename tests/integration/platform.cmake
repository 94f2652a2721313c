# src/platform: the alert history (SQLite files), notifications without a
# server (fallback) and with a real one (dunst on a private bus under Xvfb).
if(TARGET modelwatch_platform)
  set(MW_PLATFORM_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/platform)

  # Child process of tst_alert_history, killed with SIGKILL mid-stream.
  add_executable(alert_history_writer platform/alert_history_writer.cpp)
  target_link_libraries(alert_history_writer PRIVATE modelwatch_platform)
  target_include_directories(alert_history_writer PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/../unit)
  modelwatch_strict(alert_history_writer)

  mw_qt_test(tst_alert_history SOURCES platform/tst_alert_history.cpp
             LIBS modelwatch_platform LABELS integration)
  target_include_directories(tst_alert_history PRIVATE ${MW_PLATFORM_TEST_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/../unit)
  target_compile_definitions(tst_alert_history PRIVATE MW_HISTORY_WRITER="$<TARGET_FILE:alert_history_writer>")
  add_dependencies(tst_alert_history alert_history_writer)
  set_tests_properties(tst_alert_history PROPERTIES TIMEOUT 120)

  mw_qt_test(tst_notification_fallback SOURCES platform/tst_notification_fallback.cpp
             LIBS modelwatch_platform LABELS integration)
  target_include_directories(tst_notification_fallback PRIVATE ${MW_PLATFORM_TEST_DIR})

  mw_qt_test(tst_alert_coordinator SOURCES platform/tst_alert_coordinator.cpp
             LIBS modelwatch_platform LABELS integration)
  target_include_directories(tst_alert_coordinator PRIVATE ${MW_PLATFORM_TEST_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/../unit)

  # A server without "actions", on a private bus (dbus-run-session).
  mw_qt_test(tst_notification_degraded SOURCES platform/tst_notification_degraded.cpp
             LIBS modelwatch_platform LABELS integration)
  find_program(MW_DBUS_RUN_SESSION dbus-run-session)
  if(MW_DBUS_RUN_SESSION)
    set_tests_properties(tst_notification_degraded PROPERTIES DISABLED TRUE)
    add_test(NAME tst_notification_degraded_bus
             COMMAND ${MW_DBUS_RUN_SESSION} -- $<TARGET_FILE:tst_notification_degraded>)
    set_tests_properties(tst_notification_degraded_bus PROPERTIES
      ENVIRONMENT "MW_PRIVATE_BUS=1" LABELS integration TIMEOUT 60)
  endif()

  # Needs dunst dbus dbus-x11 xvfb xauth; QSKIPs with the reason without them.
  mw_qt_test(tst_notifications_dunst SOURCES platform/tst_notifications_dunst.cpp
             LIBS modelwatch_platform LABELS integration)
  target_include_directories(tst_notifications_dunst PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/../unit)
  add_test(NAME tst_notifications_dunst_real
           COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/run_with_dunst.sh ${MW_PLATFORM_TEST_DIR}/dunstrc
                   $<TARGET_FILE:tst_notifications_dunst>)
  set_tests_properties(tst_notifications_dunst_real PROPERTIES
    LABELS "integration;dunst" TIMEOUT 120 SKIP_RETURN_CODE 77)
  # The plain entry would run outside the wrapper, on whatever session bus the
  # developer has (popping up on their desktop): only the wrapped one runs.
  set_tests_properties(tst_notifications_dunst PROPERTIES DISABLED TRUE)
endif()
