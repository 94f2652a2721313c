# The chart drawing component (ui/plot): its maths without painting, and the
# widget rendered offscreen. Only when the UI is part of the build.
if(TARGET modelwatch_plot)
  mw_qt_test(tst_plot_maths SOURCES tst_plot_maths.cpp LIBS modelwatch_plot)
  mw_qt_test(tst_time_ticks SOURCES tst_time_ticks.cpp LIBS modelwatch_plot)
  mw_qt_test(tst_timeseries_plot SOURCES tst_timeseries_plot.cpp LIBS modelwatch_plot)
  mw_qt_test(tst_plot_interaction SOURCES tst_plot_interaction.cpp LIBS modelwatch_plot)
endif()
