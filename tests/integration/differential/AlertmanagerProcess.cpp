#include "AlertmanagerProcess.h"

#include <QBuffer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>

namespace mw::test {

namespace {

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

AlertmanagerProcess::AlertmanagerProcess()
    : m_server(QStringLiteral("alertmanager"))
{
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
    const auto arguments = [&](quint16 port) {
        return QStringList{QStringLiteral("--config.file=") + configPath,
                           QStringLiteral("--storage.path=") + m_dir.filePath(QStringLiteral("data")),
                           QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
                           QStringLiteral("--cluster.listen-address="),
                           QStringLiteral("--log.level=warn")};
    };
    const auto ready = [this] {
        int status = 0;
        request("GET", QStringLiteral("/-/ready"), {}, status, std::chrono::seconds(2));
        return status == 200;
    };
    if (m_server.start(exe, QStringLiteral("http"), arguments, ready, timeout))
        return true;
    m_error = m_server.error();
    return false;
}

void AlertmanagerProcess::stop()
{
    m_server.stop();
}

QByteArray AlertmanagerProcess::request(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                                        int &status, std::chrono::milliseconds timeout) const
{
    QNetworkRequest rq = m_server.request(pathAndQuery, timeout);
    if (!body.isEmpty())
        rq.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QBuffer data;
    data.setData(body);
    data.open(QIODevice::ReadOnly);
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    return TestServerProcess::await(nam.sendCustomRequest(rq, verb, &data), status, timeout);
}

} // namespace mw::test
