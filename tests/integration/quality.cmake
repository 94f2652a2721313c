# Model-quality inputs: the feed tailer and poller (src/sources/feeds), the
# quality PromQL expressions on the local engine, the demo's drift seen both
# ways, and `modelwatch-cli quality` on the fixture feeds.
set(MW_QUALITY_TEST_DIR ${CMAKE_CURRENT_SOURCE_DIR}/quality)
set(MW_QUALITY_FIXTURE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/../unit)

if(TARGET modelwatch_sources)
  mw_qt_test(tst_feed_tailer SOURCES quality/tst_feed_tailer.cpp LIBS modelwatch_sources LABELS "unit;quality")
endif()

# The poller against a feed that requires a bearer token (TestHttpServer).
if(TARGET modelwatch_sources AND TARGET mw_test_httpserver)
  mw_qt_test(tst_feed_poller_auth SOURCES quality/tst_feed_poller_auth.cpp LIBS modelwatch_sources mw_test_httpserver
             LABELS "integration;quality")
endif()

mw_qt_test(tst_quality_queries SOURCES quality/tst_quality_queries.cpp LABELS "unit;quality")
target_include_directories(tst_quality_queries PRIVATE ${MW_QUALITY_FIXTURE_DIR})

if(TARGET modelwatch_sources AND TARGET modelwatch_demo)
  foreach(t tst_feed_poller tst_quality_drift)
    mw_qt_test(${t} SOURCES quality/${t}.cpp LIBS modelwatch_sources modelwatch_demo Qt6::Network
               LABELS "integration;quality")
    set_tests_properties(${t} PROPERTIES TIMEOUT 120)
  endforeach()
endif()

if(TARGET modelwatch-cli AND TARGET modelwatch_demo)
  mw_qt_test(tst_cli_quality SOURCES quality/tst_cli_quality.cpp LIBS modelwatch_demo Qt6::Network
             LABELS "integration;quality;cli")
  target_include_directories(tst_cli_quality PRIVATE ${MW_QUALITY_FIXTURE_DIR})
  target_compile_definitions(tst_cli_quality PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
  add_dependencies(tst_cli_quality modelwatch-cli)
  set_tests_properties(tst_cli_quality PROPERTIES TIMEOUT 180)
endif()
