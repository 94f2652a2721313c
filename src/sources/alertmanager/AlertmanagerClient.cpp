#include "AlertmanagerClient.h"

#include "AmLogging.h"
#include "AmReplyClassifier.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace mw {

namespace {

/// One Alertmanager API request: its AmRequest on the wire, its reply
/// classified (and decoded) into an AmResponse.
class AmCall final : public ApiResponseCall<AmResponse>
{
public:
    AmCall(AmRequest rq, QString deleteId) : request(std::move(rq)), silenceId(std::move(deleteId)) {}

    QNetworkReply *send(QNetworkAccessManager &nam, const AlertmanagerConnection &connection,
                        const PromCredentials &credentials) override
    {
        const QNetworkRequest rq =
            AmRequestBuilder::networkRequest(request, connection, credentials);
        return request.method == "POST"     ? nam.post(rq, request.body)
             : request.method == "DELETE" ? nam.deleteResource(rq)
                                            : nam.get(rq);
    }
    PromError classify(const PromReplyFacts &facts) override
    {
        response = AmReplyClassifier::classify(facts, request.kind, silenceId);
        return response.error;
    }
    PromError transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                             const QStringList &sslErrors) const override
    {
        return AmReplyClassifier::transportError(error, qtText, url, sslErrors);
    }

    /// Creating or expiring a silence twice is not harmless: retried only
    /// when the request cannot have reached the server.
    bool mayRetry(const PromError &error) const override
    {
        const bool unsent = error.kind == PromErrorKind::ConnectionRefused || error.kind == PromErrorKind::HostNotFound;
        return request.idempotent() || unsent;
    }
    PromError timeoutError(std::chrono::milliseconds timeout, const PromReplyFacts &facts) const override
    {
        PromError e;
        e.kind = PromErrorKind::Timeout;
        e.message = u"timed out after " + QString::number(timeout.count()) + u" ms waiting for "
            + PromReplyClassifier::hostPort(facts.url);
        return e;
    }
    bool refusesAnnouncedOversize() const override { return false; }

    const AmRequest request;
    const QString silenceId; ///< DELETE: the id asked for
};

} // namespace

AlertmanagerClient::AlertmanagerClient(QObject *parent)
    : ApiClient(lcAlertmanager, parent)
{
    qRegisterMetaType<mw::AmResponse>();
    connect(m_runner, &ApiRequestRunner::finished, this, [this](quint64 id, const std::shared_ptr<ApiCall> &call) {
        Q_EMIT finished(id, AmCall::of(*call));
    });
}

AlertmanagerClient::~AlertmanagerClient() = default;

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
    // Neither an invalid request nor one on an invalid connection reaches the server.
    const QString invalid = request.invalid.isEmpty() ? m_runner->connection().validate() : request.invalid;
    return m_runner->submit(std::make_shared<AmCall>(std::move(request), std::move(silenceId)),
                            {.timeout = options.timeout, .maxRetries = options.maxRetries, .supersedeKey = {}},
                            invalid);
}

} // namespace mw
