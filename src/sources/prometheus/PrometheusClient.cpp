#include "PrometheusClient.h"

#include "PromApi.h"
#include "PromCredentials.h"
#include "PromLogging.h"
#include "PromReplyClassifier.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <algorithm>

namespace mw {

namespace {

QString durationText(std::chrono::milliseconds d)
{
    if (d.count() >= 1000 && d.count() % 1000 == 0)
        return QString::number(d.count() / 1000) + u" s";
    return QString::number(d.count()) + u" ms";
}

} // namespace

struct PrometheusClient::Job
{
    quint64 id = 0;
    PromRequest request;
    PromRequestOptions options;
    int attempts = 0;
    bool done = false;
    QPointer<QNetworkReply> reply;
    QPointer<QTimer> timer;      ///< per-attempt timeout
    QPointer<QTimer> retryTimer; ///< backoff wait
    PromReplyFacts facts;
    QStringList sslErrors;
};

PrometheusClient::PrometheusClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<mw::PromResponse>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setCookieJar(nullptr);
}

PrometheusClient::~PrometheusClient()
{
    for (const auto &job : m_jobs)
        dropReply(job);
}

void PrometheusClient::setConnection(const PrometheusConnection &connection)
{
    m_connection = connection;
    m_secretState = SecretState::Unresolved;
    ++m_secretGeneration;
    m_authorization.clear();
    m_ssl = QSslConfiguration();
    if (!m_waitingForSecrets.empty())
        resolveSecrets();
}

quint64 PrometheusClient::query(const QString &expr, std::optional<int64_t> timeMs, const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::query(expr, timeMs, options.evalTimeout), options);
}

quint64 PrometheusClient::queryRange(const QString &expr, int64_t startMs, int64_t endMs, int64_t stepMs,
                                     const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::queryRange(expr, startMs, endMs, stepMs, options.evalTimeout), options);
}

quint64 PrometheusClient::queryRangePoints(const QString &expr, int64_t startMs, int64_t endMs, int64_t points,
                                           const PromRequestOptions &options)
{
    return queryRange(expr, startMs, endMs,
                      PromApi::deriveStepMs(startMs, endMs, points, PromApi::StepRounding::Nice), options);
}

quint64 PrometheusClient::series(const QStringList &matchers, std::optional<int64_t> startMs,
                                 std::optional<int64_t> endMs, const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::series(matchers, startMs, endMs), options);
}

quint64 PrometheusClient::labels(const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::labels(), options);
}

quint64 PrometheusClient::labelValues(const QString &labelName, const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::labelValues(labelName), options);
}

quint64 PrometheusClient::metadata(const QString &metric, const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::metadata(metric), options);
}

quint64 PrometheusClient::alerts(const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::alerts(), options);
}

quint64 PrometheusClient::rules(const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::rules(), options);
}

quint64 PrometheusClient::healthy(const PromRequestOptions &options)
{
    return submit(PromRequestBuilder::healthy(), options);
}

quint64 PrometheusClient::submit(PromRequest request, const PromRequestOptions &options)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->request = std::move(request);
    job->options = options;
    m_jobs.push_back(job);
    m_undelivered.insert(job->id);

    if (!options.supersedeKey.isEmpty()) {
        const quint64 previous = m_bySupersedeKey.value(options.supersedeKey, 0);
        if (const auto old = findJob(previous))
            finishWith(old, PromErrorKind::Canceled,
                       u"superseded by a newer request for \"" + options.supersedeKey + u'"');
        m_bySupersedeKey.insert(options.supersedeKey, job->id);
    }

    if (!job->request.invalid.isEmpty()) {
        finishWith(job, PromErrorKind::InvalidRequest, job->request.invalid); // never reaches the server
    } else if (m_secretState == SecretState::Resolved) {
        startAttempt(job);
    } else {
        m_waitingForSecrets.push_back(job);
        if (m_secretState == SecretState::Unresolved)
            resolveSecrets();
    }
    return job->id;
}

