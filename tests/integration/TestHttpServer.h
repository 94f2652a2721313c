#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <memory>

class QTcpSocket;

namespace mw::test {

/// A deliberately misbehaving HTTP/1.1 server on 127.0.0.1 with an ephemeral
/// port, for scrape tests. Each path gets a canned behaviour: raw response
/// bytes (sent as they are, then the connection is closed), a hang (accept,
/// read the request, never answer) or a stream of a big body. Every request is
/// recorded with its headers. A path may require request headers (a bearer
/// token, basic auth, an API key): a request without them gets 401 and the
/// route is not played. listenTls() serves HTTPS instead. Lives on the test
/// thread: tests wait on signals (which spin the event loop) rather than blocking.
class TestHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; ///< names lower-cased
        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    };

    explicit TestHttpServer(QObject *parent = nullptr);
    ~TestHttpServer() override;

    bool listen();
    /// HTTPS with `tls` (certificate, key, and a CA and peer verify mode
    /// to ask for client certificates).
    bool listenTls(const QSslConfiguration &tls);
    quint16 port() const;
    QUrl url(const QString &path) const;

    /// Sends `raw` (status line, headers, body) verbatim, then closes.
    void respond(const QByteArray &path, const QByteArray &raw);
    /// Reads the request, sends `partial` (maybe nothing) and then stays silent
    /// with the connection open.
    void hang(const QByteArray &path, const QByteArray &partial = {});
    /// Sends `head` then `bodyBytes` bytes of 'x', feeding the socket as it
    /// drains, then closes. Stops when the client goes away.
    void stream(const QByteArray &path, const QByteArray &head, qint64 bodyBytes);
    /// Requests to `path` must carry header `name` with exactly `value`
    /// (repeatable for several headers); else "401 Unauthorized" with
    /// WWW-Authenticate and a text body naming the header.
    void requireHeader(const QByteArray &path, const QByteArray &name, const QByteArray &value);

    const QList<Request> &requests() const { return m_requests; }
    /// Body bytes handed to sockets by stream() routes so far.
    qint64 streamedBytes() const { return m_streamed; }
    /// Number of streamed connections whose peer disconnected before the end.
    int abandonedStreams() const { return m_abandoned; }
    /// Requests refused with 401 by requireHeader().
    int refusedRequests() const { return m_refused; }

    /// "HTTP/1.1 <status> <reason>" with Content-Type (omitted when empty),
    /// Content-Length, Connection: close and `extraHeaders` (CRLF-terminated lines).
    static QByteArray response(int status, const QByteArray &reason, const QByteArray &contentType,
                               const QByteArray &body, const QByteArray &extraHeaders = {});
    /// gzip (RFC 1952) encoding of `data`.
    static QByteArray gzip(const QByteArray &data);

Q_SIGNALS:
    void requestReceived();

private:
    enum class Mode { Respond, Hang, Stream };
    struct Route
    {
        Mode mode = Mode::Respond;
        QByteArray raw;
        qint64 bodyBytes = 0;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void feed(QTcpSocket *socket);

    std::unique_ptr<QTcpServer> m_server; ///< a QSslServer after listenTls()
    QHash<QByteArray, Route> m_routes;
    QHash<QByteArray, QList<QPair<QByteArray, QByteArray>>> m_required; ///< path -> headers (lower-case names)
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, qint64> m_remaining; ///< stream bytes still to send per socket
    QList<Request> m_requests;
    qint64 m_streamed = 0;
    int m_abandoned = 0;
    int m_refused = 0;
};

} // namespace mw::test
