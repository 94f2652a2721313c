#include "PromReplyClassifier.h"

#include <QStringDecoder>

#include <algorithm>
#include <string_view>

namespace mw {

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

void setError(PromResponse &r, PromErrorKind kind, QString message, int httpStatus)
{
    r.data = std::monostate{};
    r.error.kind = kind;
    r.error.message = std::move(message);
    r.error.httpStatus = httpStatus;
}

bool isJsonType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

QString statusText(const PromReplyFacts &f)
{
    QString text = u"HTTP " + QString::number(f.httpStatus);
    if (!f.httpReason.isEmpty())
        text += u' ' + QString::fromLatin1(f.httpReason);
    return text;
}

QString withSnippet(QString message, const QByteArray &body)
{
    const QString text = PromReplyClassifier::snippet(body);
    if (!text.isEmpty())
        message += u": " + text;
    return message;
}

} // namespace

QString PromReplyClassifier::hostPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return host + u':' + QString::number(url.port(defaultPort));
}

QString PromReplyClassifier::snippet(const QByteArray &body, qsizetype maxChars)
{
    if (body.isEmpty())
        return {};
    const QByteArray slice = body.left(maxChars * 4);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(slice);
    const bool binary = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == QChar::ReplacementCharacter || (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t');
    });
    if (binary && slice.size() == body.size())
        return {};
    text = text.simplified();
    if (text.size() > maxChars || slice.size() < body.size())
        text = text.left(maxChars) + u'\u2026';
    return text;
}

void PromReplyClassifier::readHeaders(const QNetworkReply &reply, PromReplyFacts &f)
{
    f.url = reply.url();
    f.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    f.httpReason = reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    f.contentType = reply.rawHeader("Content-Type");
    f.contentEncoding = reply.rawHeader("Content-Encoding");
    bool lengthOk = false;
    const qint64 length = reply.rawHeader("Content-Length").trimmed().toLongLong(&lengthOk);
    f.announcedLength = lengthOk && length >= 0 ? length : -1;
}

PromError PromReplyClassifier::transportError(QNetworkReply::NetworkError error, const QString &qtText,
                                              const QUrl &url, const QStringList &sslErrors)
{
    const QString where = hostPort(url);
    PromError e{PromErrorKind::Network, u"network error with " + where + u": " + qtText, {}, 0};
    // After the handshake a server can still end the session with a TLS alert
    // (mutual TLS without an accepted client certificate): Qt then reports a
    // read error whose text comes from OpenSSL.
    const bool tlsAlert = url.scheme().compare(u"https", Qt::CaseInsensitive) == 0
        && (qtText.contains(u"SSL routines") || qtText.contains(u"alert", Qt::CaseInsensitive));
    if (error == QNetworkReply::SslHandshakeFailedError || !sslErrors.isEmpty() || tlsAlert) {
        e.kind = PromErrorKind::Tls;
        e.message = u"TLS error with " + where + u": " + (sslErrors.isEmpty() ? qtText : sslErrors.join(u"; "))
            + u" (check the CA file, the client certificate, or the server's certificate)";
        return e;
    }
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        e.kind = PromErrorKind::HostNotFound;
        e.message = u"host not found: \"" + url.host() + u"\" does not resolve";
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = PromErrorKind::ConnectionRefused;
        e.message = u"connection refused by " + where + u" (is Prometheus running on that port?)";
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = u"connection closed by " + where + u" before a complete HTTP response";
        break;
    default:
        break;
    }
    return e;
}

PromResponse PromReplyClassifier::classify(const PromReplyFacts &f, std::optional<PromDataKind> kind)
{
    PromResponse r;
    const int status = f.httpStatus;
    const bool encoded = !f.contentEncoding.trimmed().isEmpty()
        && f.contentEncoding.trimmed().toLower() != "identity"; // Qt inflated it: lengths differ
    if (f.remoteClosed || (!encoded && f.announcedLength >= 0 && f.body.size() != f.announcedLength)) {
        QString message = u"truncated response from " + hostPort(f.url) + u": connection closed after "
            + QString::number(f.body.size()) + u" body bytes";
        if (f.announcedLength >= 0)
            message += u" of the " + QString::number(f.announcedLength) + u" announced by Content-Length";
        setError(r, PromErrorKind::TruncatedBody, message, status);
        return r;
    }

    if (status < 200 || status > 299) {
        if (status == 401 || status == 403) {
            const QString why = status == 401 ? QStringLiteral(" (authentication failed: check the user, password or token)")
                                              : QStringLiteral(" (authentication: access is forbidden for these credentials)");
            setError(r, PromErrorKind::Authentication, withSnippet(statusText(f) + why, f.body), status);
            return r;
        }
        // Prometheus answers API errors with an envelope and a 4xx/5xx status.
        if (kind && PromDecoder::decodeErrorEnvelope(view(f.body), r, status))
            return r;
        if (status == 404) {
            setError(r, PromErrorKind::NotFound,
                     statusText(f) + u" for " + f.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                         + u": this URL is not a Prometheus HTTP API (check the base URL and its path prefix)",
                     status);
            return r;
        }
        const PromErrorKind errorKind = status >= 500 ? PromErrorKind::ServerError : PromErrorKind::HttpStatus;
        setError(r, errorKind, withSnippet(statusText(f) + u" from " + hostPort(f.url), f.body), status);
        return r;
    }

    if (!kind) { // /-/healthy: plain text
        r.data = QString::fromUtf8(f.body).trimmed();
        return r;
    }
    const QByteArray type = f.contentType.split(';').value(0).trimmed();
    if (!type.isEmpty() && !isJsonType(f.contentType)) {
        QString message = u"expected a JSON response but got Content-Type \"" + QString::fromLatin1(type) + u'"';
        if (type.toLower() == "text/html")
            message += QStringLiteral(" (a login page or a proxy in front of Prometheus? check the base URL and credentials)");
        setError(r, PromErrorKind::ContentType, withSnippet(message, f.body.left(400)), status);
        return r;
    }
    PromDecoder::decode(view(f.body), *kind, r, status);
    return r;
}

} // namespace mw
