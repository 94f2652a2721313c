#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkReply;
class QNetworkRequest;

namespace mw::test {

/// A server binary run for a test (PrometheusProcess, AlertmanagerProcess):
/// started on 127.0.0.1 on a free port, polled until it says it is ready
/// (bounded), started again on another port when the probed one was taken in
/// between, killed with the test process on Linux and always stopped by the
/// destructor.
class TestServerProcess
{
public:
    /// The command line that makes the server listen on 127.0.0.1:`port`.
    using Arguments = std::function<QStringList(quint16 port)>;
    /// Whether the server at baseUrl() is ready (its /-/ready answers 200).
    using ReadyProbe = std::function<bool()>;

    /// `name` ("prometheus") starts the error messages.
    explicit TestServerProcess(QString name);
    ~TestServerProcess();
    TestServerProcess(const TestServerProcess &) = delete;
    TestServerProcess &operator=(const TestServerProcess &) = delete;

    /// Runs `exe` with `arguments`, baseUrl() `scheme`://127.0.0.1:port,
    /// and polls `ready` until it holds; false with error() set when the
    /// server did not start or was not ready within `timeout`.
    bool start(const QString &exe, const QString &scheme, const Arguments &arguments, const ReadyProbe &ready,
               std::chrono::milliseconds timeout);
    void stop();
    /// What the server printed so far (stdout and stderr merged).
    QByteArray readLog() { return m_process.readAll(); }

    QUrl baseUrl() const { return m_base; }
    QString error() const { return m_error; }

    /// A request for baseUrl + path?query that gives up after `timeout`.
    QNetworkRequest request(const QString &pathAndQuery, std::chrono::milliseconds timeout) const;
    /// Waits for `reply` (bounded by `timeout` and half a second more) and
    /// returns its body, with `status` 0 when it did not finish; then aborts
    /// and releases it.
    static QByteArray await(QNetworkReply *reply, int &status, std::chrono::milliseconds timeout);

private:
    QString m_name;
    QProcess m_process;
    QUrl m_base;
    QString m_error;
};

} // namespace mw::test
