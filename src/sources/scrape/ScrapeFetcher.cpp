#include "ScrapeFetcher.h"

#include "exposition/ExpositionParser.h"
#include "exposition/Gzip.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QStringDecoder>
#include <QTimer>

#include <algorithm>
#include <string>
#include <string_view>

#ifndef MW_SCRAPE_VERSION
#define MW_SCRAPE_VERSION "0"
#endif

Q_LOGGING_CATEGORY(lcScrape, "modelwatch.scrape", QtWarningMsg)

namespace mw {

namespace {

constexpr qsizetype kSnippetChars = 200;
constexpr qsizetype kErrorBodyKeep = 16 * 1024;           ///< of an error response, for its snippet
constexpr std::size_t kErrorBodyInflateCap = 64 * 1024;

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

QString durationText(std::chrono::milliseconds d)
{
    if (d.count() >= 1000 && d.count() % 1000 == 0)
        return QString::number(d.count() / 1000) + u" s";
    return QString::number(d.count()) + u" ms";
}

/// Seconds as Prometheus writes them (strconv.FormatFloat(s, 'f', -1, 64)):
/// "10", "0.3", "2.5".
QByteArray timeoutSecondsHeader(std::chrono::milliseconds timeout)
{
    QByteArray text = QByteArray::number(static_cast<double>(timeout.count()) / 1000.0, 'f', 3);
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.'))
        text.chop(1);
    return text;
}

QString hostPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return host + u':' + QString::number(url.port(defaultPort));
}

/// The first ~200 characters of an error body when it is text, on one line.
QString textSnippet(const QByteArray &contentType, const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    const QByteArray type = contentType.trimmed().toLower();
    const bool declaredText = type.startsWith("text/") || type.contains("json") || type.contains("xml");
    if (!type.isEmpty() && !declaredText)
        return {};
    // Decode a little more than needed; a cut multi-byte character at the end
    // of the slice is not an error of the body.
    const QByteArray slice = body.left(kSnippetChars * 4);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(slice);
    if (slice.size() == body.size() && decoder.hasError())
        return {};
    const bool binary = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == QChar::ReplacementCharacter || (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t');
    });
    if (binary && slice.size() == body.size())
        return {};
    text = text.simplified();
    if (text.size() > kSnippetChars || slice.size() < body.size())
        text = text.left(kSnippetChars) + u'\u2026';
    return text;
}

bool isGzipEncoding(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e == "gzip" || e == "x-gzip";
}

bool isIdentityEncoding(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e.isEmpty() || e == "identity";
}

} // namespace

struct ScrapeFetcher::Job
{
    quint64 id = 0;
    ScrapeOptions options;
    ScrapeResult result;
    QElapsedTimer clock;
    QPointer<QNetworkReply> reply;
    QPointer<QTimer> timer;
    qint64 announcedLength = -1;
    bool completed = false;
};

const QByteArray &ScrapeFetcher::acceptHeader()
{
    static const QByteArray header = QByteArrayLiteral(
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
        "application/openmetrics-text;version=0.0.1;q=0.5,"
        "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
        "text/plain;version=0.0.4;q=0.3,"
        "*/*;q=0.2");
    return header;
}

QByteArray ScrapeFetcher::defaultUserAgent()
{
    return QByteArrayLiteral("ModelWatch/" MW_SCRAPE_VERSION);
}

ScrapeFetcher::ScrapeFetcher(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // Like Prometheus (proxy_from_environment defaults to false) and so that a
    // scrape of a loopback target never leaves the machine.
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setCookieJar(nullptr);
}

ScrapeFetcher::~ScrapeFetcher()
{
    // Replies die with the access manager; nobody listens any more.
    for (const auto &job : m_jobs) {
        if (job->reply)
            job->reply->disconnect(this);
    }
}

quint64 ScrapeFetcher::fetch(const QUrl &url, const ScrapeOptions &options)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->options = options;
    job->result.url = url;
    job->result.finalUrl = url;
    job->clock.start();
    m_jobs.push_back(job);

    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.isRelative() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty()) {
        const QString why = !url.isValid() ? url.errorString()
                                           : QStringLiteral("only absolute http:// and https:// URLs can be scraped");
        QMetaObject::invokeMethod(
            this, [this, job, why] { fail(job, ScrapeError::InvalidUrl, u"invalid URL: " + why); },
            Qt::QueuedConnection);
        return job->id;
    }
    start(job);
    return job->id;
}

