#pragma once

#include "Document.h"
#include "Issue.h"
#include "Limits.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace mw::dashboard {

/// JSON form of one panel (schema version 2):
///
///     {"id": 3, "title": "Latency", "description": "", "type": "timeseries",
///      "unit": "microseconds",                       // presets::unitId()
///      "gridPos": {"x": 0, "y": 8, "w": 12, "h": 8},  // 24-column grid
///      "queries": [{"refId": "A", "expr": "...", "legend": "p99 {{model_name}}", "hidden": false}],
///      "thresholds": [{"value": 500000, "severity": "critical", "color": "", "style": "line"}],
///      "options": {...},                              // the kind's own part
///      "source": "quality"}                           // only when set: a source's name
///
/// timeseries: `{"legendCalcs": ["last", "max"]}`;
/// stat: `{"reduce": "last", "sparkline": true, "colorByThreshold": true}`;
/// quality_curve: `{"curve": "both"}` (roc, pr, both);
/// confusion_matrix: `{"normalize": "none"}` (none, row, column).
/// "source" is written only when not empty (a panel without one reads the
/// document's first source), so older files write back byte for byte.
nlohmann::json panelToJson(const Panel &panel);

/// Reads one panel at `pointer`; throws detail::ReadFailure naming the place
/// of the first problem. Unknown members go to `warnings`.
Panel panelFromJson(const nlohmann::json &json, const std::string &pointer, const Limits &limits,
                    std::vector<Issue> *warnings);

nlohmann::json timeseriesOptionsToJson(const TimeseriesOptions &options);
TimeseriesOptions timeseriesOptionsFromJson(const nlohmann::json &json, const std::string &pointer,
                                            std::vector<Issue> *warnings);
nlohmann::json statOptionsToJson(const StatOptions &options);
StatOptions statOptionsFromJson(const nlohmann::json &json, const std::string &pointer, std::vector<Issue> *warnings);
nlohmann::json qualityCurveOptionsToJson(const QualityCurveOptions &options);
QualityCurveOptions qualityCurveOptionsFromJson(const nlohmann::json &json, const std::string &pointer,
                                                std::vector<Issue> *warnings);
nlohmann::json confusionMatrixOptionsToJson(const ConfusionMatrixOptions &options);
ConfusionMatrixOptions confusionMatrixOptionsFromJson(const nlohmann::json &json, const std::string &pointer,
                                                      std::vector<Issue> *warnings);

} // namespace mw::dashboard
