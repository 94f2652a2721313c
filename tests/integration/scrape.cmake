# Scrape integration tests: a local misbehaving HTTP server on 127.0.0.1.
add_library(mw_test_httpserver STATIC TestHttpServer.cpp TestHttpServer.h)
target_include_directories(mw_test_httpserver PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mw_test_httpserver PUBLIC Qt6::Network PRIVATE ZLIB::ZLIB)
modelwatch_strict(mw_test_httpserver)

# The fetch layer alone (bytes, headers, error kinds).
mw_qt_test(tst_scrape_fetch SOURCES tst_scrape_fetch.cpp
           LIBS modelwatch_sources mw_test_httpserver LABELS integration)

# modelwatch-cli scrape, run as a process against the same server.
if(TARGET modelwatch-cli)
  mw_qt_test(tst_scrape_cli SOURCES tst_scrape_cli.cpp
             LIBS modelwatch_sources mw_test_httpserver LABELS integration)
  target_compile_definitions(tst_scrape_cli PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
  add_dependencies(tst_scrape_cli modelwatch-cli)
  # Its credentials options (those of query --prometheus) against a server
  # that requires a bearer token or basic auth.
  mw_qt_test(tst_scrape_cli_auth SOURCES tst_scrape_cli_auth.cpp
             LIBS modelwatch_sources mw_test_httpserver LABELS "integration;cli")
  target_compile_definitions(tst_scrape_cli_auth PRIVATE MW_CLI_PATH="$<TARGET_FILE:modelwatch-cli>")
  add_dependencies(tst_scrape_cli_auth modelwatch-cli)
endif()

# The scrape loop: a target on its interval into the store, up and friends.
mw_qt_test(tst_scrape_target SOURCES tst_scrape_target.cpp
           LIBS modelwatch_sources mw_test_httpserver LABELS integration)

# Targets that require credentials: bearer token, basic auth, secret headers,
# HTTPS with a CA file and mutual TLS (the Prometheus client's HttpAuth); the
# throwaway certificates are made as tst_prometheus_real's (TestCertificates).
mw_qt_test(tst_scrape_auth SOURCES tst_scrape_auth.cpp TestCertificates.cpp
           LIBS modelwatch_sources mw_test_httpserver LABELS integration)
