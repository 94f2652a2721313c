#include "TestServerProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>

#include <utility>

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

TestServerProcess::TestServerProcess(QString name)
    : m_name(std::move(name))
{
}

TestServerProcess::~TestServerProcess()
{
    stop();
}

bool TestServerProcess::start(const QString &exe, const QString &scheme, const Arguments &arguments,
                              const ReadyProbe &ready, std::chrono::milliseconds timeout)
{
    // A port can be taken between probing and binding: try a few.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const quint16 port = freePort();
        m_base = QUrl(scheme + QStringLiteral("://127.0.0.1:%1").arg(port));
        m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // A test that crashes must not leave the server running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process.start(exe, arguments(port));
        if (!m_process.waitForStarted(10000)) {
            m_error = m_name + QStringLiteral(" did not start: ") + m_process.errorString();
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeout.count() && m_process.state() == QProcess::Running) {
            if (ready())
                return true;
            m_process.waitForReadyRead(100); // also paces the polling
        }
        const QByteArray log = m_process.readAll();
        stop();
        m_error = QStringLiteral("%1 was not ready within %2 ms; its log ends: %3")
                      .arg(m_name)
                      .arg(timeout.count())
                      .arg(QString::fromUtf8(log.right(2000)));
        if (!log.contains("address already in use"))
            return false;
    }
    return false;
}

void TestServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QNetworkRequest TestServerProcess::request(const QString &pathAndQuery, std::chrono::milliseconds timeout) const
{
    QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery));
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    return request;
}

QByteArray TestServerProcess::await(QNetworkReply *reply, int &status, std::chrono::milliseconds timeout)
{
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
