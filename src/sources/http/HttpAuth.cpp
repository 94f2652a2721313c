#include "HttpAuth.h"

#include "dashboard/Document.h"

namespace mw {

namespace {

bool badHeaderName(const QByteArray &name)
{
    return name.isEmpty() || name.contains(':') || name.contains('\n') || name.contains('\r');
}

bool badHeaderValue(const QByteArray &value)
{
    return value.contains('\n') || value.contains('\r');
}

/// Parses one reference of the document into `out`; on failure notes why in `invalid`.
void parseRef(const QString &field, const std::string &text, SecretRef &out, QString &invalid)
{
    QString why;
    const std::optional<SecretRef> ref = SecretRef::parse(QString::fromStdString(text), &why);
    if (ref)
        out = *ref;
    else if (invalid.isEmpty())
        invalid = field + u": " + why;
}

} // namespace

bool HttpAuth::isSet() const
{
    return !basicAuthUser.isEmpty() || basicAuthPassword.isSet() || bearerToken.isSet() || !headers.isEmpty()
        || !secretHeaders.isEmpty() || !caFile.isEmpty() || !clientCertFile.isEmpty() || !clientKeyFile.isEmpty()
        || insecureSkipVerify || !invalid.isEmpty();
}

QString HttpAuth::validate() const
{
    if (!invalid.isEmpty())
        return invalid;
    if (!basicAuthUser.isEmpty() && bearerToken.isSet())
        return QStringLiteral("basic auth and a bearer token are mutually exclusive");
    if (basicAuthUser.isEmpty() && basicAuthPassword.isSet())
        return QStringLiteral("a basic auth password needs a user name");
    if (clientCertFile.isEmpty() != clientKeyFile.isEmpty())
        return QStringLiteral("a client certificate needs both a certificate file and a key file");
    for (const auto &[name, value] : headers) {
        if (badHeaderName(name) || badHeaderValue(value))
            return u"invalid header \"" + QString::fromLatin1(name) + u'"';
    }
    for (const auto &[name, ref] : secretHeaders) {
        if (badHeaderName(name))
            return u"invalid header \"" + QString::fromLatin1(name) + u'"';
        if (!ref.isSet())
            return u"header \"" + QString::fromLatin1(name) + u"\" has no secret reference";
    }
    return {};
}

QString HttpAuth::validateFor(const QUrl &url, const QString &what) const
{
    if (url.scheme().toLower() != u"https" && (!caFile.isEmpty() || !clientCertFile.isEmpty()))
        return u"TLS files are set but " + what + u" \"" + url.toDisplayString() + u"\" is not https";
    return validate();
}

HttpAuth HttpAuth::fromSource(const dashboard::SourceAuth &a)
{
    HttpAuth auth;
    auth.basicAuthUser = QString::fromStdString(a.basicAuthUser);
    parseRef(QStringLiteral("passwordRef"), a.passwordRef, auth.basicAuthPassword, auth.invalid);
    parseRef(QStringLiteral("bearerTokenRef"), a.bearerTokenRef, auth.bearerToken, auth.invalid);
    for (const auto &[header, text] : a.headers) {
        SecretRef value;
        parseRef(u"header " + QString::fromStdString(header), text, value, auth.invalid);
        auth.secretHeaders.append({QByteArray::fromStdString(header), value});
    }
    auth.caFile = QString::fromStdString(a.caFile);
    auth.clientCertFile = QString::fromStdString(a.certFile);
    auth.clientKeyFile = QString::fromStdString(a.keyFile);
    auth.insecureSkipVerify = a.insecureSkipVerify;
    return auth;
}

} // namespace mw
