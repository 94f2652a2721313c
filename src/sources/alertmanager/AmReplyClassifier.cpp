#include "AmReplyClassifier.h"

namespace mw {

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}

bool isJsonType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').value(0).trimmed().toLower();
    return type.isEmpty() || type == "application/json" || type.endsWith("+json");
}

} // namespace

PromError AmReplyClassifier::transportError(QNetworkReply::NetworkError error, const QString &qtText, const QUrl &url,
                                            const QStringList &sslErrors)
{
    PromError e = PromReplyClassifier::transportError(error, qtText, url, sslErrors);
    if (e.kind == PromErrorKind::ConnectionRefused)
        e.message = u"connection refused by " + PromReplyClassifier::hostPort(url)
            + u" (is Alertmanager running on that port?)";
    return e;
}

AmResponse AmReplyClassifier::classify(const PromReplyFacts &f, AmDataKind kind, const QString &silenceId)
{
    AmResponse r;
    const PromResponse transport = PromReplyClassifier::classify(f, std::nullopt);
    if (!transport.ok()) {
        r.error = transport.error;
        const int status = f.httpStatus;
        const std::optional<std::string> text = status >= 400 && status != 401 && status != 403
            ? AmDecoder::errorMessage(view(f.body))
            : std::nullopt;
        const QString said = text ? QString::fromStdString(*text).trimmed() : QString();
        if (!silenceId.isEmpty() && (status == 404 || said.contains(u"not found"))) {
            // 0.25 answers an unknown id with 500 "silence not found"; newer ones with 404.
            r.error.kind = PromErrorKind::NotFound;
            r.error.message = u"Alertmanager has no silence " + silenceId + u" (HTTP " + QString::number(status)
                + (said.isEmpty() ? QString(u')') : QString(u"): " + said));
        } else if (status == 404) {
            r.error.message = u"HTTP 404 for " + f.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                + u": this URL is not an Alertmanager API v2 (check the base URL and its path prefix)";
        } else if (text && status < 500) {
            r.error.kind = PromErrorKind::Api;
            r.error.errorType = status == 422 ? QStringLiteral("unprocessable") : QStringLiteral("bad_request");
            r.error.message = u"Alertmanager refused the request (HTTP " + QString::number(status) + u"): " + said;
        } else if (text) {
            r.error.message = u"Alertmanager failed (HTTP " + QString::number(status) + u"): " + said;
        }
        return r;
    }
    if (kind != AmDataKind::Text && kind != AmDataKind::Empty && !isJsonType(f.contentType)) {
        const QByteArray type = f.contentType.split(';').value(0).trimmed();
        QString message = u"expected a JSON response but got Content-Type \"" + QString::fromLatin1(type) + u'"';
        const QString snippet = PromReplyClassifier::snippet(f.body);
        if (!snippet.isEmpty())
            message += u": " + snippet;
        r.error = PromError{PromErrorKind::ContentType, message, {}, f.httpStatus};
        return r;
    }
    AmDecoder::decode(view(f.body), kind, r);
    r.error.httpStatus = f.httpStatus;
    return r;
}

} // namespace mw
