#pragma once

#include "RuleQuerier.h"
#include "promql/Engine.h"

namespace mw::alerting {

/// The alert engine's RuleQuerier over the local PromQL engine: rules
/// evaluate on what ModelWatch scraped or loaded, with no server and no
/// network. A vector gives one series per element, a scalar one series
/// without labels (as Prometheus' rule manager does); a matrix or a string,
/// or an evaluation error, becomes the outcome's error.
class EngineRuleQuerier final : public RuleQuerier
{
public:
    explicit EngineRuleQuerier(const promql::Queryable &data, promql::EngineOptions options = {});

    QueryOutcome instant(const std::string &expr, int64_t timeMs) override;

    /// The conversion alone (pure): what instant() makes of one result.
    static QueryOutcome toOutcome(const promql::QueryResult &result);

private:
    promql::Engine m_engine;
};

} // namespace mw::alerting
