#pragma once

#include "PrometheusBackendConfig.h"
#include "SourceBackend.h"

#include "alerting/PrometheusRuleQuerier.h"
#include "prometheus/PrometheusClient.h"

#include <QHash>
#include <QTimer>

#include <functional>

namespace mw::view {

/// A Prometheus-compatible server (Prometheus, Thanos, Mimir,
/// VictoriaMetrics) as a SourceBackend: expressions run on the server through
/// PrometheusClient. Health follows every contact: Up after a request the
/// server answered, Down with the client's sentence after one that did not
/// reach it (an expression the server rejects leaves it Up); start() also
/// polls a cheap query every healthInterval so the status bar knows while no
/// panel asks.
///
/// label_values(metric, label) and label names of a metric go through
/// /api/v1/series with match[] (the client's label values call takes no
/// matcher); without a metric, /api/v1/label/<name>/values and /api/v1/labels.
class PrometheusBackend final : public SourceBackend
{
    Q_OBJECT
public:
    PrometheusBackend(QString name, PrometheusBackendConfig config, QObject *parent = nullptr);
    ~PrometheusBackend() override;

    void start() override;
    void stop() override;

    quint64 rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs) override;
    quint64 labelValues(const QString &label, const QString &metric) override;
    quint64 metricNames() override;
    quint64 labelNames(const QString &metric) override;
    void cancel(quint64 id) override;

    SourceHealth health() const override { return m_health; }
    alerting::RuleQuerier &ruleQuerier() override { return m_rules; }
    int64_t nowMs() const override;

    PrometheusClient &client() { return m_client; }

private:
    enum class Want : uint8_t { Range, Names, ValuesFromSeries, NamesFromSeries, Health };
    struct Pending
    {
        quint64 id = 0; ///< ours; 0 for the health poll
        Want want = Want::Names;
        QString label;  ///< ValuesFromSeries: the label whose values are wanted
    };
    quint64 submit(Want want, QString label, const std::function<quint64()> &send);
    void onFinished(quint64 clientId, const mw::PromResponse &response);
    void deliver(const Pending &pending, const PromResponse &response);
    void pollHealth();
    void noteContact(const PromResponse &response);
    void setHealth(SourceState state, const QString &error);

    PrometheusBackendConfig m_config;
    PrometheusClient m_client;
    PrometheusRuleQuerier m_rules;
    QTimer m_healthTimer;
    quint64 m_nextId = 1;
    QHash<quint64, Pending> m_byClient; ///< client id -> what we asked for
    QHash<quint64, quint64> m_clientOf; ///< our id -> client id
    quint64 m_healthRequest = 0; ///< client id of the poll in flight
    SourceHealth m_health;
};

} // namespace mw::view
