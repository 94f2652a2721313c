#include "DemoTestClient.h"

#include "demo/DemoServer.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>

#include <nlohmann/json.hpp>

namespace mw::test {

DemoTestClient::DemoTestClient()
    : m_nam(std::make_unique<QNetworkAccessManager>())
{
    demo::DemoServer::Options options;
    options.port = 0;
    options.rate = 0.0;         // no load unless a test asks for it
    options.labelDelayMs = 1000;
    options.labelPollMs = 0;    // labels arrive when the test steps the clock
    options.clockMs = [this] { return m_nowMs; };
    m_server = std::make_unique<demo::DemoServer>(options);
    m_nam->setProxy(QNetworkProxy::NoProxy); // loopback, whatever http_proxy says
}

DemoTestClient::~DemoTestClient() = default;

bool DemoTestClient::start(QString &error)
{
    if (!m_server->start(&error))
        return false;
    if (m_server->port() == 0) {
        error = QStringLiteral("the demo server listens on no port");
        return false;
    }
    return true;
}

void DemoTestClient::advance(int64_t ms)
{
    m_nowMs += ms;
    m_server->releaseLabels();
}

QNetworkReply *DemoTestClient::send(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_server->url().toString() + path));
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
