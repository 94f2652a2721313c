#include "ScrapeFetcher.h"

#include "ScrapeText.h"

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
#include <QTimer>

#include <algorithm>
#include <string>
#include <string_view>

#ifndef MW_SCRAPE_VERSION
#define MW_SCRAPE_VERSION "0"
#endif

Q_LOGGING_CATEGORY(lcScrape, "modelwatch.scrape", QtWarningMsg)

namespace mw {

using scrapetext::durationText;
using scrapetext::hostPort;
using scrapetext::isGzipEncoding;
using scrapetext::isIdentityEncoding;
using scrapetext::timeoutSecondsHeader;

namespace {

constexpr qsizetype kErrorBodyKeep = 16 * 1024; ///< of an error response, for its snippet

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
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
    bool sentCredentials = false; ///< the request carried Authorization or auth headers
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
    , m_credentials(this)
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
    // At once when the credentials are resolved (or there are none), else
    // from the event loop once they are; never a request without them.
    m_credentials.request([this, job](const HttpCredentials &credentials) {
        if (job->completed)
            return; // aborted meanwhile
        if (!credentials.ok())
            return fail(job, ScrapeError::Credentials, credentials.error + u" (nothing was sent)");
        start(job, credentials);
    });
    return job->id;
}

void ScrapeFetcher::start(const std::shared_ptr<Job> &job, const HttpCredentials &credentials)
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
    credentials.applyTo(request);
    job->sentCredentials = credentials.sendsCredentials();

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
    const QString message = scrapetext::httpStatusMessage(
        {r.httpStatus, r.httpReason, r.contentType, r.contentEncoding, r.body, job->sentCredentials});
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

ScrapeResult ScrapeFetcher::fetchBlocking(const QUrl &url, const ScrapeOptions &options, const HttpAuth &auth)
{
    ScrapeFetcher fetcher;
    fetcher.setAuth(auth);
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
