list(APPEND MW_CORE_SOURCES
  query/RateFunctions.cpp
  query/HistogramQuantile.cpp
  query/HistogramSnapshot.cpp
)
