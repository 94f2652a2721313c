#pragma once

#include "PromDecoder.h"
#include "PromTypes.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mw {

/// What arrived for one HTTP attempt, gathered by the client.
struct PromReplyFacts
{
    QUrl url;
    int httpStatus = 0;          ///< 0: no HTTP response
    QByteArray httpReason;
    QByteArray contentType;
    QByteArray contentEncoding;
    QByteArray body;
    qint64 announcedLength = -1; ///< Content-Length, -1 when absent
    bool remoteClosed = false;   ///< the connection closed before Qt saw the whole reply
};

/// Turns a complete HTTP response into a PromResponse: HTTP status and
/// Content-Type checks, then the JSON decode (or the plain text of /-/healthy
/// when `kind` is empty). Pure: tested without a network.
class PromReplyClassifier
{
public:
    static PromResponse classify(const PromReplyFacts &facts, std::optional<PromDataKind> kind);
    /// A failure before any HTTP status arrived: name not resolved, connection
    /// refused or reset, TLS (with Qt's certificate errors), ...
    static PromError transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                                    const QStringList &sslErrors);
    /// Fills status, reason, Content-Type, Content-Encoding and Content-Length
    /// of `facts` from a finished reply (the body is gathered while it arrives).
    static void readHeaders(const QNetworkReply &reply, PromReplyFacts &facts);
    /// "127.0.0.1:9090" (IPv6 hosts in brackets).
    static QString hostPort(const QUrl &url);
    /// The first `maxChars` characters of a text body on one line; empty for binary.
    static QString snippet(const QByteArray &body, qsizetype maxChars = 200);
};

} // namespace mw
