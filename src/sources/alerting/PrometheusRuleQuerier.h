#pragma once

#include "alerting/RuleQuerier.h"
#include "prometheus/PrometheusClient.h"

#include <chrono>

namespace mw {

/// The alert engine's RuleQuerier over a Prometheus-compatible server: each
/// instant() is one /api/v1/query at the evaluation time, waited for in a
/// local event loop (PrometheusClient::waitFor). Blocking by design: it serves
/// `modelwatch-cli rules eval` and tests, which evaluate once and print. The
/// window must not block its event loop this way; it will answer from the
/// latest completed query instead (RuleQuerier's contract allows both).
///
/// A vector result gives one series per element, a scalar one series without
/// labels (as Prometheus' rule manager does); a matrix or string, or any
/// failure, becomes the outcome's error with the client's message.
class PrometheusRuleQuerier final : public alerting::RuleQuerier
{
public:
    explicit PrometheusRuleQuerier(PrometheusClient &client, std::chrono::milliseconds timeout = std::chrono::seconds(30));

    alerting::QueryOutcome instant(const std::string &expr, int64_t timeMs) override;

    /// The conversion alone (pure): what instant() makes of one response.
    static alerting::QueryOutcome toOutcome(const PromResponse &response);

private:
    PrometheusClient &m_client;
    std::chrono::milliseconds m_timeout;
};

} // namespace mw
