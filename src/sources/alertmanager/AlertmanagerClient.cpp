#include "AlertmanagerClient.h"

#include "AmLogging.h"
#include "AmReplyClassifier.h"

#include "prometheus/PromCredentials.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <algorithm>

namespace mw {

struct AlertmanagerClient::Job
{
    quint64 id = 0;
    AmRequest request;
    AmRequestOptions options;
    QString silenceId; ///< DELETE: the id asked for
    int attempts = 0;
    bool done = false;
    QPointer<QNetworkReply> reply;
    QPointer<QTimer> timer;
    QPointer<QTimer> retryTimer;
    PromReplyFacts facts;
    QStringList sslErrors;
};

AlertmanagerClient::AlertmanagerClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<mw::AmResponse>();
    m_nam->setProxy(QNetworkProxy::NoProxy);
    m_nam->setCookieJar(nullptr);
}

AlertmanagerClient::~AlertmanagerClient()
{
    for (const auto &job : m_jobs)
        dropReply(job);
}

void AlertmanagerClient::setConnection(const AlertmanagerConnection &connection)
{
    m_connection = connection;
    m_secretState = SecretState::Unresolved;
    ++m_secretGeneration;
    m_authorization.clear();
    m_ssl = QSslConfiguration();
    if (!m_waitingForSecrets.empty())
        resolveSecrets();
}

quint64 AlertmanagerClient::alerts(const AmAlertQuery &query, const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::alerts(query), options);
}

quint64 AlertmanagerClient::silences(const QStringList &filter, const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::silences(filter), options);
}

quint64 AlertmanagerClient::createSilence(const AmSilenceSpec &spec, const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::createSilence(spec), options);
}

quint64 AlertmanagerClient::deleteSilence(const QString &silenceId, const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::deleteSilence(silenceId), options, silenceId);
}

quint64 AlertmanagerClient::postAlerts(const std::vector<AmPostableAlert> &alerts, const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::postAlerts(alerts), options);
}

quint64 AlertmanagerClient::healthy(const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::healthy(), options);
}

quint64 AlertmanagerClient::ready(const AmRequestOptions &options)
{
    return submit(AmRequestBuilder::ready(), options);
}

quint64 AlertmanagerClient::submit(AmRequest request, const AmRequestOptions &options, QString silenceId)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->request = std::move(request);
    job->options = options;
    job->silenceId = std::move(silenceId);
    m_jobs.push_back(job);
    m_undelivered.insert(job->id);
    if (!job->request.invalid.isEmpty()) {
        finishWith(job, PromErrorKind::InvalidRequest, job->request.invalid); // never reaches the server
    } else if (const QString invalid = m_connection.validate(); !invalid.isEmpty()) {
        finishWith(job, PromErrorKind::InvalidRequest, invalid);
    } else if (m_secretState == SecretState::Resolved) {
        startAttempt(job);
    } else {
        m_waitingForSecrets.push_back(job);
        if (m_secretState == SecretState::Unresolved)
            resolveSecrets();
    }
    return job->id;
}

void AlertmanagerClient::resolveSecrets()
{
    m_secretState = SecretState::Resolving;
    const quint64 generation = m_secretGeneration;
    PromCredentials::resolve(m_connection, this, [this, generation](const PromCredentials &credentials) {
        if (generation != m_secretGeneration)
            return; // the connection changed meanwhile; a newer resolution runs
        // A failure is not remembered: the next request tries again.
        m_secretState = credentials.ok() ? SecretState::Resolved : SecretState::Unresolved;
        m_authorization = credentials.authorization;
        m_ssl = credentials.ssl;
        const auto waiting = std::exchange(m_waitingForSecrets, {});
        for (const auto &job : waiting) {
            if (job->done)
                continue;
            if (credentials.ok())
                startAttempt(job);
            else
                finishWith(job, PromErrorKind::Configuration, credentials.error);
        }
    });
}

void AlertmanagerClient::startAttempt(const std::shared_ptr<Job> &job)
{
    if (job->done)
        return;
    ++job->attempts;
    job->facts = PromReplyFacts{};
    job->sslErrors.clear();
    const AmRequest &rq = job->request;
    const QNetworkRequest request = AmRequestBuilder::networkRequest(rq, m_connection, m_authorization, m_ssl);
    job->facts.url = request.url();
    QNetworkReply *reply = rq.method == "POST"     ? m_nam->post(request, rq.body)
                         : rq.method == "DELETE" ? m_nam->deleteResource(request)
                                                 : m_nam->get(request);
    job->reply = reply;
    qCDebug(lcAlertmanager) << "request" << job->id << "attempt" << job->attempts << rq.method
                            << request.url().toDisplayString(QUrl::RemoveUserInfo);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    job->timer = timer;
    connect(timer, &QTimer::timeout, this, [this, job] { onTimeout(job); });
    timer->start(std::max(std::chrono::milliseconds{1}, job->options.timeout));
    connect(reply, &QNetworkReply::readyRead, this, [this, job] { onReadyRead(job); });
    connect(reply, &QNetworkReply::finished, this, [this, job] { onReplyFinished(job); });
    connect(reply, &QNetworkReply::sslErrors, this, [job](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            job->sslErrors.append(e.errorString());
    });
}

