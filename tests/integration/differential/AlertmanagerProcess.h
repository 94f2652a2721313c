#pragma once

#include "../TestServerProcess.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>

namespace mw::test {

/// A real Alertmanager for a test (Debian's prometheus-alertmanager): started
/// on 127.0.0.1 on a free port with clustering off (an empty
/// --cluster.listen-address, so 9094 is never bound), its storage and a
/// minimal configuration (one receiver, nothing sent anywhere) in a temporary
/// directory, polled until /-/ready answers (bounded), and always stopped by
/// the destructor (TestServerProcess, as PrometheusProcess).
class AlertmanagerProcess
{
public:
    AlertmanagerProcess();
    ~AlertmanagerProcess();
    AlertmanagerProcess(const AlertmanagerProcess &) = delete;
    AlertmanagerProcess &operator=(const AlertmanagerProcess &) = delete;

    /// Path of the alertmanager binary (prometheus-alertmanager on Debian,
    /// alertmanager elsewhere), or empty when it is not installed.
    static QString binary();

    /// Starts the server; false with error() set when it did not become ready
    /// within `timeout`.
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    void stop();

    QUrl baseUrl() const { return m_server.baseUrl(); }
    QString error() const { return m_error; }
    QByteArray readLog() { return m_server.readLog(); }

    /// A raw request to baseUrl + path (bounded); returns the body, `status`
    /// 0 on a transport failure.
    QByteArray request(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, int &status,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

private:
    TestServerProcess m_server;
    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace mw::test