void PrometheusClient::resolveSecrets()
{
    m_secretState = SecretState::Resolving;
    const quint64 generation = m_secretGeneration;
    PromCredentials::resolve(m_connection, this, [this, generation](const PromCredentials &credentials) {
        if (generation != m_secretGeneration)
            return; // the connection changed meanwhile; a newer resolution runs
        if (credentials.ok()) {
            m_authorization = credentials.authorization;
            m_ssl = credentials.ssl;
        }
        secretsResolved(credentials.error);
    });
}

void PrometheusClient::secretsResolved(const QString &error)
{
    // A failure is not remembered: the next request tries again (an
    // environment variable may have been set, a keyring unlocked).
    m_secretState = error.isEmpty() ? SecretState::Resolved : SecretState::Unresolved;
    const PromErrorKind kind = m_connection.validate().isEmpty() ? PromErrorKind::Configuration
                                                                 : PromErrorKind::InvalidRequest;
    const auto waiting = std::exchange(m_waitingForSecrets, {});
    for (const auto &job : waiting) {
        if (job->done)
            continue;
        if (error.isEmpty())
            startAttempt(job);
        else
            finishWith(job, kind, error);
    }
}

void PrometheusClient::startAttempt(const std::shared_ptr<Job> &job)
{
    if (job->done)
        return;
    ++job->attempts;
    job->facts = PromReplyFacts{};
    job->sslErrors.clear();
    const PromRequest &rq = job->request;
    QByteArray body;
    const QNetworkRequest request = PromRequestBuilder::networkRequest(rq, m_connection, m_authorization, m_ssl, body);
    const QUrl url = request.url();
    job->facts.url = url;
    QNetworkReply *reply = rq.method == "POST" ? m_nam->post(request, body) : m_nam->get(request);
    job->reply = reply;
    qCDebug(lcPromApi) << "request" << job->id << "attempt" << job->attempts << rq.method
                       << url.toDisplayString(QUrl::RemoveUserInfo);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    job->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, job] { onTimeout(job); });
    timer->start(std::max(std::chrono::milliseconds{1}, job->options.timeout));

    connect(reply, &QNetworkReply::metaDataChanged, this, [this, job] { onMetaData(job); });
    connect(reply, &QNetworkReply::readyRead, this, [this, job] { onReadyRead(job); });
    connect(reply, &QNetworkReply::finished, this, [this, job] { onReplyFinished(job); });
    connect(reply, &QNetworkReply::sslErrors, this, [job](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            job->sslErrors.append(e.errorString());
    });
}

void PrometheusClient::onTimeout(const std::shared_ptr<Job> &job)
{
    PromResponse r;
    r.error.kind = PromErrorKind::Timeout;
    r.error.message = u"timed out after " + durationText(job->options.timeout) + u" waiting for "
        + PromReplyClassifier::hostPort(job->facts.url)
        + (job->facts.body.isEmpty() ? QString() : QStringLiteral(" (the response had started)"));
    dropReply(job);
    attemptFailed(job, r);
}

void PrometheusClient::onMetaData(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->done)
        return;
    // Refuse an announced body above the cap before downloading any of it
    // (an encoded body's length says nothing about its inflated size).
    bool ok = false;
    const qint64 length = reply->rawHeader("Content-Length").trimmed().toLongLong(&ok);
    if (ok && length > m_maxResponseBytes && reply->rawHeader("Content-Encoding").isEmpty())
        tooLarge(job, length, true);
}

void PrometheusClient::onReadyRead(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->done)
        return;
    job->facts.body.append(reply->readAll());
    if (job->facts.body.size() > m_maxResponseBytes)
        tooLarge(job, job->facts.body.size(), false);
}

void PrometheusClient::tooLarge(const std::shared_ptr<Job> &job, qint64 bytes, bool announced)
{
    dropReply(job);
    PromResponse r;
    r.error.kind = PromErrorKind::BodyTooLarge;
    r.error.message = u"response too large: more than the limit of " + QString::number(m_maxResponseBytes)
        + (announced ? QString(u" bytes (the server announced " + QString::number(bytes) + u" bytes)")
                     : QString(u" bytes (download stopped after " + QString::number(bytes) + u" bytes)"));
    finish(job, r);
}

