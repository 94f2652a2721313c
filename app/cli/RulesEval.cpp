#include "RulesEval.h"

#include "CliArgs.h"
#include "RemoteQuery.h"
#include "SourceOptions.h"

#include "alerting/AlertEngine.h"
#include "alerting/EngineRuleQuerier.h"
#include "alerting/Humanize.h"
#include "alerting/ManualClock.h"
#include "alerting/RuleFileChecker.h"
#include "alerting/PrometheusRuleQuerier.h"
#include "prometheus/PrometheusClient.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace mw::cli {

namespace {

using nlohmann::ordered_json;
using namespace mw::alerting;

constexpr int64_t kMaxSteps = 10'000;

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli rules eval: %s\n", qPrintable(message));
    std::fputs("Usage: modelwatch-cli rules eval (--prometheus URL | --scrape URL... --duration D | --load FILE)\n"
               "                                 [--time T] [--steps N --step S] [--json] FILE\n",
               stderr);
    return 2;
}

std::string timeText(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

ordered_json labelsJson(const Labels &labels)
{
    ordered_json o = ordered_json::object();
    for (const Labels::Pair &p : labels.pairs())
        o[p.name] = p.value;
    return o;
}

ordered_json instanceJson(const AlertInstance &a, const AlertEngine &engine)
{
    ordered_json o = {{"labels", labelsJson(a.labels)}, {"state", alertStateId(a.state)},
                      {"status", alertStatusId(engine.status(a.id()).value_or(AlertStatus::Inactive))},
                      {"value", formatRuleValue(a.value)}, {"activeAt", timeText(a.activeAtMs)}};
    o["firedAt"] = a.firedAtMs ? ordered_json(timeText(*a.firedAtMs)) : ordered_json();
    ordered_json ann = ordered_json::object();
    for (const auto &[k, v] : a.annotations)
        ann[k] = v;
    o["annotations"] = std::move(ann);
    return o;
}

/// One evaluation: every rule's health and alerts at `atMs`, plus what happened.
ordered_json evaluationJson(int64_t atMs, const AlertEngine &engine, const std::vector<AlertEvent> &events)
{
    ordered_json rules = ordered_json::array();
    for (const AlertRule &r : engine.rules()) {
        const std::optional<RuleHealth> h = engine.health(r.id);
        const bool failed = h && !h->lastError.empty();
        ordered_json alerts = ordered_json::array();
        for (const AlertInstance &a : engine.instances())
            if (a.ruleId == r.id)
                alerts.push_back(instanceJson(a, engine));
        rules.push_back({{"id", r.id}, {"alert", r.name}, {"health", failed ? "err" : "ok"},
                         {"lastError", failed ? h->lastError : std::string()}, {"alerts", std::move(alerts)}});
    }
    ordered_json ev = ordered_json::array();
    for (const AlertEvent &e : events) {
        ordered_json j = {{"kind", eventKindId(e.kind)}, {"rule", e.instance.ruleId},
                          {"labels", labelsJson(e.instance.labels)}};
        if (e.kind == EventKind::Transition)
            j["from"] = alertStateId(e.fromState), j["to"] = alertStateId(e.instance.state);
        if (e.kind == EventKind::Notification)
            j["reason"] = notifyReasonId(e.reason);
        j["detail"] = e.detail;
        ev.push_back(std::move(j));
    }
    return {{"time", timeText(atMs)}, {"rules", std::move(rules)}, {"events", std::move(ev)}};
}

void printEvaluationText(int64_t atMs, const AlertEngine &engine, const std::vector<AlertEvent> &events)
{
    std::printf("@ %s\n", timeText(atMs).c_str());
    for (const AlertRule &r : engine.rules()) {
        const std::optional<RuleHealth> h = engine.health(r.id);
        if (h && !h->lastError.empty())
            std::printf("  %s: error: %s\n", r.id.c_str(), h->lastError.c_str());
        int shown = 0;
        for (const AlertInstance &a : engine.instances()) {
            if (a.ruleId != r.id)
                continue;
            std::printf("  %s: %s %s value %s, active since %s\n", r.id.c_str(), std::string(alertStateId(a.state)).c_str(),
                        a.labels.toString().c_str(), formatRuleValue(a.value).c_str(), timeText(a.activeAtMs).c_str());
            for (const auto &[k, v] : a.annotations)
                std::printf("      %s: %s\n", k.c_str(), v.c_str());
            ++shown;
        }
        if (shown == 0 && !(h && !h->lastError.empty()))
            std::printf("  %s: inactive\n", r.id.c_str());
    }
    for (const AlertEvent &e : events) {
        if (e.kind == EventKind::Transition)
            std::printf("  event: %s %s -> %s (%s)\n", e.instance.ruleId.c_str(), std::string(alertStateId(e.fromState)).c_str(),
                        std::string(alertStateId(e.instance.state)).c_str(), e.detail.c_str());
        else if (e.kind == EventKind::Notification)
            std::printf("  event: %s notification (%s)\n", e.instance.ruleId.c_str(),
                        std::string(notifyReasonId(e.reason)).c_str());
    }
}

} // namespace

