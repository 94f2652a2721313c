#pragma once

#include "alerting/RuleQuerier.h"

#include <map>
#include <string>

namespace mw::view {
class DashboardSession;
}

namespace mw::app {

/// The alert engine's queries go to the source their rule names (a feed's
/// quality series, a scrape source's store...) or the dashboard's first
/// source, whichever backend it is now (the document's sources may change
/// while it runs). Rules are routed by their id, so two rules with the same
/// expression on different sources each ask their own.
class SessionRuleQuerier final : public alerting::RuleQuerier
{
public:
    explicit SessionRuleQuerier(const view::DashboardSession &session) : m_session(session) {}
    /// An expression no rule is known by: the dashboard's first source.
    alerting::QueryOutcome instant(const std::string &expr, int64_t timeMs) override;
    alerting::QueryOutcome instantForRule(const std::string &ruleId, const std::string &expr, int64_t timeMs) override;
    /// Rule id -> source name, from the document's rules ("" = first source).
    void setRoutes(std::map<std::string, std::string> routes) { m_routes = std::move(routes); }

private:
    const view::DashboardSession &m_session;
    std::map<std::string, std::string> m_routes;
};

} // namespace mw::app
