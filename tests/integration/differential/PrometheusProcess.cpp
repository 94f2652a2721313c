#include "PrometheusProcess.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>

namespace mw::test {

QString PrometheusProcess::binary()
{
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

QString PrometheusProcess::promtool()
{
    return QStandardPaths::findExecutable(QStringLiteral("promtool"));
}

PrometheusProcess::PrometheusProcess()
    : m_server(QStringLiteral("prometheus"))
{
}

PrometheusProcess::~PrometheusProcess()
{
    stop();
}

bool PrometheusProcess::start(const QString &storagePath, const QString &configPath, const QStringList &extraArgs,
                              std::chrono::milliseconds timeout)
{
    const QString exe = binary();
    if (exe.isEmpty()) {
        m_error = QStringLiteral("prometheus is not installed");
        return false;
    }
    const QString scheme = m_access.caFile.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
    const auto arguments = [&](quint16 port) {
        return QStringList{QStringLiteral("--config.file=") + configPath,
                           QStringLiteral("--storage.tsdb.path=") + storagePath,
                           QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                           QStringLiteral("--storage.tsdb.retention.time=100y")}
            + extraArgs;
    };
    const auto ready = [this] {
        int status = 0;
        get(QStringLiteral("/-/ready"), status, std::chrono::seconds(2));
        return status == 200;
    };
    if (m_server.start(exe, scheme, arguments, ready, timeout))
        return true;
    m_error = m_server.error();
    return false;
}

void PrometheusProcess::stop()
{
    m_server.stop();
}

QByteArray PrometheusProcess::get(const QString &pathAndQuery, int &status, std::chrono::milliseconds timeout) const
{
    QNetworkRequest request = m_server.request(pathAndQuery, timeout);
    if (!m_access.caFile.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromPath(m_access.caFile));
        if (!m_access.clientCertFile.isEmpty()) {
            ssl.setLocalCertificateChain(QSslCertificate::fromPath(m_access.clientCertFile));
            QFile key(m_access.clientKeyFile);
            if (key.open(QIODevice::ReadOnly)) {
                const QByteArray pem = key.readAll();
                QSslKey k(pem, QSsl::Ec);
                ssl.setPrivateKey(k.isNull() ? QSslKey(pem, QSsl::Rsa) : k);
            }
        }
        request.setSslConfiguration(ssl);
    }
    if (!m_access.user.isEmpty())
        request.setRawHeader("Authorization", "Basic " + QByteArray(m_access.user + ':' + m_access.password).toBase64());
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    return TestServerProcess::await(nam.get(request), status, timeout);
}

bool PrometheusProcess::writeScrapeConfig(const QString &path, const QString &target, const QString &metricsPath)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QByteArray text = QStringLiteral("global:\n"
                                           "  scrape_interval: 1s\n"
                                           "  scrape_timeout: 1s\n"
                                           "scrape_configs:\n"
                                           "  - job_name: demo\n"
                                           "    metrics_path: %1\n"
                                           "    static_configs:\n"
                                           "      - targets: ['%2']\n")
                                .arg(metricsPath, target)
                                .toUtf8();
    return file.write(text) == text.size() && file.flush();
}

} // namespace mw::test
