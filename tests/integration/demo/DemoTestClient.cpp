#include "DemoTestClient.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>

#include <nlohmann/json.hpp>

namespace mw::test {

DemoTestClient::DemoTestClient(QUrl base)
    : m_base(std::move(base))
    , m_nam(std::make_unique<QNetworkAccessManager>())
{
    m_nam->setProxy(QNetworkProxy::NoProxy); // loopback, whatever http_proxy says
}

DemoTestClient::~DemoTestClient() = default;

QNetworkReply *DemoTestClient::send(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_base.toString() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kReplyTimeoutMs);
    return m_nam->sendCustomRequest(request, verb, body);
}

DemoTestClient::Reply DemoTestClient::await(QNetworkReply *reply)
{
    std::unique_ptr<QNetworkReply> owner(reply);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(kReplyTimeoutMs))
            return {};
    }
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
            reply->header(QNetworkRequest::ContentTypeHeader).toByteArray()};
}

ScrapedMetrics DemoTestClient::scrape()
{
    const Reply r = get(QStringLiteral("/monitoring/prometheus/metrics"));
    if (r.status != 200) // a payload that cannot parse: ok() is false, error() says so
        return ScrapedMetrics("not a payload: status " + std::to_string(r.status) + "\n",
                              expo::Format::OpenMetrics);
    const auto format = expo::formatForContentType(r.contentType.toStdString());
    return ScrapedMetrics(r.body.toStdString(), format.value_or(expo::Format::OpenMetrics));
}

DemoTestClient::Confusion DemoTestClient::confusion()
{
    const ScrapedMetrics s = scrape();
    auto cell = [&s](const char *predicted, const char *actual) {
        return s.sum("model_predictions_total", {{"predicted", predicted}, {"actual", actual}});
    };
    return {cell("1", "1"), cell("1", "0"), cell("0", "1"), cell("0", "0")};
}

QByteArray DemoTestClient::predictBody(int instances, double value)
{
    nlohmann::json rows = nlohmann::json::array();
    for (int i = 0; i < instances; ++i)
        rows.push_back(nlohmann::json::array({value, value, value, value, value, value, value, -value}));
    const std::string s = nlohmann::json{{"instances", rows}}.dump();
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace mw::test
