#include "ApiRequestRunner.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <algorithm>

namespace mw {

namespace {

QByteArray methodName(const QNetworkReply &reply)
{
    switch (reply.operation()) {
    case QNetworkAccessManager::GetOperation:
        return QByteArrayLiteral("GET");
    case QNetworkAccessManager::PostOperation:
        return QByteArrayLiteral("POST");
    case QNetworkAccessManager::DeleteOperation:
        return QByteArrayLiteral("DELETE");
    case QNetworkAccessManager::PutOperation:
        return QByteArrayLiteral("PUT");
    case QNetworkAccessManager::HeadOperation:
        return QByteArrayLiteral("HEAD");
    default:
        return reply.request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

} // namespace

struct ApiRequestRunner::Job
{
    quint64 id = 0;
    std::shared_ptr<ApiCall> call;
    ApiCallOptions options;
    int attempts = 0;
    bool done = false;
    QPointer<QNetworkReply> reply;
    QPointer<QTimer> timer;      ///< per-attempt timeout
    QPointer<QTimer> retryTimer; ///< backoff wait
    PromReplyFacts facts;
    QStringList sslErrors;
};

ApiRequestRunner::ApiRequestRunner(Category log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setCookieJar(nullptr);
}

ApiRequestRunner::~ApiRequestRunner()
{
    for (const auto &job : m_jobs)
        dropReply(job);
}

void ApiRequestRunner::setConnection(const PrometheusConnection &connection)
{
    m_connection = connection;
    m_secretState = SecretState::Unresolved;
    ++m_secretGeneration;
    m_credentials = PromCredentials();
    if (!m_waitingForSecrets.empty())
        resolveSecrets();
}

quint64 ApiRequestRunner::submit(std::shared_ptr<ApiCall> call, const ApiCallOptions &options, const QString &invalid)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->call = std::move(call);
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

    if (!invalid.isEmpty()) {
        finishWith(job, PromErrorKind::InvalidRequest, invalid); // never reaches the server
    } else if (m_secretState == SecretState::Resolved) {
        startAttempt(job);
    } else {
        m_waitingForSecrets.push_back(job);
        if (m_secretState == SecretState::Unresolved)
            resolveSecrets();
    }
    return job->id;
}

void ApiRequestRunner::resolveSecrets()
{
    m_secretState = SecretState::Resolving;
    const quint64 generation = m_secretGeneration;
    PromCredentials::resolve(m_connection, this, [this, generation](const PromCredentials &credentials) {
        if (generation != m_secretGeneration)
            return; // the connection changed meanwhile; a newer resolution runs
        if (credentials.ok())
            m_credentials = credentials;
        secretsResolved(credentials.error);
    });
}

void ApiRequestRunner::secretsResolved(const QString &error)
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

void ApiRequestRunner::startAttempt(const std::shared_ptr<Job> &job)
{
    if (job->done)
        return;
    ++job->attempts;
    job->facts = PromReplyFacts{};
    job->sslErrors.clear();
    QNetworkReply *reply = job->call->send(*m_nam, m_connection, m_credentials);
    const QUrl url = reply->request().url();
    job->facts.url = url;
    job->reply = reply;
    qCDebug(m_log) << "request" << job->id << "attempt" << job->attempts << methodName(*reply)
                   << url.toDisplayString(QUrl::RemoveUserInfo);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    job->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, job] { onTimeout(job); });
    timer->start(std::max(std::chrono::milliseconds{1}, job->options.timeout));

    if (job->call->refusesAnnouncedOversize())
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, job] { onMetaData(job); });
    connect(reply, &QNetworkReply::readyRead, this, [this, job] { onReadyRead(job); });
    connect(reply, &QNetworkReply::finished, this, [this, job] { onReplyFinished(job); });
    connect(reply, &QNetworkReply::sslErrors, this, [job](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            job->sslErrors.append(e.errorString());
    });
}

void ApiRequestRunner::onTimeout(const std::shared_ptr<Job> &job)
{
    if (job->done)
        return;
    const PromError error = job->call->timeoutError(job->options.timeout, job->facts);
    dropReply(job);
    job->call->fail(error);
    attemptFailed(job, error);
}

void ApiRequestRunner::onMetaData(const std::shared_ptr<Job> &job)
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

void ApiRequestRunner::onReadyRead(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->done)
        return;
    job->facts.body.append(reply->readAll());
    if (job->facts.body.size() > m_maxResponseBytes)
        tooLarge(job, job->facts.body.size(), false);
}

