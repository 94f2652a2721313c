#include "FeedPoller.h"

#include "FeedLogging.h"

#include "quality/FeedParser.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <charconv>

namespace mw::feeds {

FeedPoller::FeedPoller(FeedPollOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this))
    , m_credentials(this)
    , m_cursor(m_options.since)
{
    m_credentials.setAuth(m_options.auth);
    m_next.setSingleShot(true);
    m_timeout.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &FeedPoller::request);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (QNetworkReply *reply = m_reply) {
            m_timedOut = true;
            reply->abort();
        }
    });
}

FeedPoller::~FeedPoller()
{
    m_mode = Mode::Stopped;
    if (QNetworkReply *reply = m_reply) {
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QUrl FeedPoller::pageUrl(const QUrl &base, uint64_t since, int limit)
{
    QUrl url = base;
    QUrlQuery query(base);
    query.removeAllQueryItems(QStringLiteral("since"));
    query.removeAllQueryItems(QStringLiteral("limit"));
    query.addQueryItem(QStringLiteral("since"), QString::number(since));
    if (limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    url.setQuery(query);
    return url;
}

std::optional<uint64_t> FeedPoller::lastSeq(std::string_view body)
{
    static constexpr std::string_view kKey = "\"seq\":";
    std::optional<uint64_t> best;
    std::size_t pos = 0;
    while ((pos = body.find(kKey, pos)) != std::string_view::npos) {
        pos += kKey.size();
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
            ++pos;
        uint64_t v = 0;
        const auto [end, ec] = std::from_chars(body.data() + pos, body.data() + body.size(), v);
        if (ec == std::errc{} && (!best || v > *best))
            best = v;
        pos = static_cast<std::size_t>(end - body.data());
    }
    return best;
}

void FeedPoller::start()
{
    m_mode = Mode::Continuous;
    m_failures = 0;
    if (!m_reply)
        schedule(std::chrono::milliseconds(0));
}

void FeedPoller::drain()
{
    m_mode = Mode::Drain;
    m_failures = 0;
    if (!m_reply)
        schedule(std::chrono::milliseconds(0));
}

void FeedPoller::stop()
{
    m_mode = Mode::Stopped;
    m_next.stop();
}

void FeedPoller::schedule(std::chrono::milliseconds delay)
{
    m_next.start(std::max(std::chrono::milliseconds(0), delay));
}

void FeedPoller::request()
{
    if (m_mode == Mode::Stopped || m_reply || m_resolving)
        return;
    const QString scheme = m_options.url.scheme().toLower();
    if (!m_options.url.isValid() || (scheme != u"http" && scheme != u"https") || m_options.url.host().isEmpty()) {
        fail({FeedPollErrorKind::InvalidUrl,
              u"'" + m_options.url.toDisplayString() + u"' is not an http:// or https:// URL", 0});
        return;
    }
    m_resolving = true;
    m_credentials.request([this](const HttpCredentials &credentials) {
        m_resolving = false;
        if (m_mode == Mode::Stopped)
            return;
        if (!credentials.ok()) {
            fail({FeedPollErrorKind::Credentials, credentials.error + u" (nothing was sent)", 0});
            return;
        }
        send(credentials);
    });
}

void FeedPoller::send(const HttpCredentials &credentials)
{
    QNetworkRequest req(pageUrl(m_options.url, m_cursor, m_options.limit));
    req.setRawHeader("Accept", "application/x-ndjson, application/jsonl;q=0.9, text/csv;q=0.5, */*;q=0.1");
    credentials.applyTo(req);
    m_sentCredentials = credentials.sendsCredentials();
    m_body.clear();
    m_timedOut = false;
    m_tooLarge = false;
    QNetworkReply *reply = m_nam->get(req);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        m_body += reply->readAll();
        if (m_body.size() > m_options.maxBodyBytes && !m_tooLarge) {
            m_tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, &FeedPoller::onFinished);
    m_timeout.start(std::max(std::chrono::milliseconds(1), m_options.timeout));
}

void FeedPoller::onFinished()
{
    m_timeout.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const QUrl url = reply->url();
    if (m_tooLarge) {
        fail({FeedPollErrorKind::BodyTooLarge,
              u"feed page from " + url.toDisplayString(QUrl::RemoveUserInfo) + u" larger than "
                  + QString::number(m_options.maxBodyBytes) + u" bytes (lower limit=)",
              0});
        return;
    }
    if (m_timedOut) {
        fail({FeedPollErrorKind::Timeout,
              u"no complete response from " + url.toDisplayString(QUrl::RemoveUserInfo) + u" within "
                  + QString::number(m_options.timeout.count()) + u" ms",
              0});
        return;
    }
    m_body += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        fail(FeedPollError::transport(reply->error(), reply->errorString(), url));
        return;
    }
    const FeedPollError e = FeedPollError::response(
        status, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
        reply->rawHeader("Content-Type"), m_body, url, m_sentCredentials);
    if (!e.ok()) {
        fail(e);
        return;
    }
    if (reply->error() != QNetworkReply::NoError) { // e.g. closed in the middle of the body
        fail(FeedPollError::transport(reply->error(), reply->errorString(), url));
        return;
    }
    succeed(m_body);
}

void FeedPoller::succeed(const QByteArray &body)
{
    m_failures = 0;
    ++m_pages;
    const std::string_view bytes(body.constData(), static_cast<std::size_t>(body.size()));
    quality::FeedOptions o = m_options.parse;
    o.csvHeader = {};
    // A page is a whole document (lines end with '\n'): no partial lines to keep.
    quality::FeedBatch batch = quality::parseFeed(bytes, m_options.format, o);
    const auto lines = static_cast<int>(batch.records.size() + batch.rejectedLines);
    const uint64_t before = m_cursor;
    if (const auto seq = lastSeq(bytes))
        m_cursor = std::max(m_cursor, *seq);
    else
        m_cursor += static_cast<uint64_t>(lines);
    qCDebug(lcFeeds) << "feed page:" << lines << "lines, cursor" << before << "->" << m_cursor;
    if (!batch.records.empty() || batch.errorCount() > 0)
        Q_EMIT batchReady(batch);
    if (m_mode == Mode::Stopped)
        return;
    const bool full = m_options.limit > 0 && lines >= m_options.limit && m_cursor > before;
    if (full) {
        schedule(std::chrono::milliseconds(0));
        return;
    }
    Q_EMIT caughtUp();
    if (m_mode == Mode::Drain)
        m_mode = Mode::Stopped;
    else if (m_mode == Mode::Continuous)
        schedule(m_options.interval);
}

void FeedPoller::fail(const FeedPollError &error)
{
    ++m_failures;
    const bool spent = m_mode == Mode::Drain && m_failures > m_options.backoff.maxRetries;
    const bool givingUp = m_mode == Mode::Stopped || !error.retryable() || spent;
    qCWarning(lcFeeds).noquote() << "feed poll failed:" << error.message << (givingUp ? "(giving up)" : "(retrying)");
    if (givingUp)
        m_mode = Mode::Stopped;
    else
        schedule(m_mode == Mode::Continuous
                     ? std::max(m_options.interval, m_options.backoff.delayBefore(m_failures))
                     : m_options.backoff.delayBefore(m_failures));
    Q_EMIT failed(error, givingUp);
}

} // namespace mw::feeds