void AlertmanagerClient::onTimeout(const std::shared_ptr<Job> &job)
{
    AmResponse r;
    r.error.kind = PromErrorKind::Timeout;
    r.error.message = u"timed out after " + QString::number(job->options.timeout.count()) + u" ms waiting for "
        + PromReplyClassifier::hostPort(job->facts.url);
    dropReply(job);
    attemptFailed(job, r);
}

void AlertmanagerClient::onReadyRead(const std::shared_ptr<Job> &job)
{
    QNetworkReply *reply = job->reply;
    if (!reply || job->done)
        return;
    job->facts.body.append(reply->readAll());
    if (job->facts.body.size() > m_maxResponseBytes) {
        const qint64 got = job->facts.body.size();
        dropReply(job);
        finishWith(job, PromErrorKind::BodyTooLarge,
                   u"response too large: more than the limit of " + QString::number(m_maxResponseBytes)
                       + u" bytes (download stopped after " + QString::number(got) + u" bytes)");
    }
}

void AlertmanagerClient::onReplyFinished(const std::shared_ptr<Job> &job)
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
    AmResponse r;
    if (!status.isValid()) {
        r.error = AmReplyClassifier::transportError(err, qtText, f.url, job->sslErrors);
        return attemptFailed(job, r);
    }
    f.remoteClosed = err == QNetworkReply::RemoteHostClosedError;
    r = AmReplyClassifier::classify(f, job->request.kind, job->silenceId);
    if (!r.ok())
        return attemptFailed(job, r);
    finish(job, std::move(r));
}

void AlertmanagerClient::attemptFailed(const std::shared_ptr<Job> &job, AmResponse response)
{
    const int maxRetries = job->options.maxRetries.value_or(m_retry.maxRetries);
    const int retry = job->attempts;
    const PromErrorKind kind = response.error.kind;
    const bool unsent = kind == PromErrorKind::ConnectionRefused || kind == PromErrorKind::HostNotFound;
    const bool safe = job->request.idempotent() || unsent;
    if (job->done || !safe || !PromRetryPolicy::isRetryable(response.error) || retry > maxRetries)
        return finish(job, std::move(response));
    const std::chrono::milliseconds delay = m_retry.delayBefore(retry);
    qCDebug(lcAlertmanager) << "request" << job->id << "retry" << retry << "in" << delay.count()
                            << "ms:" << response.error.message;
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

void AlertmanagerClient::finishWith(const std::shared_ptr<Job> &job, PromErrorKind kind, const QString &message)
{
    if (!job)
        return;
    AmResponse r;
    r.error.kind = kind;
    r.error.message = message;
    finish(job, std::move(r));
}

void AlertmanagerClient::finish(const std::shared_ptr<Job> &jobRef, AmResponse response)
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
    if (!response.ok())
        qCInfo(lcAlertmanager).noquote() << "request" << job->id << promErrorKindName(response.error.kind)
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

void AlertmanagerClient::dropReply(const std::shared_ptr<Job> &job)
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

void AlertmanagerClient::cancel(quint64 id)
{
    if (const auto job = findJob(id))
        finishWith(job, PromErrorKind::Canceled, QStringLiteral("canceled"));
}

void AlertmanagerClient::cancelAll()
{
    const auto jobs = m_jobs;
    for (const auto &job : jobs)
        finishWith(job, PromErrorKind::Canceled, QStringLiteral("canceled"));
}

std::shared_ptr<AlertmanagerClient::Job> AlertmanagerClient::findJob(quint64 id) const
{
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [id](const auto &j) { return j->id == id; });
    return it == m_jobs.end() ? nullptr : *it;
}

AmResponse AlertmanagerClient::waitFor(quint64 id)
{
    if (!m_undelivered.contains(id)) {
        AmResponse r;
        r.error.kind = PromErrorKind::InvalidRequest;
        r.error.message = u"request " + QString::number(id) + u" is unknown or already finished";
        return r;
    }
    AmResponse out;
    QEventLoop loop;
    connect(this, &AlertmanagerClient::finished, &loop, [&](quint64 finishedId, const AmResponse &response) {
        if (finishedId != id)
            return;
        out = response;
        loop.quit();
    });
    loop.exec();
    return out;
}

} // namespace mw
