#include "Commands.h"
#include "QueryPrinter.h"

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"
#include "CliArgs.h"
#include "QuerySources.h"
#include "RemoteQuery.h"
#include "prometheus/PromConnection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include <cstdio>

namespace mw::cli {

namespace {

constexpr const char *kUsage =
    "Usage: modelwatch-cli query (--prometheus URL | --scrape URL... --duration D | --load FILE)\n"
    "                            [--time T | --start T --end T --step S] [--json] EXPR\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli query: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

} // namespace

int runQuery(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption prometheusOption(QStringLiteral("prometheus"), QStringLiteral("Query this Prometheus-compatible server."), QStringLiteral("URL"));
    const QCommandLineOption scrapeOption(QStringLiteral("scrape"), QStringLiteral("Scrape this /metrics URL (repeatable) and query locally."), QStringLiteral("URL"));
    const QCommandLineOption durationOption(QStringLiteral("duration"), QStringLiteral("How long to scrape (with --scrape)."), QStringLiteral("D"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("Scrape interval (default 1s)."), QStringLiteral("D"));
    const QCommandLineOption loadOption(QStringLiteral("load"), QStringLiteral("Load a timestamped OpenMetrics file and query locally."), QStringLiteral("FILE"));
    const QCommandLineOption timeOption(QStringLiteral("time"), QStringLiteral("Evaluation time (RFC 3339 or Unix seconds)."), QStringLiteral("T"));
    const QCommandLineOption startOption(QStringLiteral("start"), QStringLiteral("Range start."), QStringLiteral("T"));
    const QCommandLineOption endOption(QStringLiteral("end"), QStringLiteral("Range end."), QStringLiteral("T"));
    const QCommandLineOption stepOption(QStringLiteral("step"), QStringLiteral("Range step (e.g. 15s)."), QStringLiteral("S"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the Prometheus API's JSON."));
    parser.addOptions({prometheusOption, scrapeOption, durationOption, intervalOption, loadOption, timeOption,
                       startOption, endOption, stepOption, jsonOption});
    const RemoteOptions remoteOptions;
    remoteOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("expr"), QStringLiteral("The PromQL expression."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli query")} + args))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one expression (quote it)"));
    const int sources = int(parser.isSet(prometheusOption)) + int(parser.isSet(scrapeOption)) + int(parser.isSet(loadOption));
    if (sources != 1)
        return usageError(QStringLiteral("give exactly one of --prometheus, --scrape or --load"));
    const bool isRange = parser.isSet(startOption) || parser.isSet(endOption) || parser.isSet(stepOption);
    if (isRange && (!parser.isSet(startOption) || !parser.isSet(endOption) || !parser.isSet(stepOption)))
        return usageError(QStringLiteral("a range query needs --start, --end and --step"));
    if (isRange && parser.isSet(timeOption))
        return usageError(QStringLiteral("--time is for instant queries; a range query takes --start, --end and --step"));

    QString error;
    std::optional<int64_t> timeMs, startMs, endMs, stepMs;
    auto readTime = [&](const QCommandLineOption &o, std::optional<int64_t> &out) {
        if (!parser.isSet(o))
            return true;
        out = parseTimeArg(parser.value(o), error);
        return out.has_value();
    };
    if (!readTime(timeOption, timeMs) || !readTime(startOption, startMs) || !readTime(endOption, endMs))
        return usageError(error);
    if (parser.isSet(stepOption)) {
        stepMs = parseDurationArg(parser.value(stepOption), error);
        if (!stepMs)
            return usageError(error);
    }
    const std::string expr = parser.positionalArguments().constFirst().toStdString();

    if (parser.isSet(prometheusOption)) {
        const std::optional<PrometheusConnection> connection =
            remoteOptions.connection(parser, parser.value(prometheusOption), error);
        if (!connection)
            return usageError(error);
        return runRemoteQuery(*connection, expr, timeMs, startMs, endMs, stepMs, parser.isSet(jsonOption));
    }

    SeriesStore store;
    int64_t newestMs = 0;
    if (parser.isSet(loadOption)) {
        if (!loadTimestampedFile(parser.value(loadOption), store, newestMs, error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
    } else {
        if (!parser.isSet(durationOption))
            return usageError(QStringLiteral("--scrape needs --duration"));
        const auto duration = parseDurationArg(parser.value(durationOption), error);
        if (!duration)
            return usageError(error);
        std::optional<int64_t> interval = int64_t{1000};
        if (parser.isSet(intervalOption) && !(interval = parseDurationArg(parser.value(intervalOption), error)))
            return usageError(error);
        if (!scrapeIntoStore(parser.values(scrapeOption), std::chrono::milliseconds(*interval),
                       std::chrono::milliseconds(*duration), store, newestMs, error)) {
            std::fprintf(stderr, "modelwatch-cli query: %s\n", qPrintable(error));
            return 2;
        }
    }

    const promql::StoreQueryable data(store);
    const promql::Engine engine(data);
    const promql::QueryResult result = isRange ? engine.rangeQuery(expr, *startMs, *endMs, *stepMs)
                                               : engine.instantQuery(expr, timeMs.value_or(newestMs));
    if (parser.isSet(jsonOption))
        printQueryJson(result, stdout);
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", result.error.c_str());
        return 1;
    }
    if (!parser.isSet(jsonOption))
        printQueryText(result, stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace mw::cli
