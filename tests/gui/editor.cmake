# ui/editor: the panel editor dialog. Helpers without widgets, the dialog
# driven through its widgets, the quality kinds (curves, confusion matrix)
# on the shipped demo dashboard, the preview's series names against the
# dashboard's, and completion and preview against the real
# demo model server through a ScrapeBackend.
if(TARGET modelwatch_editor)
  mw_qt_test(tst_editor_helpers SOURCES tst_editor_helpers.cpp LIBS modelwatch_editor LABELS unit)
  mw_qt_test(tst_editor_dialog SOURCES tst_editor_dialog.cpp LIBS modelwatch_editor LABELS gui)
  mw_qt_test(tst_editor_quality SOURCES tst_editor_quality.cpp LIBS modelwatch_editor LABELS gui)
  mw_add_shipped_resources(tst_editor_quality)
  # The preview and the dashboard (PanelModel) name series alike, over a scripted source.
  mw_qt_test(tst_editor_preview SOURCES tst_editor_preview.cpp LIBS modelwatch_editor LABELS gui)
  if(TARGET modelwatch_demo)
    mw_qt_test(tst_editor_scrape SOURCES tst_editor_scrape.cpp
               LIBS modelwatch_editor modelwatch_demo LABELS "gui;integration")
    set_tests_properties(tst_editor_scrape PROPERTIES TIMEOUT 120)
  endif()
endif()
