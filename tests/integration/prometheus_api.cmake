# Prometheus HTTP API client: a canned-response server on 127.0.0.1, and a real
# Prometheus (Debian package) with TLS and basic auth.
add_library(mw_test_promserver STATIC PromTestServer.cpp PromTestServer.h)
target_include_directories(mw_test_promserver PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(mw_test_promserver PUBLIC Qt6::Network)
modelwatch_strict(mw_test_promserver)

mw_qt_test(tst_prometheus_api SOURCES tst_prometheus_api.cpp
           LIBS modelwatch_sources mw_test_promserver LABELS integration)
mw_qt_test(tst_prometheus_policy SOURCES tst_prometheus_policy.cpp
           LIBS modelwatch_sources LABELS integration)
mw_qt_test(tst_prometheus_failures SOURCES tst_prometheus_failures.cpp
           LIBS modelwatch_sources mw_test_promserver LABELS integration)

# A real Prometheus with TLS, mutual TLS and basic auth (openssl and htpasswd
# from apache2-utils make the certificates and the bcrypt hash at test time).
mw_qt_test(tst_prometheus_real SOURCES tst_prometheus_real.cpp differential/PrometheusProcess.cpp TestServerProcess.cpp
           TestCertificates.cpp LIBS modelwatch_sources mw_test_promserver LABELS integration)
target_include_directories(tst_prometheus_real PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/differential)
set_tests_properties(tst_prometheus_real PROPERTIES LABELS "integration;prometheus" TIMEOUT 180)
mw_qt_test(tst_prometheus_secrets SOURCES tst_prometheus_secrets.cpp
           LIBS modelwatch_sources mw_test_promserver LABELS integration)
