#include "SessionRuleQuerier.h"

#include "DashboardSession.h"

namespace mw::app {

alerting::QueryOutcome SessionRuleQuerier::instant(const std::string &expr, int64_t timeMs)
{
    view::SourceBackend *b = m_session.primaryBackend();
    if (!b) {
        alerting::QueryOutcome none;
        none.error = "the dashboard has no data source for its rules";
        return none;
    }
    return b->ruleQuerier().instant(expr, timeMs);
}

} // namespace mw::app
