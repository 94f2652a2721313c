#include "Commands.h"
#include "QueryPrinter.h"

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"
#include "CliArgs.h"
#include "RemoteQuery.h"
#include "SourceOptions.h"
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
    const SourceOptions sources(QStringLiteral("query"),
                                {.prometheus = QStringLiteral("Query this Prometheus-compatible server."),
                                 .scrape = QStringLiteral("Scrape this /metrics URL (repeatable) and query locally."),
                                 .load = QStringLiteral("Load a timestamped OpenMetrics file and query locally."),
                                 .time = QStringLiteral("Evaluation time (RFC 3339 or Unix seconds).")});
    sources.addTo(parser);
    const QCommandLineOption startOption(QStringLiteral("start"), QStringLiteral("Range start."), QStringLiteral("T"));
    const QCommandLineOption endOption(QStringLiteral("end"), QStringLiteral("Range end."), QStringLiteral("T"));
    const QCommandLineOption stepOption(QStringLiteral("step"), QStringLiteral("Range step (e.g. 15s)."), QStringLiteral("S"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the Prometheus API's JSON."));
    parser.addOptions({startOption, endOption, stepOption, jsonOption});
    const RemoteOptions remoteOptions;
    remoteOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("expr"), QStringLiteral("The PromQL expression."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli query")} + args))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one expression (quote it)"));
    QString error;
    if (!sources.checkOneSource(parser, error))
        return usageError(error);
    const bool isRange = parser.isSet(startOption) || parser.isSet(endOption) || parser.isSet(stepOption);
    if (isRange && (!parser.isSet(startOption) || !parser.isSet(endOption) || !parser.isSet(stepOption)))
        return usageError(QStringLiteral("a range query needs --start, --end and --step"));
    if (isRange && sources.hasTime(parser))
        return usageError(QStringLiteral("--time is for instant queries; a range query takes --start, --end and --step"));

    std::optional<int64_t> timeMs, startMs, endMs, stepMs;
    auto readTime = [&](const QCommandLineOption &o, std::optional<int64_t> &out) {
        if (!parser.isSet(o))
            return true;
        out = parseTimeArg(parser.value(o), error);
        return out.has_value();
    };
    if (!sources.readTime(parser, timeMs, error) || !readTime(startOption, startMs) || !readTime(endOption, endMs))
        return usageError(error);
    if (parser.isSet(stepOption)) {
        stepMs = parseDurationArg(parser.value(stepOption), error);
        if (!stepMs)
            return usageError(error);
    }
    const std::string expr = parser.positionalArguments().constFirst().toStdString();

    if (sources.isRemote(parser)) {
        const std::optional<PrometheusConnection> connection =
            remoteOptions.connection(parser, sources.prometheusUrl(parser), error);
        if (!connection)
            return usageError(error);
        return runRemoteQuery(*connection, expr, timeMs, startMs, endMs, stepMs, parser.isSet(jsonOption));
    }

    SeriesStore store;
    int64_t newestMs = 0;
    QString usage;
    if (const int status = sources.loadLocal(parser, store, newestMs, usage); status != 0)
        return usage.isEmpty() ? status : usageError(usage);

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