void ScrapeFetcher::start(const std::shared_ptr<Job> &job)
{
    const ScrapeOptions &o = job->options;
    QNetworkRequest request(job->result.url);
    request.setRawHeader("Accept", acceptHeader());
    // Setting Accept-Encoding ourselves turns off Qt's transparent inflation:
    // the body arrives compressed and goes through our capped gunzip.
    request.setRawHeader("Accept-Encoding", "gzip");
    request.setRawHeader("X-Prometheus-Scrape-Timeout-Seconds", timeoutSecondsHeader(o.timeout));
    request.setHeader(QNetworkRequest::UserAgentHeader, o.userAgent.isEmpty() ? defaultUserAgent() : o.userAgent);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(std::max(0, o.maxRedirects));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    qCDebug(lcScrape) << "scrape" << job->id << "GET" << job->result.url.toDisplayString()
                      << "timeout" << o.timeout.count() << "ms, max" << o.maxBodyBytes << "bytes";

    QNetworkReply *reply = m_nam->get(request);
    job->reply = reply;

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    job->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, job] {
        const ScrapeResult &r = job->result;
        const QString where = r.httpStatus
            ? QString(u" while reading the body (" + QString::number(r.wireBytes) + u" bytes received)")
            : QStringLiteral(" waiting for a response");
        fail(job, ScrapeError::Timeout, u"timed out after " + durationText(job->options.timeout) + where);
    });
    timer->start(std::max(std::chrono::milliseconds{1}, o.timeout));

    connect(reply, &QNetworkReply::metaDataChanged, this, [this, job] { onMetaData(job); });
    connect(reply, &QNetworkReply::readyRead, this, [this, job] { onReadyRead(job); });
    connect(reply, &QNetworkReply::finished, this, [this, job] { onFinished(job); });
    connect(reply, &QNetworkReply::redirected, this, [job](const QUrl &to) {
        qCDebug(lcScrape) << "scrape" << job->id << "redirected to" << to.toDisplayString();
        job->result.finalUrl = to;
        job->result.body.clear();
        job->result.wireBytes = 0;
    });
}

void ScrapeFetcher::onMetaData(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->completed)
        return;
    ScrapeResult &r = job->result;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.httpReason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    r.contentType = reply->rawHeader("Content-Type");
    r.contentEncoding = reply->rawHeader("Content-Encoding");
    job->announcedLength = -1;
    if (reply->hasRawHeader("Content-Length")) {
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
        if (ok && length >= 0)
            job->announcedLength = length;
    }
    // Error responses are cut short in onReadyRead(); only a 200 body counts.
    if (r.httpStatus == 200 && job->announcedLength > job->options.maxBodyBytes) {
        fail(job, ScrapeError::BodyTooLarge,
             u"body too large: Content-Length announces " + QString::number(job->announcedLength)
                 + u" bytes, above the limit of " + QString::number(job->options.maxBodyBytes) + u" bytes");
    }
}

void ScrapeFetcher::onReadyRead(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->completed)
        return;
    const QByteArray chunk = reply->readAll();
    ScrapeResult &r = job->result;
    r.wireBytes += chunk.size();
    const bool redirect = r.httpStatus >= 300 && r.httpStatus < 400 && reply->hasRawHeader("Location");
    if (r.httpStatus != 0 && r.httpStatus != 200 && !redirect) {
        // An error page: keep its beginning for the message; stop a huge one at the cap.
        r.body.append(chunk.left(std::max<qsizetype>(0, kErrorBodyKeep - r.body.size())));
        if (r.wireBytes > job->options.maxBodyBytes)
            failHttpStatus(job);
        return;
    }
    if (r.wireBytes > job->options.maxBodyBytes) {
        fail(job, ScrapeError::BodyTooLarge,
             u"body too large: more than the limit of " + QString::number(job->options.maxBodyBytes)
                 + u" bytes (download stopped after " + QString::number(r.wireBytes) + u" bytes)");
        return;
    }
    r.body.append(chunk);
}

