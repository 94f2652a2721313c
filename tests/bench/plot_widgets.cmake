# The 4x4 dashboard drawing benchmark (ui/plot), with Qt Charts for the
# comparison when it is installed (libqt6charts6-dev).
if(TARGET modelwatch_plot)
  find_package(Qt6 6.4 QUIET COMPONENTS Charts)
  mw_benchmark(bench_dashboard_draw bench_dashboard_draw.cpp DashboardFixture.cpp DashboardFixture.h)
  target_link_libraries(bench_dashboard_draw PRIVATE modelwatch_plot)
  if(TARGET Qt6::Charts)
    target_sources(bench_dashboard_draw PRIVATE ChartsDashboard.cpp ChartsDashboard.h)
    target_link_libraries(bench_dashboard_draw PRIVATE Qt6::Charts)
    target_compile_definitions(bench_dashboard_draw PRIVATE MW_HAVE_QTCHARTS)
  endif()
endif()
