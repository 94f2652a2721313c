# The Prometheus HTTP API client (Prometheus, Thanos, Mimir, VictoriaMetrics).
list(APPEND MW_SOURCES_SOURCES
  prometheus/PromLogging.h
  prometheus/PromLogging.cpp
  prometheus/PromTypes.h
  prometheus/PromTypes.cpp
  prometheus/PromJsonReader.h
  prometheus/PromJsonReader.cpp
  prometheus/PromDecoder.h
  prometheus/PromDecoder.cpp
  prometheus/PromApi.h
  prometheus/PromApi.cpp
  prometheus/SecretRef.h
  prometheus/SecretRef.cpp
  prometheus/SecretResolver.h
  prometheus/SecretResolver.cpp
  prometheus/PromConnection.h
  prometheus/PromConnection.cpp
  prometheus/PromCredentials.h
  prometheus/PromCredentials.cpp
  prometheus/PromRetryPolicy.h
  prometheus/PromRetryPolicy.cpp
  prometheus/PromRequestBuilder.h
  prometheus/PromRequestBuilder.cpp
  prometheus/PromReplyClassifier.h
  prometheus/PromReplyClassifier.cpp
  prometheus/PrometheusClient.h
  prometheus/PrometheusClient.cpp
)
# Secrets from the desktop keyring (keyring:<service>/<key>).
# Without a keyring daemon the failure message says what is missing (QtDBus).
find_package(Qt6Keychain REQUIRED)
find_package(Qt6 REQUIRED COMPONENTS DBus)
target_link_libraries(modelwatch_sources PRIVATE qt6keychain Qt6::DBus)
