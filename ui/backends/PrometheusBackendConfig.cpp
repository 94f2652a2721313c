#include "PrometheusBackendConfig.h"

#include <QCoreApplication>
#include <QUrl>

namespace mw::view {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mw::view::PrometheusBackendConfig", text);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

/// Parses one secret reference of the source into `out`.
bool secret(const QString &sourceName, const char *field, const std::string &text, SecretRef &out, QString *error)
{
    if (text.empty())
        return true;
    QString why;
    const std::optional<SecretRef> ref = SecretRef::parse(QString::fromStdString(text), &why);
    if (!ref)
        return fail(error, tr("Source '%1': %2 %3").arg(sourceName, QString::fromLatin1(field), why));
    out = *ref;
    return true;
}

} // namespace

std::optional<PrometheusBackendConfig> PrometheusBackendConfig::fromSource(const dashboard::Source &source,
                                                                           QString *error)
{
    const QString name = QString::fromStdString(source.name);
    PrometheusBackendConfig config;
    PrometheusConnection &c = config.connection;
    c.baseUrl = QUrl(QString::fromStdString(source.url), QUrl::StrictMode);
    if (source.url.empty() || !c.baseUrl.isValid()
        || (c.baseUrl.scheme() != u"http" && c.baseUrl.scheme() != u"https") || c.baseUrl.host().isEmpty()) {
        fail(error, tr("Source '%1': '%2' is not an http:// or https:// URL.")
                        .arg(name, QString::fromStdString(source.url)));
        return std::nullopt;
    }
    const dashboard::SourceAuth &a = source.auth;
    c.basicAuthUser = QString::fromStdString(a.basicAuthUser);
    if (!secret(name, "passwordRef", a.passwordRef, c.basicAuthPassword, error)
        || !secret(name, "bearerTokenRef", a.bearerTokenRef, c.bearerToken, error))
        return std::nullopt;
    for (const auto &[header, ref] : a.headers) {
        SecretRef value;
        if (!secret(name, "header", ref, value, error))
            return std::nullopt;
        config.headerSecrets.emplace_back(QByteArray::fromStdString(header), value);
    }
    c.caFile = QString::fromStdString(a.caFile);
    c.clientCertFile = QString::fromStdString(a.certFile);
    c.clientKeyFile = QString::fromStdString(a.keyFile);
    c.insecureSkipVerify = a.insecureSkipVerify;
    if (const QString why = c.validate(); !why.isEmpty()) {
        fail(error, tr("Source '%1': %2").arg(name, why));
        return std::nullopt;
    }
    return config;
}

} // namespace mw::view
