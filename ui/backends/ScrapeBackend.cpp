#include "ScrapeBackend.h"

#include "BackendsLog.h"

#include <QDateTime>
#include <QUrl>

namespace mw::view {

namespace {

constexpr int64_t kRetentionEveryMs = 10'000;

} // namespace

StoreConfig ScrapeBackend::defaultStoreConfig()
{
    StoreConfig config;
    config.retentionMs = int64_t{2} * 3600 * 1000;
    config.maxBytes = std::size_t{256} << 20;
    return config;
}

QString ScrapeBackend::validateTargets(const QStringList &urls)
{
    for (const QString &u : urls) {
        const QUrl url(u, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return tr("'%1' is not an http:// or https:// URL.").arg(u);
    }
    return {};
}

ScrapeBackend::ScrapeBackend(QString name, const QStringList &targets, std::chrono::milliseconds interval,
                             StoreConfig store, QObject *parent)
    : LocalStoreBackend(std::move(name), store, parent)
    , m_interval(interval)
{
    QStringList unique = targets;
    unique.removeDuplicates();
    for (const QString &url : unique)
        addTarget(url);
    updateHealth();
}

ScrapeBackend::~ScrapeBackend() = default;

void ScrapeBackend::start()
{
    m_running = true;
    for (auto &t : m_targets)
        t->start();
}

void ScrapeBackend::stop()
{
    m_running = false;
    for (auto &t : m_targets)
        t->stop();
}

int64_t ScrapeBackend::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void ScrapeBackend::addTarget(const QString &url)
{
    ScrapeTargetConfig config;
    config.url = QUrl(url, QUrl::StrictMode);
    config.interval = m_interval;
    config.timeout = m_interval; // ScrapeTarget caps it at the interval anyway
    config.auth = m_auth;
    auto target = std::make_unique<ScrapeTarget>(mutableStore(), m_nextTarget++, config);
    connect(target.get(), &ScrapeTarget::scraped, this,
            [this, t = target.get()](const ScrapeReport &report) { onScraped(t, report); });
    if (m_running)
        target->start();
    m_targets.push_back(std::move(target));
}

bool ScrapeBackend::setTargets(const QStringList &urls, QString *error)
{
    if (const QString why = validateTargets(urls); !why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    QStringList unique = urls;
    unique.removeDuplicates();
    if (unique == targets())
        return true;
    const int64_t now = nowMs();
    for (auto &t : m_targets)
        retireTarget(*t, now);
    m_targets.clear();
    for (const QString &url : unique)
        addTarget(url);
    qCDebug(lcBackends) << name() << "targets now" << unique;
    updateHealth();
    return true;
}

void ScrapeBackend::retireTarget(ScrapeTarget &target, int64_t timeMs)
{
    target.stop();
    // As Prometheus does for a target that goes away: its series, and the
    // synthetic ones the scrape loop wrote, end with a staleness marker.
    mutableStore().markTargetDown(target.id(), timeMs);
    for (const char *synthetic : {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added"}) {
        Labels labels = target.targetLabels();
        labels.set(kMetricNameLabel, synthetic);
        if (const Series *s = mutableStore().find(labels); s && !s->isStale())
            mutableStore().append(s->id(), std::max(timeMs, s->last().t + 1), staleNaN());
    }
    mutableStore().removeTarget(target.id());
}

void ScrapeBackend::setAuth(const HttpAuth &auth)
{
    m_auth = auth;
    for (auto &t : m_targets)
        t->setAuth(auth);
}

QStringList ScrapeBackend::targets() const
{
    QStringList out;
    for (const auto &t : m_targets)
        out.push_back(t->config().url.toString());
    return out;
}

void ScrapeBackend::onScraped(const ScrapeTarget *target, const ScrapeReport &report)
{
    if (report.up)
        m_health.lastSuccessMs = std::max(m_health.lastSuccessMs, report.timeMs);
    else
        qCDebug(lcBackends) << target->config().url << report.errorMessage;
    if (report.timeMs - m_lastRetentionMs >= kRetentionEveryMs) {
        m_lastRetentionMs = report.timeMs;
        mutableStore().applyRetention(report.timeMs);
    }
    updateHealth();
    Q_EMIT dataArrived();
}

void ScrapeBackend::updateHealth()
{
    int attempted = 0;
    int up = 0;
    int64_t last = 0;
    QStringList errors;
    for (const auto &t : m_targets) {
        const ScrapeReport &r = t->lastReport();
        if (r.timeMs == 0)
            continue; // not scraped yet
        ++attempted;
        last = std::max(last, r.timeMs);
        if (r.up)
            ++up;
        else
            errors.push_back(tr("%1: %2").arg(t->config().url.toString(), r.errorMessage));
    }
    SourceHealth h = m_health;
    h.lastAttemptMs = last;
    h.error = errors.join(QStringLiteral("; "));
    if (m_targets.empty()) {
        h.state = SourceState::Unknown;
        h.detail = tr("No targets");
    } else if (attempted == 0) {
        h.state = SourceState::Unknown;
        h.detail = tr("%n target(s), not scraped yet", nullptr, static_cast<int>(m_targets.size()));
    } else {
        h.state = up == attempted ? SourceState::Up : up == 0 ? SourceState::Down : SourceState::Partial;
        h.detail = tr("%1 of %2 targets up, last scrape %3")
                       .arg(up)
                       .arg(m_targets.size())
                       .arg(QDateTime::fromMSecsSinceEpoch(last).toString(QStringLiteral("HH:mm:ss")));
    }
    const bool changed = h.state != m_health.state || h.error != m_health.error || h.detail != m_health.detail;
    m_health = h;
    if (changed)
        Q_EMIT healthChanged();
}

} // namespace mw::view
