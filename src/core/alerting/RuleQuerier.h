#pragma once

#include "store/Labels.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mw::alerting {

/// One series of an instant query's vector result.
struct SeriesValue
{
    Labels labels;
    double value = 0.0;
};

/// An instant query's answer: a vector, or an error message (the query failed
/// to parse, the server answered 422, the network is down...).
struct QueryOutcome
{
    std::vector<SeriesValue> series;
    std::optional<std::string> error;

    bool ok() const { return !error.has_value(); }
};

/// The alert engine's only view of the query layer. The engine does not link
/// the PromQL evaluator or the Prometheus client: the application adapts
/// whichever source a dashboard uses, and tests script the answers.
class RuleQuerier
{
public:
    virtual ~RuleQuerier() = default;
    /// Evaluates `expr` at `timeMs` (ms since the Unix epoch). Synchronous: a
    /// remote source answers from its latest completed query.
    virtual QueryOutcome instant(const std::string &expr, int64_t timeMs) = 0;
    /// What the engine calls for rule `ruleId` (AlertRule::id): a querier
    /// that sends rules to different sources routes by the id, so two rules
    /// with the same expression on different sources get their own answers.
    /// By default the expression alone decides.
    virtual QueryOutcome instantForRule(const std::string &ruleId, const std::string &expr, int64_t timeMs)
    {
        (void)ruleId;
        return instant(expr, timeMs);
    }
};

} // namespace mw::alerting
