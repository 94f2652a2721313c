#include "AlertmanagerProcess.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTcpServer>
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

constexpr const char *kConfig = "route:\n"
                                "  receiver: nowhere\n"
                                "  group_wait: 1s\n"
                                "receivers:\n"
                                "  - name: nowhere\n";

} // namespace

QString AlertmanagerProcess::binary()
{
    const QString debian = QStandardPaths::findExecutable(QStringLiteral("prometheus-alertmanager"));
    return debian.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("alertmanager")) : debian;
}

AlertmanagerProcess::~AlertmanagerProcess()
{
    stop();
}

bool AlertmanagerProcess::start(std::chrono::milliseconds timeout)
{
    const QString exe = binary();
    if (exe.isEmpty()) {
        m_error = QStringLiteral("alertmanager is not installed (Debian: apt-get install prometheus-alertmanager)");
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString configPath = m_dir.filePath(QStringLiteral("alertmanager.yml"));
    QFile config(configPath);
    if (!config.open(QIODevice::WriteOnly) || config.write(kConfig) < 0) {
        m_error = QStringLiteral("cannot write ") + configPath;
        return false;
    }
    config.close();
    // A port can be taken between probing and binding: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const quint16 port = freePort();
        m_base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        const QStringList args{QStringLiteral("--config.file=") + configPath,
                               QStringLiteral("--storage.path=") + m_dir.filePath(QStringLiteral("data")),
                               QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                               QStringLiteral("--cluster.listen-address="),
                               QStringLiteral("--log.level=warn")};
        m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // A test that crashes must not leave Alertmanager running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start(exe, args);
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("alertmanager did not start: ") + m_process.errorString();
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeout.count() && m_process.state() == QProcess::Running) {
            int status = 0;
            request("GET", QStringLiteral("/-/ready"), {}, status, std::chrono::seconds(2));
            if (status == 200)
                return true;
            m_process.waitForReadyRead(100); // also paces the polling
        }
        const QByteArray log = m_process.readAll();
        stop();
        m_error = QStringLiteral("alertmanager was not ready within %1 ms; its log ends: %2")
                      .arg(timeout.count())
                      .arg(QString::fromUtf8(log.right(2000)));
        if (!log.contains("address already in use"))
            return false;
    }
    return false;
}

void AlertmanagerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QByteArray AlertmanagerProcess::request(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                                        int &status, std::chrono::milliseconds timeout) const
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest rq(QUrl(m_base.toString() + pathAndQuery));
    rq.setTransferTimeout(static_cast<int>(timeout.count()));
    if (!body.isEmpty())
        rq.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QBuffer data;
    data.setData(body);
    data.open(QIODevice::ReadOnly);
    QNetworkReply *reply = nam.sendCustomRequest(rq, verb, &data);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout + std::chrono::milliseconds(500), &loop, &QEventLoop::quit);
    loop.exec();
    status = reply->isFinished() ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() : 0;
    const QByteArray out = reply->isFinished() ? reply->readAll() : QByteArray();
    reply->abort();
    reply->deleteLater();
    return out;
}

} // namespace mw::test
