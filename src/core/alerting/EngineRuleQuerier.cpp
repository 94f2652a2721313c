#include "EngineRuleQuerier.h"

#include <variant>

namespace mw::alerting {

EngineRuleQuerier::EngineRuleQuerier(const promql::Queryable &data, promql::EngineOptions options)
    : m_engine(data, options)
{
}

QueryOutcome EngineRuleQuerier::instant(const std::string &expr, int64_t timeMs)
{
    return toOutcome(m_engine.instantQuery(expr, timeMs));
}

QueryOutcome EngineRuleQuerier::toOutcome(const promql::QueryResult &result)
{
    QueryOutcome out;
    if (!result.ok()) {
        out.error = result.error;
        return out;
    }
    if (const auto *v = std::get_if<promql::Vector>(&result.value)) {
        out.series.reserve(v->size());
        for (const promql::VectorSample &s : *v)
            out.series.push_back({s.labels, s.value});
    } else if (const auto *s = std::get_if<promql::ScalarValue>(&result.value)) {
        out.series.push_back({Labels{}, s->value});
    } else {
        out.error = std::string("an alerting rule's expression must give a vector or a scalar, not a ")
            + (std::holds_alternative<promql::Matrix>(result.value) ? "range vector" : "string");
    }
    return out;
}

} // namespace mw::alerting
