#pragma once

#include "LocalStoreBackend.h"

#include "scrape/ScrapeTarget.h"
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

namespace mw::view {

/// Directly scraped /metrics endpoints as a SourceBackend: one ScrapeTarget
/// per URL writes into a SeriesStore owned here (bounded by time and bytes),
/// and expressions run on the local PromQL engine over that store
/// (LocalStoreBackend). Every target scrapes with the source's credentials
/// (setAuth(); a target whose secret does not resolve reports so and sends
/// nothing). A typical panel query over the demo server takes a
/// few milliseconds (see tests/gui/tst_backend_scrape.cpp).
class ScrapeBackend final : public LocalStoreBackend
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

    SourceHealth health() const override { return m_health; }
    int64_t nowMs() const override;

    /// Replaces the scraped URLs (duplicates dropped): removed targets'
    /// series get staleness markers and stay until retention; new ones start
    /// scraping at once when the backend runs. False with `error` set (and
    /// nothing changed) when a URL is not an http(s) URL.
    bool setTargets(const QStringList &urls, QString *error = nullptr);
    QStringList targets() const;
    std::chrono::milliseconds interval() const { return m_interval; }

    /// The credentials and TLS material of every target, present and future;
    /// scrapes started afterwards use them.
    void setAuth(const HttpAuth &auth);
    const HttpAuth &auth() const { return m_auth; }

private:
    void addTarget(const QString &url);
    void retireTarget(ScrapeTarget &target, int64_t timeMs);
    void onScraped(const ScrapeTarget *target, const mw::ScrapeReport &report);
    void updateHealth();

    std::chrono::milliseconds m_interval;
    HttpAuth m_auth;
    std::vector<std::unique_ptr<ScrapeTarget>> m_targets;
    TargetId m_nextTarget = 1;
    bool m_running = false;
    int64_t m_lastRetentionMs = 0;
    SourceHealth m_health;
};

} // namespace mw::view
