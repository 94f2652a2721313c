#include "ScrapeBackend.h"

#include "BackendsLog.h"
#include "StoreNames.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QUrl>

namespace mw::view {

namespace {

constexpr int64_t kRetentionEveryMs = 10'000;

RangeAnswer toAnswer(promql::QueryResult result)
{
    RangeAnswer answer;
    for (std::string &w : result.warnings)
        answer.warnings.push_back(QString::fromStdString(w));
    if (!result.ok()) {
        answer.error = QString::fromStdString(result.error);
        return answer;
    }
    auto *matrix = std::get_if<promql::Matrix>(&result.value);
    if (!matrix) {
        answer.error = ScrapeBackend::tr("The expression gives a %1, not series over time.")
                           .arg(QString::fromLatin1(result.resultType()));
        return answer;
    }
    answer.series.reserve(matrix->size());
    for (promql::MatrixSeries &s : *matrix)
        answer.series.push_back(
            {std::move(s.labels), std::make_shared<const std::vector<Point>>(std::move(s.points))});
    return answer;
}

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
    : SourceBackend(std::move(name), parent)
    , m_store(store)
    , m_queryable(m_store)
    , m_engine(m_queryable)
    , m_rules(m_queryable)
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
    auto target = std::make_unique<ScrapeTarget>(m_store, m_nextTarget++, config);
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
    m_store.markTargetDown(target.id(), timeMs);
    for (const char *synthetic : {"up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_series_added"}) {
        Labels labels = target.targetLabels();
        labels.set(kMetricNameLabel, synthetic);
        if (const Series *s = m_store.find(labels); s && !s->isStale())
            m_store.append(s->id(), std::max(timeMs, s->last().t + 1), staleNaN());
    }
    m_store.removeTarget(target.id());
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
        m_store.applyRetention(report.timeMs);
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

void ScrapeBackend::later(quint64 id, std::function<void()> work)
{
    m_queued.insert(id);
    QMetaObject::invokeMethod(
        this,
        [this, id, work = std::move(work)] {
            if (m_queued.remove(id))
                work();
        },
        Qt::QueuedConnection);
}

quint64 ScrapeBackend::rangeQuery(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs)
{
    const quint64 id = m_nextId++;
    later(id, [=, this] {
        QElapsedTimer clock;
        clock.start();
        RangeAnswer answer = toAnswer(m_engine.rangeQuery(expr.toStdString(), startMs, endMs, stepMs));
        qCDebug(lcBackends) << name() << "range query took" << clock.nsecsElapsed() / 1000 << "us:" << expr;
        Q_EMIT rangeFinished(id, answer);
    });
    return id;
}

quint64 ScrapeBackend::labelValues(const QString &label, const QString &metric)
{
    const quint64 id = m_nextId++;
    later(id, [=, this] { Q_EMIT namesFinished(id, StoreNames::labelValues(m_store, label, metric)); });
    return id;
}

quint64 ScrapeBackend::metricNames()
{
    const quint64 id = m_nextId++;
    later(id, [=, this] { Q_EMIT namesFinished(id, StoreNames::metricNames(m_store)); });
    return id;
}

quint64 ScrapeBackend::labelNames(const QString &metric)
{
    const quint64 id = m_nextId++;
    later(id, [=, this] { Q_EMIT namesFinished(id, StoreNames::labelNames(m_store, metric)); });
    return id;
}

void ScrapeBackend::cancel(quint64 id)
{
    m_queued.remove(id);
}

} // namespace mw::view
