#pragma once

#include "../TestServerProcess.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace mw::test {

/// A real Prometheus server for a test: started on 127.0.0.1 on a free port
/// with the given storage directory and extra flags, polled until /-/ready
/// answers (bounded), and always stopped by the destructor.
class PrometheusProcess
{
public:
    /// How the readiness poll and get() reach a server that serves TLS and/or
    /// asks for basic auth (its --web.config.file). Empty: plain HTTP.
    struct Access
    {
        QString caFile;          ///< non-empty: https, verified against this PEM CA
        QString clientCertFile;  ///< PEM client certificate for mutual TLS
        QString clientKeyFile;   ///< its unencrypted PEM key
        QByteArray user;         ///< basic auth when not empty
        QByteArray password;
    };

    PrometheusProcess();
    ~PrometheusProcess();
    PrometheusProcess(const PrometheusProcess &) = delete;
    PrometheusProcess &operator=(const PrometheusProcess &) = delete;

    /// Path of the prometheus binary, or empty when it is not installed.
    static QString binary();
    static QString promtool();
    /// Writes a Prometheus config to `path` that scrapes `target` ("host:port")
    /// at `metricsPath` every second, as job "demo". False when it cannot.
    static bool writeScrapeConfig(const QString &path, const QString &target,
                                  const QString &metricsPath = QStringLiteral("/monitoring/prometheus/metrics"));

    /// Starts the server; false with error() set when it did not become ready
    /// within `timeout`.
    bool start(const QString &storagePath, const QString &configPath, const QStringList &extraArgs,
               std::chrono::milliseconds timeout = std::chrono::seconds(60));
    void stop();
    /// Call before start() (it decides baseUrl()'s scheme).
    void setAccess(const Access &access) { m_access = access; }
    /// What the server printed so far (stdout and stderr merged).
    QByteArray readLog() { return m_server.readLog(); }

    QUrl baseUrl() const { return m_server.baseUrl(); }
    QString error() const { return m_error; }

    /// GET baseUrl + path?query synchronously (bounded); returns the body, or
    /// an empty array with `status` 0 on a transport failure.
    QByteArray get(const QString &pathAndQuery, int &status, std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

private:
    TestServerProcess m_server;
    Access m_access;
    QString m_error;
};

} // namespace mw::test
