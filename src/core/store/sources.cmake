list(APPEND MW_CORE_SOURCES
  store/SymbolTable.cpp
  store/Labels.cpp
  store/LabelSet.cpp
  store/XorChunk.cpp
  store/Series.cpp
  store/PostingsIndex.cpp
  store/ScrapeCache.cpp
  store/SeriesStore.cpp
)
