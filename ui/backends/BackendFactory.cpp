#include "BackendFactory.h"

#include "FeedBackend.h"

#include "BackendsLog.h"
#include "PrometheusBackend.h"
#include "ScoreBucketBackend.h"
#include "ScrapeBackend.h"

#include "http/HttpAuth.h"

#include <QCoreApplication>

namespace mw::view {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("mw::view::BackendFactory", text);
}

void setError(QString *error, const QString &message)
{
    qCWarning(lcBackends).noquote() << message;
    if (error)
        *error = message;
}

std::unique_ptr<SourceBackend> makePrometheus(const dashboard::Source &source, QString *error)
{
    std::optional<PrometheusBackendConfig> config = PrometheusBackendConfig::fromSource(source, error);
    if (!config) {
        if (error)
            qCWarning(lcBackends).noquote() << *error;
        return nullptr;
    }
    return std::make_unique<PrometheusBackend>(QString::fromStdString(source.name), std::move(*config));
}

std::unique_ptr<SourceBackend> makeScrape(const dashboard::Source &source, QString *error)
{
    const QString name = QString::fromStdString(source.name);
    QStringList urls;
    for (const std::string &t : source.targets)
        urls.push_back(QString::fromStdString(t));
    if (const QString why = ScrapeBackend::validateTargets(urls); !why.isEmpty()) {
        setError(error, tr("Source '%1': %2").arg(name, why));
        return nullptr;
    }
    if (source.scrapeIntervalMs <= 0) {
        setError(error, tr("Source '%1': the scrape interval must be positive.").arg(name));
        return nullptr;
    }
    const HttpAuth auth = HttpAuth::fromSource(source.auth);
    if (const QString why = auth.validate(); !why.isEmpty()) {
        setError(error, tr("Source '%1': %2").arg(name, why));
        return nullptr;
    }
    auto backend = std::make_unique<ScrapeBackend>(name, urls, std::chrono::milliseconds(source.scrapeIntervalMs));
    backend->setAuth(auth);
    return backend;
}

} // namespace

std::unique_ptr<SourceBackend> makeBackend(const dashboard::Source &source, QString *error)
{
    // A switch over the kinds that exist; a value no kind has (a newer
    // file's) lands in the default branch.
    switch (source.kind) {
    case dashboard::SourceKind::Feed:
        return std::make_unique<FeedBackend>(source);
    case dashboard::SourceKind::Prometheus:
        return makePrometheus(source, error);
    case dashboard::SourceKind::Scrape:
        return makeScrape(source, error);
    case dashboard::SourceKind::ScoreBuckets:
        return std::make_unique<ScoreBucketBackend>(source);
    default:
        break;
    }
    const std::string_view id = dashboard::sourceKindId(source.kind);
    const QString kind = id.empty() ? QString::number(static_cast<int>(source.kind))
                                    : QString::fromUtf8(id.data(), static_cast<qsizetype>(id.size()));
    setError(error, tr("Source '%1': kind '%2' has no backend in this build.")
                        .arg(QString::fromStdString(source.name), kind));
    return nullptr;
}

} // namespace mw::view
