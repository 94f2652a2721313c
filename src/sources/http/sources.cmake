# The request lifecycle shared by the HTTP API clients (Prometheus,
# Alertmanager): attempts, timeouts, retries, the size cap, secrets, delivery.
list(APPEND MW_SOURCES_SOURCES
  http/ApiCall.h
  http/ApiCall.cpp
  http/ApiResponseCall.h
  http/ApiRequestRunner.h
  http/ApiRequestRunner.cpp
  http/ApiClient.h
  http/ApiClient.cpp
)
