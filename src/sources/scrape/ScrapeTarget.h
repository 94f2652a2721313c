#pragma once

#include "scrape/ScrapeFetcher.h"
#include "store/Labels.h"
#include "store/SeriesStore.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

namespace mw {

struct ScrapeTargetConfig
{
    QUrl url;
    std::chrono::milliseconds interval{15'000};
    std::chrono::milliseconds timeout{10'000};
    QString job = QStringLiteral("modelwatch");
    qint64 maxBodyBytes = qint64{64} << 20;
    std::optional<expo::Format> fallbackFormat;
    HttpAuth auth; ///< credentials and TLS material (ScrapeFetcher::setAuth)
};

/// What one scrape of a target did.
struct ScrapeReport
{
    int64_t timeMs = 0;        ///< when the scrape started: the samples' timestamp
    bool up = false;
    double durationSeconds = 0.0;
    uint32_t samplesScraped = 0;
    AppendReport append;
    ScrapeError error = ScrapeError::None;
    QString errorMessage;      ///< fetch, credentials or parse error, with position for the latter
};

/// Scrapes one /metrics endpoint on its own interval into a SeriesStore, as a
/// Prometheus scrape loop does: samples get the scrape's start time and the
/// target's `job` and `instance` labels; series that vanish get staleness
/// markers, a failed scrape marks them all stale; and the synthetic series
/// `up`, `scrape_duration_seconds`, `scrape_samples_scraped` and
/// `scrape_series_added` are recorded for every attempt.
///
/// Lives on the thread that owns the store. The payload is parsed on that
/// thread too (about 1 GB/s, so 3 ms for a 3 MB payload).
class ScrapeTarget : public QObject
{
    Q_OBJECT
public:
    ScrapeTarget(SeriesStore &store, TargetId id, ScrapeTargetConfig config, QObject *parent = nullptr);

    /// Scrapes now and then every interval.
    void start();
    void stop();
    /// One scrape now (ignored while one is in flight).
    void scrapeNow();
    /// New credentials for the scrapes that start afterwards.
    void setAuth(const HttpAuth &auth);

    TargetId id() const { return m_id; }
    const ScrapeTargetConfig &config() const { return m_config; }
    /// {job="...", instance="host:port"}
    const Labels &targetLabels() const { return m_targetLabels; }
    const ScrapeReport &lastReport() const { return m_last; }
    bool busy() const { return m_inFlight != 0; }

Q_SIGNALS:
    void scraped(const mw::ScrapeReport &report);

private:
    void onFetched(quint64 id, const mw::ScrapeResult &result);
    void record(std::string_view name, double value);

    SeriesStore &m_store;
    TargetId m_id;
    ScrapeTargetConfig m_config;
    Labels m_targetLabels;
    ScrapeFetcher m_fetcher;
    QTimer m_timer;
    quint64 m_inFlight = 0;
    int64_t m_startedMs = 0;
    ScrapeReport m_last;
};

} // namespace mw

Q_DECLARE_METATYPE(mw::ScrapeReport)
