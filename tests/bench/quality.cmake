mw_benchmark(bench_quality bench_quality.cpp)
