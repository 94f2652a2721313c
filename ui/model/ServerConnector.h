#pragma once

// "Connect to a server": finds out what a URL the user typed is (a model
// server's /metrics endpoint or a Prometheus-compatible server), recognises
// the model server from its metric names and builds the preset dashboard
// with the right source. No widgets; ConnectDialog shows it.

#include "ConnectFindings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <deque>

namespace mw {
class PrometheusClient;
class ScrapeFetcher;
struct PromResponse;
struct ScrapeResult;
} // namespace mw

namespace mw::view {

/// Asynchronous. A URL whose path ends with /metrics is scraped once. Any
/// other URL is first asked as a Prometheus HTTP API
/// (/api/v1/label/__name__/values); when it is not one, the URL itself (when
/// it has a path) and then fallbackPaths() under it are scraped. A refused
/// connection, an unknown host, TLS trouble or a timeout ends the search at
/// once. The whole search has one time budget (timeout(), 10 s by default).
class ServerConnector : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};

    explicit ServerConnector(QObject *parent = nullptr);
    ~ServerConnector() override;

    /// Starts finding out what `url` is. A search in progress is dropped (its
    /// finished() never comes). finished() always follows, from the event loop.
    void connectTo(const QUrl &url);
    /// Drops the search in progress without a finished() signal.
    void cancel();
    bool isBusy() const { return m_busy; }

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    /// Metric paths tried under a URL that is not a Prometheus API, in order:
    /// /metrics (Triton, vLLM, TGI, llama.cpp, TorchServe), then TF Serving's
    /// /monitoring/prometheus/metrics.
    static QStringList fallbackPaths();

Q_SIGNALS:
    /// What is being tried now ("Scraping http://host:8002/metrics…").
    void progress(const QString &message);
    void finished(const mw::view::ConnectResult &result);

private:
    struct Attempt
    {
        bool prometheus = false;
        QUrl url;
        bool fallback = false; ///< a guess of ours, not the URL as typed
    };

    void next();
    void onScrape(quint64 id, const mw::ScrapeResult &scrape);
    void onPrometheus(quint64 id, const mw::PromResponse &response);
    void onDeadline();
    /// Records why the current attempt is not it, then tries the next.
    void notIt(const QString &why);
    void finishError(const QString &error);
    void finish(ConnectResult result);
    std::chrono::milliseconds remaining() const;

    ScrapeFetcher *m_fetcher;
    PrometheusClient *m_client;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;

    QUrl m_url;
    std::deque<Attempt> m_plan;
    Attempt m_current;
    QStringList m_failures; ///< "where: why" per attempt that was not it
    quint64 m_scrapeId = 0;
    quint64 m_promId = 0;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace mw::view