void ApiRequestRunner::tooLarge(const std::shared_ptr<Job> &job, qint64 bytes, bool announced)
{
    dropReply(job);
    finishWith(job, PromErrorKind::BodyTooLarge,
               u"response too large: more than the limit of " + QString::number(m_maxResponseBytes)
                   + (announced ? QString(u" bytes (the server announced " + QString::number(bytes) + u" bytes)")
                                : QString(u" bytes (download stopped after " + QString::number(bytes) + u" bytes)")));
}

void ApiRequestRunner::onReplyFinished(const std::shared_ptr<Job> &job)
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

    PromError error;
    if (!status.isValid()) {
        error = job->call->transportError(err, qtText, f.url, job->sslErrors);
        job->call->fail(error);
        return attemptFailed(job, error);
    }
    f.remoteClosed = err == QNetworkReply::RemoteHostClosedError;
    error = job->call->classify(f);
    if (error.kind != PromErrorKind::None)
        return attemptFailed(job, error);
    finish(job, error);
}

void ApiRequestRunner::attemptFailed(const std::shared_ptr<Job> &job, const PromError &error)
{
    const int maxRetries = job->options.maxRetries.value_or(m_retry.maxRetries);
    const int retry = job->attempts; // the retry that would come next (1-based)
    if (job->done || !PromRetryPolicy::isRetryable(error) || !job->call->mayRetry(error) || retry > maxRetries)
        return finish(job, error);
    const std::chrono::milliseconds delay = m_retry.delayBefore(retry);
    qCDebug(m_log) << "request" << job->id << "retry" << retry << "in" << delay.count() << "ms:" << error.message;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    job->retryTimer = timer;
    connect(timer, &QTimer::timeout, this, [this, job, timer] {
        timer->deleteLater();
        startAttempt(job);
    });
    timer->start(delay);
    Q_EMIT retryScheduled(job->id, retry, static_cast<qint64>(delay.count()), error.message);
}

void ApiRequestRunner::finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message)
{
    if (!job || job->done)
        return;
    PromError error;
    error.kind = kind;
    error.message = message;
    job->call->fail(error);
    finish(job, error);
}

void ApiRequestRunner::finish(const std::shared_ptr<Job> &jobRef, const PromError &error)
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
    job->call->setAttempts(job->attempts);
    std::erase(m_jobs, job);
    std::erase(m_waitingForSecrets, job);
    if (!job->options.supersedeKey.isEmpty() && m_bySupersedeKey.value(job->options.supersedeKey) == job->id)
        m_bySupersedeKey.remove(job->options.supersedeKey);
    if (error.kind != PromErrorKind::None)
        qCInfo(m_log).noquote() << "request" << job->id << promErrorKindName(error.kind) << error.message;
    QMetaObject::invokeMethod(
        this,
        [this, id = job->id, call = job->call] {
            m_undelivered.remove(id);
            Q_EMIT finished(id, call);
        },
        Qt::QueuedConnection);
}

void ApiRequestRunner::dropReply(const std::shared_ptr<Job> &job)
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

void ApiRequestRunner::cancel(quint64 id)
{
    finishWith(findJob(id), PromErrorKind::Canceled, QStringLiteral("canceled"));
}

void ApiRequestRunner::cancelAll()
{
    const auto jobs = m_jobs;
    for (const auto &job : jobs)
        finishWith(job, PromErrorKind::Canceled, QStringLiteral("canceled"));
}

std::shared_ptr<ApiRequestRunner::Job> ApiRequestRunner::findJob(quint64 id) const
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [id](const auto &j) { return j->id == id; });
    return it == m_jobs.end() ? nullptr : *it;
}

std::shared_ptr<ApiCall> ApiRequestRunner::waitFor(quint64 id)
{
    if (!m_undelivered.contains(id))
        return nullptr;
    std::shared_ptr<ApiCall> out;
    QEventLoop loop;
    connect(this, &ApiRequestRunner::finished, &loop,
            [&](quint64 finishedId, const std::shared_ptr<ApiCall> &call) {
                if (finishedId != id)
                    return;
                out = call;
                loop.quit();
            });
    loop.exec();
    return out;
}

PromError ApiRequestRunner::unknownRequest(quint64 id)
{
    PromError error;
    error.kind = PromErrorKind::InvalidRequest;
    error.message = u"request " + QString::number(id) + u" is unknown or already finished";
    return error;
}

} // namespace mw
