#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace mw::test {

/// JSON written with single quotes, so that fixtures need no raw string
/// literals (moc 6.4 mis-lexes a raw string holding a lone '"' and then loses
/// the test class): every ' becomes ". Write a JSON-escaped quote as \\\".
QByteArray js(const char *singleQuoted);

/// A small HTTP/1.1 server on 127.0.0.1 for Prometheus API client tests. Unlike
/// TestHttpServer it reads request bodies (form POSTs) and plays a queue of
/// behaviours per path: each request takes the next one, the last one repeats
/// (so "503 then 200" is two entries). Behaviours: raw bytes then close, hang
/// (answer nothing), or stream a body of 'x' bytes.
class PromTestServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; ///< path and query as sent
        QByteArray path;   ///< without the query
        QByteArray query;
        QHash<QByteArray, QByteArray> headers; ///< names lower-cased
        QByteArray body;
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };

    explicit PromTestServer(QObject *parent = nullptr);
    ~PromTestServer() override;

    bool listen();
    QUrl url(const QString &path = {}) const;

    /// Replaces the queue of `path` by one behaviour.
    void respond(const QByteArray &path, const QByteArray &raw) { m_routes[path] = {Step{Mode::Respond, raw, 0}}; }
    /// Appends a raw response to the queue of `path`.
    void thenRespond(const QByteArray &path, const QByteArray &raw) { m_routes[path].append(Step{Mode::Respond, raw, 0}); }
    void hang(const QByteArray &path) { m_routes[path] = {Step{Mode::Hang, {}, 0}}; }
    void stream(const QByteArray &path, const QByteArray &head, qint64 bodyBytes)
    {
        m_routes[path] = {Step{Mode::Stream, head, bodyBytes}};
    }

    const QList<Request> &requests() const { return m_requests; }
    int requestCount(const QByteArray &path) const;
    qint64 streamedBytes() const { return m_streamed; }

    /// A complete response with Content-Length and Connection: close.
    static QByteArray response(int status, const QByteArray &reason, const QByteArray &contentType,
                               const QByteArray &body, const QByteArray &extraHeaders = {});
    /// 200 application/json with `body`.
    static QByteArray json(const QByteArray &body, int status = 200, const QByteArray &reason = "OK");

Q_SIGNALS:
    void requestReceived();

private:
    enum class Mode { Respond, Hang, Stream };
    struct Step
    {
        Mode mode = Mode::Respond;
        QByteArray raw;
        qint64 bodyBytes = 0;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void serve(QTcpSocket *socket, const Request &request);
    void feed(QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QByteArray, QList<Step>> m_routes;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, qint64> m_remaining;
    QList<Request> m_requests;
    qint64 m_streamed = 0;
};

} // namespace mw::test