bool readRuleFile(const QString &path, std::string &text, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    text = file.read(static_cast<qint64>(RuleFileOptions{}.maxBytes) + 1).toStdString();
    return true;
}

std::string formatRuleValue(double v)
{
    return formatGoFloat(v);
}

int runRulesEval(const QStringList &args)
{
    QCommandLineParser parser;
    const SourceOptions sources(
        QStringLiteral("rules eval"),
        {.prometheus = QStringLiteral("Evaluate on this Prometheus-compatible server."),
         .scrape = QStringLiteral("Scrape this /metrics URL (repeatable) and evaluate locally."),
         .load = QStringLiteral("Load a timestamped OpenMetrics file and evaluate locally."),
         .time = QStringLiteral("Evaluation time (default: the newest sample, or now on a server).")});
    sources.addTo(parser);
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("Evaluate N times, --step apart, ending at T."), QStringLiteral("N"));
    const QCommandLineOption stepOption(QStringLiteral("step"), QStringLiteral("Time between --steps evaluations (e.g. 15s)."), QStringLiteral("S"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({stepsOption, stepOption, jsonOption});
    const RemoteOptions remoteOptions;
    remoteOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The Prometheus rule file."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli rules eval")} + args))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one rule file"));
    QString error;
    if (!sources.checkOneSource(parser, error))
        return usageError(error);
    std::optional<int64_t> timeMs;
    if (!sources.readTime(parser, timeMs, error))
        return usageError(error);
    int64_t steps = 1;
    std::optional<int64_t> stepMs;
    if (parser.isSet(stepsOption)) {
        bool ok = false;
        steps = parser.value(stepsOption).toLongLong(&ok);
        if (!ok || steps < 1 || steps > kMaxSteps)
            return usageError(QStringLiteral("--steps wants a whole number from 1 to %1").arg(kMaxSteps));
    }
    if (parser.isSet(stepOption) && !(stepMs = parseDurationArg(parser.value(stepOption), error)))
        return usageError(error);
    if (steps > 1 && !stepMs)
        return usageError(QStringLiteral("--steps needs --step"));

    const QString path = parser.positionalArguments().constFirst();
    std::string text;
    if (!readRuleFile(path, text, error)) {
        std::fprintf(stderr, "modelwatch-cli rules eval: %s\n", qPrintable(error));
        return 2;
    }
    const RuleFileCheck check = checkRuleFile(text);
    if (!check.import.ok()) {
        std::fprintf(stderr, "%s:%s\n", qPrintable(path), check.import.error->toString().c_str());
        return 1;
    }
    for (const RuleFileIssue &i : check.exprErrors)
        std::fprintf(stderr, "%s:%s\n", qPrintable(path), i.toString().c_str());

    SeriesStore store;
    std::unique_ptr<promql::StoreQueryable> data;
    std::unique_ptr<PrometheusClient> client;
    std::unique_ptr<RuleQuerier> querier;
    int64_t newestMs = QDateTime::currentMSecsSinceEpoch();
    if (sources.isRemote(parser)) {
        const auto connection = remoteOptions.connection(parser, sources.prometheusUrl(parser), error);
        if (!connection)
            return usageError(error);
        client = std::make_unique<PrometheusClient>();
        client->setConnection(*connection);
        querier = std::make_unique<PrometheusRuleQuerier>(*client);
    } else {
        QString usage;
        if (const int status = sources.loadLocal(parser, store, newestMs, usage); status != 0)
            return usage.isEmpty() ? status : usageError(usage);
        data = std::make_unique<promql::StoreQueryable>(store);
        querier = std::make_unique<EngineRuleQuerier>(*data);
    }

    const int64_t endMs = timeMs.value_or(newestMs);
    const int64_t step = stepMs.value_or(0);
    std::vector<AlertRule> rules = check.import.rules;
    if (steps > 1)
        for (AlertRule &r : rules)
            r.intervalMs = step; // every step evaluates every rule
    ManualClock clock(endMs - (steps - 1) * step);
    AlertEngine engine(clock, *querier);
    engine.setRules(std::move(rules));
    ordered_json evaluations = ordered_json::array();
    bool failed = false;
    for (int64_t i = 0; i < steps; ++i) {
        if (i > 0)
            clock.advanceMs(step);
        const std::vector<AlertEvent> events = engine.tick();
        for (const AlertRule &r : engine.rules())
            if (const auto h = engine.health(r.id); h && !h->lastError.empty())
                failed = true;
        if (parser.isSet(jsonOption))
            evaluations.push_back(evaluationJson(clock.nowMs(), engine, events));
        else
            printEvaluationText(clock.nowMs(), engine, events);
    }
    if (parser.isSet(jsonOption)) {
        const ordered_json out = {{"file", path.toStdString()}, {"evaluations", std::move(evaluations)}};
        std::fputs((out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n").c_str(), stdout);
    }
    if (std::fflush(stdout) != 0)
        return 2;
    return failed || !check.valid() ? 1 : 0;
}

} // namespace mw::cli
