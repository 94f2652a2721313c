# Adapters of the alert engine (src/core/alerting) to network sources.
list(APPEND MW_SOURCES_SOURCES
  alerting/PrometheusRuleQuerier.h
  alerting/PrometheusRuleQuerier.cpp
)
