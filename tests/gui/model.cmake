# ui/model: the view models without widgets.
if(TARGET modelwatch_viewmodel)
  mw_qt_test(tst_view_text SOURCES tst_view_text.cpp LIBS modelwatch_viewmodel LABELS unit)
endif()
