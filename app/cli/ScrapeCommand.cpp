#include "Commands.h"
#include "PayloadPrinter.h"

#include "exposition/ExpositionParser.h"
#include "scrape/ScrapeFetcher.h"

#include <QCommandLineParser>
#include <QUrl>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace mw::cli {

namespace {

constexpr double kMaxTimeoutSeconds = 24 * 3600;
constexpr const char *kUsage =
    "Usage: modelwatch-cli scrape [--json] [--timeout SECONDS] [--max-bytes N] [--fallback-format FORMAT] URL\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli scrape: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

} // namespace

int runScrape(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fetch a /metrics endpoint like Prometheus 3 does, parse it and print it."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Give up after SECONDS for the whole request (default 10)."),
                                           QStringLiteral("SECONDS"));
    const QCommandLineOption maxBytesOption(
        QStringLiteral("max-bytes"),
        QStringLiteral("Refuse bodies above N bytes, downloaded or decompressed (default 64 MiB)."),
        QStringLiteral("N"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-format"),
        QStringLiteral("Parse a blank or unknown Content-Type as FORMAT (prometheus or openmetrics), like "
                       "Prometheus 3's fallback_scrape_protocol. Without it such targets are refused."),
        QStringLiteral("FORMAT"));
    parser.addOptions({jsonOption, timeoutOption, maxBytesOption, fallbackOption, helpOption});
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The http:// or https:// URL to scrape."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli scrape")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        // helpText() starts with a usage line naming the executable's path.
        const QString help = parser.helpText();
        std::fputs(kUsage, stdout);
        std::fputs(qPrintable(help.mid(help.indexOf(u'\n') + 1)), stdout);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one URL"));

    ScrapeOptions options;
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds <= 0.0 || seconds > kMaxTimeoutSeconds)
            return usageError(QStringLiteral("--timeout needs a number of seconds above 0 and at most %1, not '%2'")
                                  .arg(kMaxTimeoutSeconds)
                                  .arg(parser.value(timeoutOption)));
        options.timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000.0)));
    }
    if (parser.isSet(maxBytesOption)) {
        bool ok = false;
        const qlonglong n = parser.value(maxBytesOption).toLongLong(&ok);
        if (!ok || n <= 0)
            return usageError(
                QStringLiteral("--max-bytes needs a positive number of bytes, not '%1'").arg(parser.value(maxBytesOption)));
        options.maxBodyBytes = n;
    }

    if (parser.isSet(fallbackOption)) {
        const QString name = parser.value(fallbackOption);
        if (name == u"prometheus")
            options.fallbackFormat = expo::Format::PrometheusText;
        else if (name == u"openmetrics")
            options.fallbackFormat = expo::Format::OpenMetrics;
        else
            return usageError(QStringLiteral("--fallback-format is prometheus or openmetrics, not '%1'").arg(name));
    }

    const QString shown = parser.positionalArguments().constFirst();
    const QUrl url(shown, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return usageError(QStringLiteral("'%1' is not an http:// or https:// URL").arg(shown));

    const ScrapeResult scrape = ScrapeFetcher::fetchBlocking(url, options);
    if (!scrape.ok()) {
        const bool contentTypeRefused = scrape.error == ScrapeError::UnsupportedContentType
            && scrape.errorMessage.contains(u"Content-Type");
        std::fprintf(stderr, "%s: %s%s\n", qPrintable(shown), qPrintable(scrape.errorMessage),
                     contentTypeRefused ? " (--fallback-format prometheus parses it anyway)" : "");
        return 1;
    }

    expo::ParseOptions parseOptions;
    parseOptions.maxBytes = static_cast<std::size_t>(options.maxBodyBytes);
    const std::string_view payload(scrape.body.constData(), static_cast<std::size_t>(scrape.body.size()));
    // A successful scrape always carries the format its Content-Type announced.
    const expo::ParseResult result = expo::parse(payload, scrape.format.value_or(expo::Format::PrometheusText),
                                                 parseOptions);
    if (!result.ok()) {
        std::fprintf(stderr, "%s:%u:%u: %s\n", qPrintable(shown), result.error->line, result.error->column,
                     result.error->reason.c_str());
        return 1;
    }
    if (parser.isSet(jsonOption))
        printPayloadJson(result, stdout);
    else
        printPayloadText(result, stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace mw::cli
