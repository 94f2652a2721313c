# The KPI alert engine: rules, per-series alert instances and their states,
# acknowledgements, snoozes, templates, Prometheus rule-file import (yaml-cpp)
# and the JSON forms of rules and events. No widgets, no network, no D-Bus,
# no SQL: the engine emits events as values that other layers persist and show.
find_package(yaml-cpp REQUIRED)
list(APPEND MW_CORE_SOURCES
  alerting/AlertRule.cpp
  alerting/AlertTypes.cpp
  alerting/Clock.cpp
  alerting/PromDuration.cpp
  alerting/Humanize.cpp
  alerting/AlertTemplate.cpp
  alerting/LabelMatcher.cpp
  alerting/ExprThreshold.cpp
  alerting/RuleSampler.cpp
  alerting/AlertEngine.cpp
  alerting/AlertEngineTimers.cpp
  alerting/AlertRuleJson.cpp
  alerting/AlertStateJson.cpp
  alerting/RuleFileImporter.cpp
  alerting/EngineRuleQuerier.cpp
  alerting/RuleFileChecker.cpp
)
# PRIVATE: no public header of the alerting folder includes yaml-cpp.
target_link_libraries(modelwatch_core PRIVATE yaml-cpp)
