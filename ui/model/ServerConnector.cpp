#include "ServerConnector.h"

#include "exposition/ExpositionParser.h"
#include "prometheus/PrometheusClient.h"
#include "scrape/ScrapeFetcher.h"

#include <QLoggingCategory>

#include <algorithm>
#include <string_view>

Q_LOGGING_CATEGORY(lcConnect, "modelwatch.connect", QtWarningMsg)

namespace mw::view {
namespace {

constexpr std::chrono::milliseconds kMinAttempt{500};
/// How far past the budget the safety deadline fires (the attempts' own
/// timeouts normally end them first, with their specific messages).
constexpr std::chrono::milliseconds kDeadlineSlack{1'000};

bool endsWithMetrics(const QUrl &url)
{
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    return path.endsWith(QStringLiteral("/metrics"));
}

bool hasPath(const QUrl &url) { return !url.path().isEmpty() && url.path() != u"/"; }

QUrl under(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = base.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

/// The first clause of a long message: up to " (" (the advice part).
QString clause(const QString &message)
{
    const qsizetype cut = message.indexOf(QStringLiteral(" ("));
    return cut > 0 ? message.left(cut) : message;
}

bool isHtml(const ScrapeResult &scrape)
{
    if (scrape.contentType.trimmed().toLower().startsWith("text/html"))
        return true;
    const QByteArray head = scrape.body.left(64).trimmed().toLower();
    return head.startsWith("<!doctype html") || head.startsWith("<html");
}

/// Errors after which asking the same host again cannot help.
bool endsSearch(ScrapeError e)
{
    return e == ScrapeError::InvalidUrl || e == ScrapeError::HostNotFound || e == ScrapeError::ConnectionRefused
        || e == ScrapeError::Tls || e == ScrapeError::Timeout;
}

bool endsSearch(PromErrorKind k)
{
    switch (k) {
    case PromErrorKind::InvalidRequest:
    case PromErrorKind::Configuration:
    case PromErrorKind::HostNotFound:
    case PromErrorKind::ConnectionRefused:
    case PromErrorKind::Tls:
    case PromErrorKind::Authentication:
    case PromErrorKind::Timeout:
    case PromErrorKind::Api: // it is a Prometheus, and it said no
        return true;
    default:
        return false;
    }
}

} // namespace

ServerConnector::ServerConnector(QObject *parent)
    : QObject(parent), m_fetcher(new ScrapeFetcher(this)), m_client(new PrometheusClient(this))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ServerConnector::onDeadline);
    connect(m_fetcher, &ScrapeFetcher::finished, this, &ServerConnector::onScrape);
    connect(m_client, &PrometheusClient::finished, this, &ServerConnector::onPrometheus);
}

ServerConnector::~ServerConnector() = default;

QStringList ServerConnector::fallbackPaths()
{
    return {QStringLiteral("/metrics"), QStringLiteral("/monitoring/prometheus/metrics")};
}

void ServerConnector::connectTo(const QUrl &url)
{
    cancel();
    m_busy = true;
    m_url = url;
    m_clock.start();
    m_deadline.start(m_timeout + kDeadlineSlack);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        // Still from the event loop, as promised.
        const QString error = tr("'%1' is not an http:// or https:// URL").arg(url.toDisplayString());
        QMetaObject::invokeMethod(
            this, [this, error, generation = m_generation] {
                if (generation == m_generation && m_busy)
                    finishError(error);
            },
            Qt::QueuedConnection);
        return;
    }
    if (endsWithMetrics(url)) {
        m_plan.push_back({false, url, false});
    } else {
        m_plan.push_back({true, url, false});
        if (hasPath(url))
            m_plan.push_back({false, url, false});
        for (const QString &path : fallbackPaths())
            m_plan.push_back({false, under(url, path), true});
    }
    next();
}

void ServerConnector::cancel()
{
    ++m_generation;
    m_busy = false;
    m_scrapeId = 0;
    m_promId = 0;
    m_plan.clear();
    m_failures.clear();
    m_deadline.stop();
    m_fetcher->abortAll();
    m_client->cancelAll();
}

std::chrono::milliseconds ServerConnector::remaining() const
{
    return m_timeout - std::chrono::milliseconds(m_clock.elapsed());
}

