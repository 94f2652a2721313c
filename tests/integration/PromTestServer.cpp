#include "PromTestServer.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <algorithm>

namespace mw::test {

namespace {
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kHighWater = 256 * 1024;
} // namespace

QByteArray js(const char *singleQuoted)
{
    QByteArray out(singleQuoted);
    out.replace('\'', '"');
    return out;
}

PromTestServer::PromTestServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &PromTestServer::onNewConnection);
}

PromTestServer::~PromTestServer()
{
    m_server.close();
    const auto sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
    }
}

bool PromTestServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl PromTestServer::url(const QString &path) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.serverPort());
    u.setPath(path);
    return u;
}

int PromTestServer::requestCount(const QByteArray &path) const
{
    return static_cast<int>(std::count_if(m_requests.cbegin(), m_requests.cend(),
                                          [&](const Request &r) { return r.path == path; }));
}

QByteArray PromTestServer::response(int status, const QByteArray &reason, const QByteArray &contentType,
                                    const QByteArray &body, const QByteArray &extraHeaders)
{
    QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    if (!contentType.isEmpty())
        raw += "Content-Type: " + contentType + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    return raw + body;
}

QByteArray PromTestServer::json(const QByteArray &body, int status, const QByteArray &reason)
{
    return response(status, reason, "application/json", body);
}

void PromTestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { feed(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_remaining.remove(socket);
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void PromTestServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->readAll());
    const qsizetype end = it->indexOf("\r\n\r\n");
    if (end < 0)
        return;
    Request request;
    const QList<QByteArray> lines = it->left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    const qsizetype q = request.target.indexOf('?');
    request.path = q < 0 ? request.target : request.target.left(q);
    request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qint64 length = request.header("content-length").toLongLong();
    if (it->size() - (end + 4) < length)
        return; // the body is still on its way
    request.body = it->mid(end + 4, length);
    m_buffers.erase(it); // one request per connection
    m_requests.append(request);
    serve(socket, request);
    Q_EMIT requestReceived();
}

void PromTestServer::serve(QTcpSocket *socket, const Request &request)
{
    auto route = m_routes.find(request.path);
    if (route == m_routes.end() || route->isEmpty()) {
        socket->write(response(404, "Not Found", "text/plain; charset=utf-8", "404 page not found\n"));
        socket->disconnectFromHost();
        return;
    }
    const Step step = route->size() > 1 ? route->takeFirst() : route->first();
    switch (step.mode) {
    case Mode::Respond:
        socket->write(step.raw);
        socket->disconnectFromHost();
        break;
    case Mode::Stream:
        socket->write(step.raw);
        m_remaining.insert(socket, step.bodyBytes);
        feed(socket);
        break;
    case Mode::Hang:
        break;
    }
}

void PromTestServer::feed(QTcpSocket *socket)
{
    auto it = m_remaining.find(socket);
    if (it == m_remaining.end())
        return;
    static const QByteArray chunk(kChunk, 'x');
    while (*it > 0 && socket->bytesToWrite() < kHighWater) {
        const qint64 n = std::min(*it, kChunk);
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
