# ui/rules: the alert rules editor. Helpers without widgets (thresholds in
# units, condition text, ids, the field check, the list model), the dialog
# driven through its widgets on the shipped demo dashboard.
if(TARGET modelwatch_rules_ui)
  mw_qt_test(tst_alerts_rule_helpers SOURCES tst_alerts_rule_helpers.cpp LIBS modelwatch_rules_ui LABELS unit)
  mw_add_shipped_resources(tst_alerts_rule_helpers)
  mw_qt_test(tst_alerts_rules_dialog SOURCES tst_alerts_rules_dialog.cpp LIBS modelwatch_rules_ui LABELS gui)
  mw_add_shipped_resources(tst_alerts_rules_dialog)
endif()

# Alerts > Edit alert rules… in the window (app/gui): a rule added in the
# dialog runs in AppAlerts, on the in-process demo model server.
if(TARGET modelwatch_rules_ui AND TARGET modelwatch_app_gui)
  mw_qt_test(tst_app_alerts_rules SOURCES tst_app_alerts_rules.cpp LIBS modelwatch_app_gui LABELS "gui;integration")
  mw_add_shipped_resources(tst_app_alerts_rules)
  set_tests_properties(tst_app_alerts_rules PROPERTIES TIMEOUT 120)
endif()
