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
    return validateFor(baseUrl, QStringLiteral("the base URL"));
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
