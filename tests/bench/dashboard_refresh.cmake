# One refresh of the demo dashboard on a scrape source (the local engine on
# the GUI thread), over two hours of the demo server's own payloads.
if(TARGET modelwatch_viewmodel AND TARGET modelwatch_demo)
  mw_benchmark(bench_dashboard_refresh bench_dashboard_refresh.cpp)
  target_link_libraries(bench_dashboard_refresh PRIVATE modelwatch_viewmodel modelwatch_demo)
  target_compile_definitions(bench_dashboard_refresh PRIVATE MW_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endif()
