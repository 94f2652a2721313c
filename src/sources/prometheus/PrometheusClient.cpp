#include "PrometheusClient.h"

#include "PromApi.h"
#include "PromLogging.h"
#include "PromReplyClassifier.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace mw {

namespace {

/// One Prometheus API request: its PromRequest on the wire, its reply
/// classified (and decoded) into a PromResponse.
class PromCall final : public ApiResponseCall<PromResponse>
{
public:
    explicit PromCall(PromRequest rq) : request(std::move(rq)) {}

    QNetworkReply *send(QNetworkAccessManager &nam, const PrometheusConnection &connection,
                        const PromCredentials &credentials) override
    {
        QByteArray body;
        const QNetworkRequest rq =
            PromRequestBuilder::networkRequest(request, connection, credentials, body);
        return request.method == "POST" ? nam.post(rq, body) : nam.get(rq);
    }
    PromError classify(const PromReplyFacts &facts) override
    {
        response = PromReplyClassifier::classify(facts, request.kind);
        return response.error;
    }
    PromError transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                             const QStringList &sslErrors) const override
    {
        return PromReplyClassifier::transportError(error, qtText, url, sslErrors);
    }

    const PromRequest request;
};

} // namespace

PrometheusClient::PrometheusClient(QObject *parent)
    : ApiClient(lcPromApi, parent)
{
    qRegisterMetaType<mw::PromResponse>();
    connect(m_runner, &ApiRequestRunner::finished, this, [this](quint64 id, const std::shared_ptr<ApiCall> &call) {
        Q_EMIT finished(id, PromCall::of(*call));
    });
}

PrometheusClient::~PrometheusClient() = default;

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
    const QString invalid = request.invalid; // never reaches the server
    return m_runner->submit(std::make_shared<PromCall>(std::move(request)),
                            {.timeout = options.timeout, .maxRetries = options.maxRetries,
                             .supersedeKey = options.supersedeKey},
                            invalid);
}

} // namespace mw
