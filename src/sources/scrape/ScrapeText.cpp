#include "ScrapeText.h"

#include "exposition/Gzip.h"

#include <QStringDecoder>

#include <algorithm>
#include <string>
#include <string_view>

namespace mw::scrapetext {

namespace {

constexpr qsizetype kSnippetChars = 200;
constexpr std::size_t kErrorBodyInflateCap = 64 * 1024;

} // namespace

QString durationText(std::chrono::milliseconds d)
{
    if (d.count() >= 1000 && d.count() % 1000 == 0)
        return QString::number(d.count() / 1000) + u" s";
    return QString::number(d.count()) + u" ms";
}

QByteArray timeoutSecondsHeader(std::chrono::milliseconds timeout)
{
    QByteArray text = QByteArray::number(static_cast<double>(timeout.count()) / 1000.0, 'f', 3);
    while (text.endsWith('0'))
        text.chop(1);
    if (text.endsWith('.'))
        text.chop(1);
    return text;
}

QString hostPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return host + u':' + QString::number(url.port(defaultPort));
}

bool isGzipEncoding(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e == "gzip" || e == "x-gzip";
}

bool isIdentityEncoding(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e.isEmpty() || e == "identity";
}

QString textSnippet(const QByteArray &contentType, const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    const QByteArray type = contentType.trimmed().toLower();
    const bool declaredText = type.startsWith("text/") || type.contains("json") || type.contains("xml");
    if (!type.isEmpty() && !declaredText)
        return {};
    // Decode a little more than needed; a cut multi-byte character at the end
    // of the slice is not an error of the body.
    const QByteArray slice = body.left(kSnippetChars * 4);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(slice);
    if (slice.size() == body.size() && decoder.hasError())
        return {};
    const bool binary = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c == QChar::ReplacementCharacter || (c.unicode() < 0x20 && c != u'\n' && c != u'\r' && c != u'\t');
    });
    if (binary && slice.size() == body.size())
        return {};
    text = text.simplified();
    if (text.size() > kSnippetChars || slice.size() < body.size())
        text = text.left(kSnippetChars) + u'\u2026';
    return text;
}

QString httpStatusMessage(const HttpStatusFacts &f)
{
    QString message = u"HTTP " + QString::number(f.status);
    if (!f.reason.isEmpty())
        message += u' ' + QString::fromLatin1(f.reason);
    if (f.status == 401)
        message += f.sentCredentials
            ? QStringLiteral(" (authentication problem: the target refused the credentials sent; check the user, "
                             "password or token)")
            : QStringLiteral(" (authentication problem: the target requires credentials)");
    else if (f.status == 403)
        message += f.sentCredentials
            ? QStringLiteral(" (authentication problem: access to the target is forbidden for these credentials)")
            : QStringLiteral(" (authentication problem: access to the target is forbidden)");
    QByteArray errorBody = f.body;
    if (isGzipEncoding(f.contentEncoding)) {
        std::string inflated, ignored;
        const std::string_view raw(f.body.constData(), static_cast<std::size_t>(f.body.size()));
        errorBody = expo::gunzip(raw, kErrorBodyInflateCap, inflated, ignored)
                        ? QByteArray(inflated.data(), static_cast<qsizetype>(inflated.size()))
                        : QByteArray();
    }
    const QString snippet = textSnippet(f.contentType, errorBody);
    if (!snippet.isEmpty())
        message += u": " + snippet;
    return message;
}

} // namespace mw::scrapetext
