#include "PayloadSource.h"

#include "exposition/ExpositionParser.h"
#include "exposition/Gzip.h"
#include "scrape/ScrapeFetcher.h"

#include <QFile>

#include <cstdio>
#include <string_view>

namespace mw::cli {

namespace {

std::unique_ptr<LoadedPayload> readFile(const PayloadRequest &request, int &exitCode)
{
    auto payload = std::make_unique<LoadedPayload>();
    const bool useStdin = request.target == u"-";
    payload->shownName = useStdin ? QStringLiteral("<stdin>") : request.target;
    QFile file;
    bool opened;
    if (useStdin) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(request.target);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened) {
        std::fprintf(stderr, "modelwatch-cli %s: cannot open %s: %s\n", qPrintable(request.command),
                     qPrintable(payload->shownName), qPrintable(file.errorString()));
        exitCode = 2;
        return nullptr;
    }
    const expo::ParseOptions options;
    // Read at most one byte past the limit: enough for the parser to refuse it.
    payload->raw = file.read(static_cast<qint64>(options.maxBytes) + 1);
    if (file.error() != QFileDevice::NoError) {
        std::fprintf(stderr, "modelwatch-cli %s: cannot read %s: %s\n", qPrintable(request.command),
                     qPrintable(payload->shownName), qPrintable(file.errorString()));
        exitCode = 2;
        return nullptr;
    }
    std::string_view bytes(payload->raw.constData(), static_cast<std::size_t>(payload->raw.size()));
    if (expo::looksGzipped(bytes)) {
        std::string error;
        if (!expo::gunzip(bytes, options.maxBytes, payload->inflated, error)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(payload->shownName), error.c_str());
            exitCode = 1;
            return nullptr;
        }
        bytes = payload->inflated;
    }
    payload->result = expo::parse(bytes, expo::guessFormat(bytes), options);
    if (!payload->result.ok()) {
        std::fprintf(stderr, "%s:%s\n", qPrintable(payload->shownName), payload->result.error->toString().c_str());
        exitCode = 1;
        return nullptr;
    }
    exitCode = 0;
    return payload;
}

std::unique_ptr<LoadedPayload> scrapeUrl(const PayloadRequest &request, int &exitCode)
{
    const std::optional<QUrl> url = httpUrl(request.target);
    if (!url) {
        std::fprintf(stderr, "modelwatch-cli %s: '%s' is not an http:// or https:// URL\n",
                     qPrintable(request.command), qPrintable(request.target));
        exitCode = 2;
        return nullptr;
    }
    ScrapeOptions options;
    options.fallbackFormat = request.fallbackFormat;
    options.timeout = request.timeout.value_or(options.timeout);
    options.maxBodyBytes = request.maxBodyBytes.value_or(options.maxBodyBytes);
    const ScrapeResult scrape = ScrapeFetcher::fetchBlocking(*url, options, request.auth);
    if (!scrape.ok()) {
        const bool contentTypeRefused = scrape.error == ScrapeError::UnsupportedContentType
            && scrape.errorMessage.contains(u"Content-Type");
        std::fprintf(stderr, "%s: %s%s\n", qPrintable(request.target), qPrintable(scrape.errorMessage),
                     contentTypeRefused ? " (--fallback-format prometheus parses it anyway)" : "");
        exitCode = 1;
        return nullptr;
    }
    auto payload = std::make_unique<LoadedPayload>();
    payload->shownName = request.target;
    payload->raw = scrape.body;
    expo::ParseOptions parseOptions;
    parseOptions.maxBytes = static_cast<std::size_t>(options.maxBodyBytes);
    const std::string_view bytes(payload->raw.constData(), static_cast<std::size_t>(payload->raw.size()));
    // A successful scrape always carries the format its Content-Type announced.
    payload->result = expo::parse(bytes, scrape.format.value_or(expo::Format::PrometheusText), parseOptions);
    if (!payload->result.ok()) {
        std::fprintf(stderr, "%s:%u:%u: %s\n", qPrintable(request.target), payload->result.error->line,
                     payload->result.error->column, payload->result.error->reason.c_str());
        exitCode = 1;
        return nullptr;
    }
    exitCode = 0;
    return payload;
}

} // namespace

bool isUrlTarget(const QString &target)
{
    return target.startsWith(u"http://", Qt::CaseInsensitive) || target.startsWith(u"https://", Qt::CaseInsensitive);
}

std::optional<QUrl> httpUrl(const QString &target)
{
    const QUrl url(target, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return std::nullopt;
    return url;
}

bool parseFallbackFormat(const QString &name, std::optional<expo::Format> &format, QString &error)
{
    if (name == u"prometheus" || name == u"openmetrics") {
        format = name == u"prometheus" ? expo::Format::PrometheusText : expo::Format::OpenMetrics;
        return true;
    }
    error = QStringLiteral("--fallback-format is prometheus or openmetrics, not '%1'").arg(name);
    return false;
}

std::unique_ptr<LoadedPayload> loadPayload(const PayloadRequest &request, int &exitCode)
{
    return isUrlTarget(request.target) ? scrapeUrl(request, exitCode) : readFile(request, exitCode);
}

} // namespace mw::cli
