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
# Authentication of every HTTP client (API clients, scraper, feed poller):
# the settings (secret references, TLS files), their resolution, and the
# resolve-once cache of the polling clients.
list(APPEND MW_SOURCES_SOURCES
  http/HttpAuth.h
  http/HttpAuth.cpp
  http/HttpCredentials.h
  http/HttpCredentials.cpp
  http/HttpCredentialsCache.h
  http/HttpCredentialsCache.cpp
)
