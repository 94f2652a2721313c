#include "PrometheusRuleQuerier.h"

namespace mw {

PrometheusRuleQuerier::PrometheusRuleQuerier(PrometheusClient &client, std::chrono::milliseconds timeout)
    : m_client(client), m_timeout(timeout)
{
}

alerting::QueryOutcome PrometheusRuleQuerier::instant(const std::string &expr, int64_t timeMs)
{
    PromRequestOptions options;
    options.timeout = m_timeout;
    const quint64 id = m_client.query(QString::fromStdString(expr), timeMs, options);
    return toOutcome(m_client.waitFor(id));
}

alerting::QueryOutcome PrometheusRuleQuerier::toOutcome(const PromResponse &response)
{
    alerting::QueryOutcome out;
    if (!response.ok()) {
        const PromError &e = response.error;
        out.error = (e.errorType.isEmpty() ? e.message : e.errorType + u": " + e.message).toStdString();
        return out;
    }
    const PromQueryData *data = response.get<PromQueryData>();
    if (!data) {
        out.error = "the server's answer is not a query result";
        return out;
    }
    switch (data->type) {
    case PromResultType::Vector:
        for (const PromSeries &s : data->series) {
            if (s.points.empty())
                continue;
            Labels labels;
            for (const auto &[name, value] : s.labels)
                labels.set(name, value);
            out.series.push_back({std::move(labels), s.points.front().v});
        }
        break;
    case PromResultType::Scalar:
        out.series.push_back({Labels{}, data->scalar.v});
        break;
    case PromResultType::Matrix:
    case PromResultType::String:
        out.error = std::string("an alerting rule's expression must give a vector or a scalar, not a ")
            + (data->type == PromResultType::Matrix ? "range vector" : "string");
        break;
    }
    return out;
}

} // namespace mw