void ScrapeFetcher::onFinished(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->completed)
        return;
    onMetaData(job);
    if (job->completed)
        return;
    onReadyRead(job); // whatever is still buffered
    if (job->completed)
        return;

    ScrapeResult &r = job->result;
    r.finalUrl = reply->url();
    const QNetworkReply::NetworkError err = reply->error();
    const bool gotResponse = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();

    // Qt hands over the last 3xx response when it stops following redirects.
    if (err == QNetworkReply::TooManyRedirectsError)
        return fail(job, ScrapeError::TooManyRedirects,
                    u"too many redirects: more than " + QString::number(job->options.maxRedirects) + u" (last "
                        + r.finalUrl.toDisplayString() + u')');
    if (err == QNetworkReply::InsecureRedirectError)
        return fail(job, ScrapeError::Network,
                    u"refused a redirect from https to http (" + r.finalUrl.toDisplayString() + u')');

    if (!gotResponse) {
        const QUrl &url = r.finalUrl;
        switch (err) {
        case QNetworkReply::HostNotFoundError:
            return fail(job, ScrapeError::HostNotFound, u"host not found: \"" + url.host() + u"\" does not resolve");
        case QNetworkReply::ConnectionRefusedError:
            return fail(job, ScrapeError::ConnectionRefused,
                        u"connection refused by " + hostPort(url) + u" (is the server running on that port?)");
        case QNetworkReply::SslHandshakeFailedError:
            return fail(job, ScrapeError::Tls, u"TLS/SSL error with " + hostPort(url) + u": " + reply->errorString());
        case QNetworkReply::TimeoutError:
            return fail(job, ScrapeError::Timeout, u"timed out: " + reply->errorString());
        case QNetworkReply::RemoteHostClosedError:
            return fail(job, ScrapeError::Network,
                        u"connection closed by " + hostPort(url) + u" before a complete HTTP response");
        default:
            return fail(job, ScrapeError::Network, u"network error: " + reply->errorString());
        }
    }

    // Prometheus refuses every status but 200 ("server returned HTTP status …").
    if (r.httpStatus != 200)
        return failHttpStatus(job);

    const bool lengthMismatch = job->announcedLength >= 0 && r.wireBytes != job->announcedLength;
    if (err == QNetworkReply::RemoteHostClosedError || lengthMismatch) {
        QString message = u"truncated body: connection closed after " + QString::number(r.wireBytes) + u" bytes";
        if (job->announcedLength >= 0)
            message += u" of the " + QString::number(job->announcedLength) + u" announced by Content-Length";
        return fail(job, ScrapeError::TruncatedBody, message);
    }
    if (err != QNetworkReply::NoError)
        return fail(job, ScrapeError::Network, u"network error: " + reply->errorString());

    // Prometheus 3 refuses blank and unknown content types unless the target
    // has a fallback protocol.
    r.format = expo::formatForContentType(view(r.contentType));
    if (!r.format)
        r.format = job->options.fallbackFormat;
    if (!r.format) {
        static const QString accepted = QStringLiteral(
            "accepted: application/openmetrics-text (1.0.0, 0.0.1) and text/plain (1.0.0, 0.0.4)");
        const QString message = r.contentType.trimmed().isEmpty()
            ? QString(u"blank Content-Type: the target sent none; " + accepted)
            : QString(u"unsupported Content-Type \"" + QString::fromLatin1(r.contentType) + u"\"; " + accepted);
        return fail(job, ScrapeError::UnsupportedContentType, message);
    }

    if (isGzipEncoding(r.contentEncoding)) {
        std::string inflated;
        std::string error;
        const auto cap = static_cast<std::size_t>(job->options.maxBodyBytes);
        if (!expo::gunzip(view(r.body), cap, inflated, error)) {
            // gunzip does not say whether the stream was corrupt or a bomb; its
            // sentence does, and it names the limit. Both are "bad gzip" here.
            return fail(job, ScrapeError::BadGzip,
                        u"bad gzip body (" + QString::number(r.wireBytes) + u" bytes on the wire): "
                            + QString::fromStdString(error));
        }
        r.body = QByteArray(inflated.data(), static_cast<qsizetype>(inflated.size()));
    } else if (!isIdentityEncoding(r.contentEncoding)) {
        return fail(job, ScrapeError::UnsupportedContentType,
                    u"unsupported Content-Encoding \"" + QString::fromLatin1(r.contentEncoding)
                        + u"\" (only gzip was asked for)");
    }
    complete(job);
}

