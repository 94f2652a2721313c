#pragma once

// Internal to DocumentJson: the JSON parts of a document's sources, variables
// and time range. Readers throw detail::ReadFailure at the first problem.

#include "Document.h"
#include "Issue.h"
#include "Limits.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace mw::dashboard::detail {

///     {"name": "prod", "kind": "prometheus", "url": "https://prom:9090",
///      "auth": {"headers": {"X-Scope-OrgID": "env:ORG"}, "basicAuthUser": "mw",
///               "passwordRef": "keyring:modelwatch/prod", "bearerTokenRef": "",
///               "caFile": "/etc/ssl/ca.pem", "certFile": "", "keyFile": "", "insecureSkipVerify": false}}
///     {"name": "local", "kind": "scrape", "targets": ["http://localhost:8501/monitoring/prometheus/metrics"],
///      "scrapeInterval": "15s", "server": "tfserving", "auth": {...}}
///     {"name": "quality", "kind": "feed", "url": "http://localhost:8501/v1/feed",  // or a file path
///      "feed": {"format": "auto", "joinWindow": "1d", "window": "1h", "windowCount": 0,
///               "classes": [], "positiveClass": "", "threshold": 0.5, "minSamples": 30,
///               "evaluationInterval": "15s"},
///      "auth": {...}}
/// (a feed source's "feed" part may be left out: its defaults, FeedSourceOptions.)
nlohmann::json sourceToJson(const Source &source);
Source sourceFromJson(const nlohmann::json &json, const std::string &pointer, const Limits &limits,
                      std::vector<Issue> *warnings);

///     {"name": "model", "label": "Model", "kind": "query",
///      "query": "label_values(:tensorflow:serving:request_count, model_name)",
///      "options": [], "current": ["default"], "multi": false, "includeAll": true}
nlohmann::json variableToJson(const Variable &variable);
Variable variableFromJson(const nlohmann::json &json, const std::string &pointer, const Limits &limits,
                          std::vector<Issue> *warnings);

/// "now", "now-1h" (a Prometheus duration) or an ISO 8601 date-time.
bool isValidTime(std::string_view text);
/// "env:VAR" or "keyring:service/key".
bool isSecretRef(std::string_view text);
/// [A-Za-z_][A-Za-z0-9_]*
bool isVariableName(std::string_view text);

} // namespace mw::dashboard::detail
