#include "CliArgs.h"
#include "Commands.h"
#include "PayloadPrinter.h"
#include "PayloadSource.h"
#include "RemoteQuery.h"

#include "http/HttpAuth.h"

#include <QCommandLineParser>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

namespace mw::cli {

namespace {

constexpr double kMaxTimeoutSeconds = 24 * 3600;
constexpr const char *kUsage =
    "Usage: modelwatch-cli scrape [--json] [--timeout SECONDS] [--max-bytes N] [--fallback-format FORMAT] URL\n"
    "  with credentials as query --prometheus takes them: [--header 'NAME: VALUE']...\n"
    "  [--basic-auth-user USER --password-ref REF | --bearer-token-ref REF]\n"
    "  [--ca-file FILE] [--cert-file FILE --key-file FILE] [--insecure-skip-verify]\n";

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
    // The same credentials as `query --prometheus`, parsed by the same code.
    const RemoteOptions remoteOptions(QStringLiteral("the target"));
    remoteOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The http:// or https:// URL to scrape."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli scrape")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        printCommandHelp(parser, kUsage);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one URL"));

    PayloadRequest request;
    request.command = QStringLiteral("scrape");
    request.target = parser.positionalArguments().constFirst();
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds <= 0.0 || seconds > kMaxTimeoutSeconds)
            return usageError(QStringLiteral("--timeout needs a number of seconds above 0 and at most %1, not '%2'")
                                  .arg(kMaxTimeoutSeconds)
                                  .arg(parser.value(timeoutOption)));
        request.timeout = std::chrono::milliseconds(std::max<long long>(1, std::llround(seconds * 1000.0)));
    }
    if (parser.isSet(maxBytesOption)) {
        bool ok = false;
        const qlonglong n = parser.value(maxBytesOption).toLongLong(&ok);
        if (!ok || n <= 0)
            return usageError(
                QStringLiteral("--max-bytes needs a positive number of bytes, not '%1'").arg(parser.value(maxBytesOption)));
        request.maxBodyBytes = n;
    }
    QString error;
    if (parser.isSet(fallbackOption) && !parseFallbackFormat(parser.value(fallbackOption), request.fallbackFormat, error))
        return usageError(error);
    // A FILE is `parse`'s: only a URL is scraped here.
    const std::optional<QUrl> url = httpUrl(request.target);
    if (!url)
        return usageError(QStringLiteral("'%1' is not an http:// or https:// URL").arg(request.target));
    std::optional<HttpAuth> auth = remoteOptions.auth(parser, *url, error);
    if (!auth)
        return usageError(error);
    request.auth = std::move(*auth);

    int exitCode = 0;
    const std::unique_ptr<LoadedPayload> payload = loadPayload(request, exitCode);
    if (!payload)
        return exitCode;
    if (parser.isSet(jsonOption))
        printPayloadJson(payload->result, stdout);
    else
        printPayloadText(payload->result, stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace mw::cli
