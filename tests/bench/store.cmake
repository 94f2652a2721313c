mw_benchmark(bench_store bench_store.cpp)
target_compile_definitions(bench_store PRIVATE MW_GEN_PAYLOAD="${MW_GEN_PAYLOAD}")
