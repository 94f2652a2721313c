mw_benchmark(bench_exposition bench_exposition.cpp PayloadGenerator.cpp)
target_compile_definitions(bench_exposition PRIVATE MW_GEN_PAYLOAD="${MW_GEN_PAYLOAD}")
