#pragma once

#include "AlertRule.h"
#include "RuleQuerier.h"
#include "store/Labels.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mw::alerting {

/// One series of a rule's query, turned into a would-be alert.
struct Candidate
{
    Labels labels; ///< the alert's identity (see AlertInstance::labels)
    double value = 0.0;
    bool triggers = false; ///< meets the trigger condition
    bool holds = false;    ///< a firing alert on it stays firing (hysteresis)
    std::map<std::string, std::string> annotations;
};

/// How the engine applies one evaluation to the rule's existing alerts.
enum class SampleMode : uint8_t {
    Series,    ///< candidates are the truth; alerts not among them are absent
    FreezeAll, ///< keep_state on no data or error: touch nothing
    Condition, ///< the synthetic NoData/Error alert is active; series alerts keep state
    ClearAll,  ///< ok on no data or error: every alert is absent
};

struct RuleSample
{
    SampleMode mode = SampleMode::Series;
    std::vector<Candidate> candidates;
    std::optional<std::string> error; ///< the query's error, for rule health
    bool noData = false;
    bool truncated = false; ///< more series than maxSeries; the rest were dropped
};

/// Turns a query answer into alert candidates: compares threshold rules,
/// expands label and annotation templates per series, applies the no-data and
/// error policies. A pure function, so the policies are tested without an engine.
///
/// No data means a threshold rule's query returned no series at all. A
/// filter rule's empty answer is "nothing matches", as in Prometheus: there is
/// no way to tell it from missing data.
RuleSample sampleRule(const AlertRule &rule, const QueryOutcome &outcome, std::size_t maxSeries);

/// The alert labels of one series: its labels without __name__, the rule's
/// expanded labels on top, then `alertname` and (unless the rule sets it) `severity`.
Labels alertLabels(const AlertRule &rule, const Labels &series, double value);

/// Annotations expanded for one alert; a template error becomes Prometheus'
/// "<error expanding template: ...>" text, so the alert still fires.
std::map<std::string, std::string> expandAnnotations(const AlertRule &rule, const Labels &labels, double value);

} // namespace mw::alerting
