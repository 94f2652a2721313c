#include "PrometheusProcess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace mw::test {

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

QString PrometheusProcess::binary()
{
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

QString PrometheusProcess::promtool()
{
    return QStandardPaths::findExecutable(QStringLiteral("promtool"));
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
    // A port can be taken between probing and binding: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const quint16 port = freePort();
        const QString scheme = m_access.caFile.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
        m_base = QUrl(scheme + QStringLiteral("://127.0.0.1:%1").arg(port));
        QStringList args{QStringLiteral("--config.file=") + configPath,
                         QStringLiteral("--storage.tsdb.path=") + storagePath,
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                         QStringLiteral("--storage.tsdb.retention.time=100y")};
        args += extraArgs;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // A test that crashes must not leave Prometheus running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start(exe, args);
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("prometheus did not start: ") + m_process.errorString();
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeout.count() && m_process.state() == QProcess::Running) {
            int status = 0;
            get(QStringLiteral("/-/ready"), status, std::chrono::seconds(2));
            if (status == 200)
                return true;
            m_process.waitForReadyRead(100); // also paces the polling
        }
        const QByteArray log = m_process.readAll();
        stop();
        m_error = QStringLiteral("prometheus was not ready within %1 ms; its log ends: %2")
                      .arg(timeout.count())
                      .arg(QString::fromUtf8(log.right(2000)));
        if (!log.contains("address already in use"))
            return false;
    }
    return false;
}

void PrometheusProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QByteArray PrometheusProcess::get(const QString &pathAndQuery, int &status, std::chrono::milliseconds timeout) const
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery));
    request.setTransferTimeout(static_cast<int>(timeout.count()));
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
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout + std::chrono::milliseconds(500), &loop, &QEventLoop::quit);
    loop.exec();
    status = reply->isFinished() ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    const QByteArray body = reply->isFinished() ? reply->readAll() : QByteArray();
    reply->abort();
    reply->deleteLater();
    return body;
}

} // namespace mw::test
