mw_benchmark(bench_query bench_query.cpp)
