#pragma once

#include "alerting/RuleQuerier.h"

namespace mw::view {
class DashboardSession;
}

namespace mw::app {

/// The alert engine's queries go to the dashboard's first source, whichever
/// backend it is now (the document's sources may change while it runs).
class SessionRuleQuerier final : public alerting::RuleQuerier
{
public:
    explicit SessionRuleQuerier(const view::DashboardSession &session) : m_session(session) {}
    alerting::QueryOutcome instant(const std::string &expr, int64_t timeMs) override;

private:
    const view::DashboardSession &m_session;
};

} // namespace mw::app
