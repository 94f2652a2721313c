# ui/variables: the dashboard variables editor. The helpers without widgets
# (checks, options text, fitted selection, names), the dialog driven through
# its widgets on the shipped demo dashboard.
if(TARGET modelwatch_variables_ui)
  mw_qt_test(tst_variables_check SOURCES tst_variables_check.cpp LIBS modelwatch_variables_ui LABELS unit)
  mw_qt_test(tst_variables_dialog SOURCES tst_variables_dialog.cpp LIBS modelwatch_variables_ui LABELS gui)
  mw_add_shipped_resources(tst_variables_dialog)
endif()

# View > Dashboard variables… in the window (app/gui): a variable added in
# the dialog is in the document and the variable bar, on the in-process demo
# model server (whose label values the preview shows).
if(TARGET modelwatch_variables_ui AND TARGET modelwatch_app_gui)
  mw_qt_test(tst_app_variables SOURCES tst_app_variables.cpp LIBS modelwatch_app_gui LABELS "gui;integration")
  mw_add_shipped_resources(tst_app_variables)
  set_tests_properties(tst_app_variables PROPERTIES TIMEOUT 120)
endif()
