#include "SessionRuleQuerier.h"

#include "DashboardSession.h"

namespace mw::app {

alerting::QueryOutcome SessionRuleQuerier::instant(const std::string &expr, int64_t timeMs)
{
    return instantForRule({}, expr, timeMs);
}

alerting::QueryOutcome SessionRuleQuerier::instantForRule(const std::string &ruleId, const std::string &expr, int64_t timeMs)
{
    const auto route = m_routes.find(ruleId);
    const bool named = route != m_routes.end() && !route->second.empty();
    view::SourceBackend *b = named ? m_session.backend(route->second) : m_session.primaryBackend();
    if (!b) {
        alerting::QueryOutcome none;
        none.error = named ? "the rule's source '" + route->second + "' is not running"
                           : "the dashboard has no data source for its rules";
        return none;
    }
    return b->ruleQuerier().instant(expr, timeMs);
}

} // namespace mw::app
