mw_benchmark(bench_plot bench_plot.cpp)