void ServerConnector::next()
{
    if (m_plan.empty()) {
        finishError(tr("%1 is not a Prometheus server and serves no metrics where model servers do: %2")
                        .arg(ConnectFindings::hostPort(m_url), m_failures.join(QStringLiteral("; "))));
        return;
    }
    const std::chrono::milliseconds budget = remaining();
    if (budget < kMinAttempt) {
        onDeadline();
        return;
    }
    m_current = m_plan.front();
    m_plan.pop_front();
    const QString shown = m_current.url.toDisplayString(QUrl::RemoveUserInfo);
    qCDebug(lcConnect) << "trying" << shown << (m_current.prometheus ? "as a Prometheus API" : "as a scrape target");
    if (m_current.prometheus) {
        Q_EMIT progress(tr("Asking %1 whether it is a Prometheus server…").arg(shown));
        PrometheusConnection connection;
        connection.baseUrl = m_current.url;
        m_client->setConnection(connection);
        PromRequestOptions options;
        options.timeout = budget;
        options.maxRetries = 0;
        m_promId = m_client->labelValues(QStringLiteral("__name__"), options);
    } else {
        Q_EMIT progress(tr("Reading the metrics at %1…").arg(shown));
        ScrapeOptions options;
        options.timeout = budget;
        // A blank or odd Content-Type is parsed anyway: the parse says whether it is metrics.
        options.fallbackFormat = expo::Format::PrometheusText;
        m_scrapeId = m_fetcher->fetch(m_current.url, options);
    }
}

void ServerConnector::onPrometheus(quint64 id, const PromResponse &response)
{
    if (id == 0 || id != m_promId)
        return;
    m_promId = 0;
    if (!response.ok()) {
        const PromError &e = response.error;
        qCDebug(lcConnect) << "not a Prometheus API:" << e.message;
        if (e.kind == PromErrorKind::ConnectionRefused)
            return finishError(tr("connection refused by %1 (is the server running on that port?)")
                                   .arg(ConnectFindings::hostPort(m_current.url)));
        if (endsSearch(e.kind))
            return finishError(e.message);
        const QString why = e.kind == PromErrorKind::NotFound ? tr("HTTP %1").arg(e.httpStatus) : clause(e.message);
        return notIt(tr("no Prometheus API (%1)").arg(why));
    }
    const auto *names = response.get<std::vector<std::string>>();
    if (!names || names->empty())
        return finishError(tr("a Prometheus server at %1, but it stores no metrics yet (is it scraping anything?)")
                               .arg(ConnectFindings::hostPort(m_current.url)));
    finish(ConnectFindings::fromPrometheus(m_url, m_current.url, *names));
}

void ServerConnector::onScrape(quint64 id, const ScrapeResult &scrape)
{
    if (id == 0 || id != m_scrapeId)
        return;
    m_scrapeId = 0;
    if (!scrape.ok()) {
        qCDebug(lcConnect) << "scrape failed:" << scrape.errorMessage;
        if (endsSearch(scrape.error))
            return finishError(scrape.errorMessage);
        return notIt(clause(scrape.errorMessage));
    }
    if (isHtml(scrape)) {
        return notIt(tr("the reply is not Prometheus text but an HTML page (Content-Type %1)")
                         .arg(QString::fromLatin1(scrape.contentType.trimmed())));
    }
    expo::ParseOptions options;
    options.maxBytes = std::max<std::size_t>(options.maxBytes, static_cast<std::size_t>(scrape.body.size()));
    const std::string_view bytes(scrape.body.constData(), static_cast<std::size_t>(scrape.body.size()));
    const expo::ParseResult parsed = expo::parse(bytes, scrape.format.value_or(expo::Format::PrometheusText), options);
    if (!parsed.ok()) {
        return notIt(tr("the reply is not Prometheus text: line %1: %2")
                         .arg(parsed.error->line)
                         .arg(QString::fromStdString(parsed.error->reason)));
    }
    if (parsed.families.empty())
        return notIt(tr("the reply holds no metrics"));
    finish(ConnectFindings::fromScrape(m_url, m_current.url, parsed));
}

void ServerConnector::notIt(const QString &why)
{
    // The URL as typed, tried alone: its own error is the answer.
    if (m_failures.isEmpty() && m_plan.empty())
        return finishError(why);
    const QString where = m_current.prometheus ? tr("as a Prometheus API") : m_current.url.path();
    m_failures << where + QStringLiteral(": ") + why;
    next();
}

void ServerConnector::onDeadline()
{
    if (!m_busy)
        return;
    finishError(tr("no answer from %1 within %2 s")
                    .arg(ConnectFindings::hostPort(m_url))
                    .arg(double(m_timeout.count()) / 1000.0));
}

void ServerConnector::finishError(const QString &error)
{
    ConnectResult r;
    r.url = m_url;
    r.error = error;
    finish(std::move(r));
}

void ServerConnector::finish(ConnectResult result)
{
    const QUrl url = m_url;
    cancel(); // stops whatever is still in flight and the deadline
    result.url = url;
    qCDebug(lcConnect) << "finished:" << (result.ok() ? result.summary : result.error);
    Q_EMIT finished(result);
}

} // namespace mw::view
