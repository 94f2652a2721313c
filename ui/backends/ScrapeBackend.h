#pragma once

#include "SourceBackend.h"

#include "alerting/EngineRuleQuerier.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "scrape/ScrapeTarget.h"
#include "store/SeriesStore.h"

#include <QSet>
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

namespace mw::view {

/// Directly scraped /metrics endpoints as a SourceBackend: one ScrapeTarget
/// per URL writes into a SeriesStore owned here (bounded by time and bytes),
/// and expressions run on the local PromQL engine over that store.
///
/// Everything lives on the owning (GUI) thread. A query is evaluated from the
/// event loop after the call returns, never inside it, so a request canceled
/// before its turn costs nothing; a typical panel query over the demo server
/// takes a few milliseconds (see tests/gui/tst_backend_scrape.cpp).
class ScrapeBackend final : public SourceBackend
{
    Q_OBJECT
public:
    /// Two hours and 256 MiB.
    static StoreConfig defaultStoreConfig();
    /// An empty string, or why `urls` cannot be scraped (one names the URL).
    static QString validateTargets(const QStringList &urls);

    /// `targets` must pass validateTargets() (the factory checks).
    ScrapeBackend(QString name, const QStringList &targets, std::chrono::milliseconds interval,
                  StoreConfig store = defaultStoreConfig(), QObject *parent = nullptr);
    ~ScrapeBackend() override;

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

    /// Replaces the scraped URLs (duplicates dropped): removed targets'
    /// series get staleness markers and stay until retention; new ones start
    /// scraping at once when the backend runs. False with `error` set (and
    /// nothing changed) when a URL is not an http(s) URL.
    bool setTargets(const QStringList &urls, QString *error = nullptr);
    QStringList targets() const;
    std::chrono::milliseconds interval() const { return m_interval; }
    /// The collected series (read-only: for export and inspection).
    const SeriesStore &store() const { return m_store; }

private:
    void addTarget(const QString &url);
    void retireTarget(ScrapeTarget &target, int64_t timeMs);
    void onScraped(const ScrapeTarget *target, const mw::ScrapeReport &report);
    void updateHealth();
    /// Runs `work` from the event loop unless `id` is canceled first.
    void later(quint64 id, std::function<void()> work);

    SeriesStore m_store;
    promql::StoreQueryable m_queryable;
    promql::Engine m_engine;
    alerting::EngineRuleQuerier m_rules;
    std::chrono::milliseconds m_interval;
    std::vector<std::unique_ptr<ScrapeTarget>> m_targets;
    TargetId m_nextTarget = 1;
    bool m_running = false;
    quint64 m_nextId = 1;
    QSet<quint64> m_queued;
    int64_t m_lastRetentionMs = 0;
    SourceHealth m_health;
};

} // namespace mw::view
