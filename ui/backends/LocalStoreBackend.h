#pragma once

#include "SourceBackend.h"

#include "alerting/EngineRuleQuerier.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QSet>

#include <functional>

namespace mw::view {

/// The part every source with a local store shares (scraped endpoints, a
/// feed's quality series, score-bucket areas): a SeriesStore owned here,
/// range queries and alert rules on the local PromQL engine over it, names
/// for completion and variables from the store. Subclasses write into
/// store() and say when they start, stop and how healthy they are.
///
/// Everything lives on the owning (GUI) thread. A request is evaluated from
/// the event loop after the call returns, never inside it, so one canceled
/// before its turn costs nothing.
class LocalStoreBackend : public SourceBackend
{
    Q_OBJECT
public:
    LocalStoreBackend(QString name, StoreConfig store, QObject *parent = nullptr);

    quint64 rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs) final;
    quint64 labelValues(const QString &label, const QString &metric) final;
    quint64 metricNames() final;
    quint64 labelNames(const QString &metric) final;
    void cancel(quint64 id) final;
    alerting::RuleQuerier &ruleQuerier() final { return m_rules; }

    /// The series kept here (read-only: for export and inspection).
    const SeriesStore &store() const { return m_store; }

protected:
    SeriesStore &mutableStore() { return m_store; }

private:
    /// Runs `work` from the event loop unless `id` is canceled first.
    quint64 later(std::function<void(quint64 id)> work);

    SeriesStore m_store;
    promql::StoreQueryable m_queryable;
    promql::Engine m_engine;
    alerting::EngineRuleQuerier m_rules;
    quint64 m_nextId = 1;
    QSet<quint64> m_queued;
};

} // namespace mw::view
