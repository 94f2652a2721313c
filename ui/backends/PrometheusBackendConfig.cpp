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
    static_cast<HttpAuth &>(c) = HttpAuth::fromSource(source.auth);
    if (const QString why = c.validate(); !why.isEmpty()) {
        fail(error, tr("Source '%1': %2").arg(name, why));
        return std::nullopt;
    }
    return config;
}

} // namespace mw::view
