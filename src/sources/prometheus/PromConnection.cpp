#include "PromConnection.h"

namespace mw {

QString PrometheusConnection::validate() const
{
    const QString scheme = baseUrl.scheme().toLower();
    if (!baseUrl.isValid())
        return u"invalid base URL: " + baseUrl.errorString();
    if (baseUrl.isRelative() || (scheme != u"http" && scheme != u"https") || baseUrl.host().isEmpty())
        return u"invalid base URL \"" + baseUrl.toDisplayString() + u"\": expected http(s)://host[:port][/prefix]";
    if (baseUrl.hasQuery() || baseUrl.hasFragment())
        return u"invalid base URL \"" + baseUrl.toDisplayString() + u"\": no query or fragment allowed";
    if (!basicAuthUser.isEmpty() && bearerToken.isSet())
        return QStringLiteral("basic auth and a bearer token are mutually exclusive");
    if (basicAuthUser.isEmpty() && basicAuthPassword.isSet())
        return QStringLiteral("a basic auth password needs a user name");
    if (clientCertFile.isEmpty() != clientKeyFile.isEmpty())
        return QStringLiteral("a client certificate needs both a certificate file and a key file");
    if (scheme != u"https" && (!caFile.isEmpty() || !clientCertFile.isEmpty()))
        return u"TLS files are set but the base URL \"" + baseUrl.toDisplayString() + u"\" is not https";
    for (const auto &[name, value] : headers) {
        if (name.isEmpty() || name.contains(':') || name.contains('\n') || name.contains('\r') || value.contains('\n')
            || value.contains('\r'))
            return u"invalid header \"" + QString::fromLatin1(name) + u'"';
    }
    return {};
}

QUrl PrometheusConnection::endpoint(const QString &apiPath) const
{
    QUrl url = baseUrl;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + apiPath);
    return url;
}

} // namespace mw