void ScrapeFetcher::failHttpStatus(const std::shared_ptr<Job> &job)
{
    ScrapeResult &r = job->result;
    QString message = u"HTTP " + QString::number(r.httpStatus);
    if (!r.httpReason.isEmpty())
        message += u' ' + QString::fromLatin1(r.httpReason);
    if (r.httpStatus == 401)
        message += QStringLiteral(" (authentication problem: the target requires credentials)");
    else if (r.httpStatus == 403)
        message += QStringLiteral(" (authentication problem: access to the target is forbidden)");
    QByteArray errorBody = r.body;
    if (isGzipEncoding(r.contentEncoding)) {
        std::string inflated, ignored;
        errorBody = expo::gunzip(view(r.body), kErrorBodyInflateCap, inflated, ignored)
                        ? QByteArray(inflated.data(), static_cast<qsizetype>(inflated.size()))
                        : QByteArray();
    }
    const QString snippet = textSnippet(r.contentType, errorBody);
    if (!snippet.isEmpty())
        message += u": " + snippet;
    r.body.clear();
    const bool auth = r.httpStatus == 401 || r.httpStatus == 403;
    fail(job, auth ? ScrapeError::Authentication : ScrapeError::HttpStatus, message);
}

void ScrapeFetcher::fail(const std::shared_ptr<Job> &jobRef, ScrapeError error, const QString &message)
{
    const std::shared_ptr<Job> job = jobRef; // jobRef may live in a slot that disconnect() releases
    if (job->completed)
        return;
    job->result.error = error;
    job->result.errorMessage = message;
    job->result.body.clear();
    job->result.format.reset();
    if (QNetworkReply *reply = job->reply) {
        reply->disconnect(this);
        // Qt has already set an error on a 4xx/5xx reply and warns when abort()
        // sets a second one; deleting the reply (complete()) closes its
        // connection just as well.
        if (reply->isRunning() && reply->error() == QNetworkReply::NoError)
            reply->abort();
    }
    complete(job);
}

void ScrapeFetcher::complete(const std::shared_ptr<Job> &jobRef)
{
    const std::shared_ptr<Job> job = jobRef; // keeps the job alive past std::erase below
    if (job->completed)
        return;
    job->completed = true;
    if (job->timer)
        job->timer->stop();
    if (QNetworkReply *reply = job->reply) {
        reply->disconnect(this);
        reply->deleteLater();
    }
    job->reply = nullptr;
    ScrapeResult &r = job->result;
    r.duration = std::chrono::milliseconds(job->clock.elapsed());
    std::erase(m_jobs, job);
    if (r.ok())
        qCDebug(lcScrape) << "scrape" << job->id << "ok:" << r.httpStatus << r.contentType << r.body.size()
                          << "bytes in" << r.duration.count() << "ms";
    else
        qCDebug(lcScrape) << "scrape" << job->id << "failed:" << scrapeErrorName(r.error) << r.errorMessage;
    Q_EMIT finished(job->id, r);
}

void ScrapeFetcher::abortAll()
{
    const auto jobs = m_jobs;
    for (const auto &job : jobs)
        fail(job, ScrapeError::Network, QStringLiteral("scrape aborted"));
}

ScrapeResult ScrapeFetcher::fetchBlocking(const QUrl &url, const ScrapeOptions &options)
{
    ScrapeFetcher fetcher;
    QEventLoop loop;
    ScrapeResult out;
    bool done = false;
    const quint64 id = fetcher.fetch(url, options);
    connect(&fetcher, &ScrapeFetcher::finished, &loop, [&](quint64 finishedId, const ScrapeResult &result) {
        if (finishedId != id)
            return;
        out = result;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return out;
}

} // namespace mw
