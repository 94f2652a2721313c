#include "FeedPollError.h"

#include "prometheus/PromReplyClassifier.h"

namespace mw::feeds {

namespace {

QString where(const QUrl &url)
{
    return PromReplyClassifier::hostPort(url);
}

bool feedType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type.isEmpty() || type == "application/x-ndjson" || type == "application/jsonl"
        || type == "application/json-lines" || type == "application/json" || type == "text/plain"
        || type == "text/csv" || type == "application/octet-stream";
}

} // namespace

const char *feedPollErrorKindName(FeedPollErrorKind kind)
{
    switch (kind) {
    case FeedPollErrorKind::None: return "none";
    case FeedPollErrorKind::InvalidUrl: return "invalid-url";
    case FeedPollErrorKind::HostNotFound: return "host-not-found";
    case FeedPollErrorKind::ConnectionRefused: return "connection-refused";
    case FeedPollErrorKind::Timeout: return "timeout";
    case FeedPollErrorKind::HttpStatus: return "http-status";
    case FeedPollErrorKind::Authentication: return "authentication";
    case FeedPollErrorKind::Credentials: return "credentials";
    case FeedPollErrorKind::ServerError: return "server-error";
    case FeedPollErrorKind::ContentType: return "content-type";
    case FeedPollErrorKind::BodyTooLarge: return "body-too-large";
    case FeedPollErrorKind::Network: return "network";
    }
    return "unknown";
}

bool FeedPollError::retryable() const
{
    switch (kind) {
    case FeedPollErrorKind::HostNotFound:
    case FeedPollErrorKind::ConnectionRefused:
    case FeedPollErrorKind::Timeout:
    case FeedPollErrorKind::ServerError:
    case FeedPollErrorKind::Network:
        return true;
    default:
        return false;
    }
}

FeedPollError FeedPollError::transport(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url)
{
    FeedPollError e{FeedPollErrorKind::Network, u"network error with " + where(url) + u": " + qtText, 0};
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.kind = FeedPollErrorKind::HostNotFound;
        e.message = u"host not found: \"" + url.host() + u"\" does not resolve";
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = FeedPollErrorKind::ConnectionRefused;
        e.message = u"connection refused by " + where(url) + u" (is the model server's feed running on that port?)";
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = u"connection closed by " + where(url) + u" before a complete HTTP response";
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.message = u"TLS error with " + where(url) + u": " + qtText;
        break;
    default:
        break;
    }
    return e;
}

FeedPollError FeedPollError::response(int status, const QByteArray &reason, const QByteArray &contentType,
                                      const QByteArray &body, const QUrl &url, bool sentCredentials)
{
    FeedPollError e;
    e.httpStatus = status;
    if (status < 200 || status > 299) {
        QString text = u"HTTP " + QString::number(status);
        if (!reason.isEmpty())
            text += u' ' + QString::fromLatin1(reason);
        text += u" from " + url.toDisplayString(QUrl::RemoveUserInfo);
        if (status == 404)
            text += QStringLiteral(" (is this the feed endpoint, e.g. /v1/feed?)");
        else if (status == 401)
            text += sentCredentials ? QStringLiteral(" (authentication problem: the feed refused the credentials "
                                                     "sent; check the user, password or token)")
                                    : QStringLiteral(" (authentication problem: the feed requires credentials; "
                                                     "set the source's auth)");
        else if (status == 403)
            text += sentCredentials
                ? QStringLiteral(" (authentication problem: access to the feed is forbidden for these credentials)")
                : QStringLiteral(" (authentication problem: access to the feed is forbidden)");
        const QString snippet = PromReplyClassifier::snippet(body);
        if (!snippet.isEmpty())
            text += u": " + snippet;
        e.kind = status >= 500 || status == 429   ? FeedPollErrorKind::ServerError
            : status == 401 || status == 403 ? FeedPollErrorKind::Authentication
                                             : FeedPollErrorKind::HttpStatus;
        e.message = text;
        return e;
    }
    if (!feedType(contentType)) {
        const QByteArray type = contentType.split(';').value(0).trimmed();
        e.kind = FeedPollErrorKind::ContentType;
        e.message = u"expected a JSON-lines or CSV feed but got Content-Type \"" + QString::fromLatin1(type) + u'"';
        if (type.toLower() == "text/html")
            e.message += QStringLiteral(" (a login page or a wrong path?)");
    }
    return e;
}

} // namespace mw::feeds
