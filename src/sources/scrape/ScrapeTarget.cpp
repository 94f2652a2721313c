#include "scrape/ScrapeTarget.h"

#include "exposition/ExpositionParser.h"

#include <QDateTime>

namespace mw {

ScrapeTarget::ScrapeTarget(SeriesStore &store, TargetId id, ScrapeTargetConfig config, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_id(id)
    , m_config(std::move(config))
{
    const QString instance = m_config.url.host() + u':'
        + QString::number(m_config.url.port(m_config.url.scheme() == u"https" ? 443 : 80));
    m_targetLabels.set("job", m_config.job.toStdString());
    m_targetLabels.set("instance", instance.toStdString());
    m_store.setTargetLabels(m_id, m_targetLabels, QDateTime::currentMSecsSinceEpoch());
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ScrapeTarget::scrapeNow);
    connect(&m_fetcher, &ScrapeFetcher::finished, this, &ScrapeTarget::onFetched);
    m_fetcher.setAuth(m_config.auth);
}

void ScrapeTarget::setAuth(const HttpAuth &auth)
{
    m_config.auth = auth;
    m_fetcher.setAuth(auth);
}

void ScrapeTarget::start()
{
    m_timer.start(m_config.interval);
    scrapeNow();
}

void ScrapeTarget::stop()
{
    m_timer.stop();
    m_fetcher.abortAll();
}

void ScrapeTarget::scrapeNow()
{
    if (m_inFlight)
        return; // the previous scrape is still running: skip this tick, as Prometheus does
    ScrapeOptions options;
    // A scrape may not outlast its interval.
    options.timeout = std::min(m_config.timeout, m_config.interval);
    options.maxBodyBytes = m_config.maxBodyBytes;
    options.fallbackFormat = m_config.fallbackFormat;
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    m_inFlight = m_fetcher.fetch(m_config.url, options);
}

void ScrapeTarget::record(std::string_view name, double value)
{
    Labels labels = m_targetLabels;
    labels.set(kMetricNameLabel, name);
    m_store.append(m_store.getOrCreate(labels, expo::MetricType::Gauge), m_startedMs, value);
}

void ScrapeTarget::onFetched(quint64 id, const ScrapeResult &result)
{
    if (id != m_inFlight)
        return;
    m_inFlight = 0;
    ScrapeReport report;
    report.timeMs = m_startedMs;
    report.durationSeconds = static_cast<double>(result.duration.count()) / 1000.0;
    report.error = result.error;
    report.errorMessage = result.errorMessage;
    if (result.ok()) {
        expo::ParseOptions options;
        options.maxBytes = static_cast<std::size_t>(m_config.maxBodyBytes);
        const std::string_view body(result.body.constData(), static_cast<std::size_t>(result.body.size()));
        const expo::ParseResult parsed = expo::parse(body, result.format.value_or(expo::Format::PrometheusText), options);
        if (parsed.ok()) {
            report.up = true;
            report.samplesScraped = static_cast<uint32_t>(parsed.samples.size());
            report.append = m_store.appendScrape(m_id, m_startedMs, parsed);
        } else {
            report.errorMessage = QStringLiteral("invalid payload at %1").arg(QString::fromStdString(parsed.error->toString()));
        }
    }
    if (!report.up)
        report.append = m_store.markTargetDown(m_id, m_startedMs);
    record("up", report.up ? 1.0 : 0.0);
    record("scrape_duration_seconds", report.durationSeconds);
    record("scrape_samples_scraped", report.samplesScraped);
    record("scrape_series_added", report.append.seriesCreated);
    m_last = report;
    Q_EMIT scraped(report);
}

} // namespace mw
