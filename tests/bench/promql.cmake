# The local PromQL engine end to end on a latency panel's query.
mw_benchmark(bench_promql bench_promql.cpp)