void PrometheusClient::onReplyFinished(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->done)
        return;
    onReadyRead(job);
    if (job->done)
        return;
    PromReplyFacts &f = job->facts;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError err = reply->error();
    const QString qtText = reply->errorString();
    PromReplyClassifier::readHeaders(*reply, f);
    dropReply(job);

    PromResponse r;
    if (!status.isValid()) {
        r.error = PromReplyClassifier::transportError(err, qtText, f.url, job->sslErrors);
        return attemptFailed(job, r);
    }
    f.remoteClosed = err == QNetworkReply::RemoteHostClosedError;
    r = PromReplyClassifier::classify(f, job->request.kind);
    if (!r.ok())
        return attemptFailed(job, r);
    finish(job, std::move(r));
}

void PrometheusClient::attemptFailed(const std::shared_ptr<Job> &job, PromResponse response)
{
    const int maxRetries = job->options.maxRetries.value_or(m_retry.maxRetries);
    const int retry = job->attempts; // the retry that would come next (1-based)
    if (job->done || !PromRetryPolicy::isRetryable(response.error) || retry > maxRetries)
        return finish(job, std::move(response));
    const std::chrono::milliseconds delay = m_retry.delayBefore(retry);
    qCDebug(lcPromApi) << "request" << job->id << "retry" << retry << "in" << delay.count() << "ms:"
                       << response.error.message;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    job->retryTimer = timer;
    connect(timer, &QTimer::timeout, this, [this, job, timer] {
        timer->deleteLater();
        startAttempt(job);
    });
    timer->start(delay);
    Q_EMIT retryScheduled(job->id, retry, static_cast<qint64>(delay.count()), response.error.message);
}

void PrometheusClient::finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message)
{
    if (!job)
        return;
    PromResponse r;
    r.error.kind = kind;
    r.error.message = message;
    finish(job, std::move(r));
}

void PrometheusClient::finish(const std::shared_ptr<Job> &jobRef, PromResponse response)
{
    const std::shared_ptr<Job> job = jobRef; // jobRef may live in a slot that is being released
    if (job->done)
        return;
    job->done = true;
    dropReply(job);
    if (QTimer *retryTimer = job->retryTimer) {
        retryTimer->stop();
        retryTimer->deleteLater();
    }
    response.attempts = job->attempts;
    std::erase(m_jobs, job);
    std::erase(m_waitingForSecrets, job);
    if (!job->options.supersedeKey.isEmpty() && m_bySupersedeKey.value(job->options.supersedeKey) == job->id)
        m_bySupersedeKey.remove(job->options.supersedeKey);
    if (!response.ok())
        qCInfo(lcPromApi).noquote() << "request" << job->id << promErrorKindName(response.error.kind)
                                    << response.error.message;
    const quint64 id = job->id;
    QMetaObject::invokeMethod(
        this,
        [this, id, response = std::move(response)] {
            m_undelivered.remove(id);
            Q_EMIT finished(id, response);
        },
        Qt::QueuedConnection);
}

void PrometheusClient::dropReply(const std::shared_ptr<Job> &job)
{
    if (job->timer)
        job->timer->stop();
    if (QNetworkReply *reply = job->reply) {
        job->reply = nullptr;
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
}

void PrometheusClient::cancel(quint64 id)
{
    if (const auto job = findJob(id))
        finishWith(job, PromErrorKind::Canceled, QStringLiteral("canceled"));
}

void PrometheusClient::cancelAll()
{
    const auto jobs = m_jobs;
    for (const auto &job : jobs)
        finishWith(job, PromErrorKind::Canceled, QStringLiteral("canceled"));
}

std::shared_ptr<PrometheusClient::Job> PrometheusClient::findJob(quint64 id) const
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [id](const auto &j) { return j->id == id; });
    return it == m_jobs.end() ? nullptr : *it;
}

PromResponse PrometheusClient::waitFor(quint64 id)
{
    if (!m_undelivered.contains(id)) {
        PromResponse r;
        r.error.kind = PromErrorKind::InvalidRequest;
        r.error.message = u"request " + QString::number(id) + u" is unknown or already finished";
        return r;
    }
    PromResponse out;
    QEventLoop loop;
    connect(this, &PrometheusClient::finished, &loop, [&](quint64 finishedId, const PromResponse &response) {
        if (finishedId != id)
            return;
        out = response;
        loop.quit();
    });
    loop.exec();
    return out;
}

} // namespace mw
