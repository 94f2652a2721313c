# The /metrics scraper (Prometheus 3 compatible fetch: headers, limits, gzip).
list(APPEND MW_SOURCES_SOURCES
  scrape/ScrapeResult.h
  scrape/ScrapeResult.cpp
  scrape/ScrapeText.h
  scrape/ScrapeText.cpp
  scrape/ScrapeFetcher.h
  scrape/ScrapeFetcher.cpp
  scrape/ScrapeTarget.h
  scrape/ScrapeTarget.cpp
)
# The User-Agent carries the project version.
set_source_files_properties(scrape/ScrapeFetcher.cpp PROPERTIES
  COMPILE_DEFINITIONS "MW_SCRAPE_VERSION=\"${PROJECT_VERSION}\"")
# Consumers include "scrape/ScrapeFetcher.h".
target_include_directories(modelwatch_sources PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
