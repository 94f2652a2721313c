list(APPEND MW_CORE_SOURCES
  plot/M4.cpp
)
