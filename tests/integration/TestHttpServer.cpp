#include "TestHttpServer.h"

#include <QHostAddress>
#include <QSslServer>
#include <QTcpSocket>

#include <zlib.h>

#include <algorithm>

namespace mw::test {

namespace {
constexpr qint64 kStreamChunk = 64 * 1024;
constexpr qint64 kStreamHighWater = 256 * 1024;
} // namespace

TestHttpServer::TestHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>())
{
}

TestHttpServer::~TestHttpServer()
{
    m_server->close();
    // Accepted sockets are children of m_server, which outlives the hashes the
    // slots below touch: cut them loose first.
    const auto sockets = m_server->findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
    }
}

bool TestHttpServer::listen()
{
    // A QSslServer queues a connection once its handshake is done
    // (pendingConnectionAvailable); a plain server at once (newConnection).
    connect(m_server.get(), &QTcpServer::newConnection, this, &TestHttpServer::onNewConnection);
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &TestHttpServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool TestHttpServer::listenTls(const QSslConfiguration &tls)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(tls);
    m_server = std::move(server);
    return listen();
}

quint16 TestHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl TestHttpServer::url(const QString &path) const
{
    QUrl u;
    u.setScheme(qobject_cast<QSslServer *>(m_server.get()) ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    u.setPath(path);
    return u;
}

void TestHttpServer::respond(const QByteArray &path, const QByteArray &raw)
{
    m_routes.insert(path, Route{Mode::Respond, raw, 0});
}

void TestHttpServer::hang(const QByteArray &path, const QByteArray &partial)
{
    m_routes.insert(path, Route{Mode::Hang, partial, 0});
}

void TestHttpServer::stream(const QByteArray &path, const QByteArray &head, qint64 bodyBytes)
{
    m_routes.insert(path, Route{Mode::Stream, head, bodyBytes});
}

void TestHttpServer::requireHeader(const QByteArray &path, const QByteArray &name, const QByteArray &value)
{
    m_required[path].append({name.toLower(), value});
}

QByteArray TestHttpServer::response(int status, const QByteArray &reason, const QByteArray &contentType,
                                    const QByteArray &body, const QByteArray &extraHeaders)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    if (!contentType.isEmpty())
        raw += "Content-Type: " + contentType + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    raw += "Connection: close\r\n";
    raw += extraHeaders;
    raw += "\r\n";
    raw += body;
    return raw;
}

QByteArray TestHttpServer::gzip(const QByteArray &data)
{
    z_stream zs{};
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto produced = static_cast<qsizetype>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.truncate(produced);
    return out;
}

void TestHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { feed(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_remaining.value(socket, 0) > 0)
                ++m_abandoned;
            m_remaining.remove(socket);
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void TestHttpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->readAll());
    const qsizetype end = it->indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = it->left(end).split('\n');
    m_buffers.erase(it); // one request per connection: later bytes are ignored

    Request request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    m_requests.append(request);

    const QByteArray path = request.path.left(request.path.indexOf('?') < 0 ? request.path.size()
                                                                            : request.path.indexOf('?'));
    QByteArray missing;
    for (const auto &[name, value] : m_required.value(path))
        if (missing.isEmpty() && request.header(name) != value)
            missing = name;
    const auto route = m_routes.constFind(path);
    if (!missing.isEmpty()) {
        ++m_refused;
        const QByteArray challenge =
            missing == "authorization" ? QByteArray("WWW-Authenticate: Bearer realm=\"modelwatch-test\"\r\n") : QByteArray();
        socket->write(response(401, "Unauthorized", "text/plain", "missing or wrong " + missing + '\n', challenge));
        socket->disconnectFromHost();
    } else if (route == m_routes.cend()) {
        socket->write(response(404, "Not Found", "text/plain", "no route for " + path + '\n'));
        socket->disconnectFromHost();
    } else if (route->mode == Mode::Respond) {
        socket->write(route->raw);
        socket->disconnectFromHost();
    } else if (route->mode == Mode::Stream) {
        socket->write(route->raw);
        m_remaining.insert(socket, route->bodyBytes);
        feed(socket);
    } else {
        socket->write(route->raw); // Mode::Hang: then keep the connection open and silent
    }
    Q_EMIT requestReceived();
}

void TestHttpServer::feed(QTcpSocket *socket)
{
    auto it = m_remaining.find(socket);
    if (it == m_remaining.end())
        return;
    static const QByteArray chunk(kStreamChunk, 'x');
    while (*it > 0 && socket->bytesToWrite() < kStreamHighWater) {
        const qint64 n = std::min(*it, kStreamChunk);
        socket->write(chunk.constData(), n);
        *it -= n;
        m_streamed += n;
    }
    if (*it == 0) {
        m_remaining.erase(it);
        socket->disconnectFromHost();
    }
}

} // namespace mw::test
