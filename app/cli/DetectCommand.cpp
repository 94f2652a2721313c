// modelwatch-cli detect: which model server a payload or endpoint comes from,
// and the preset dashboard ModelWatch would build for it.

#include "CliArgs.h"
#include "Commands.h"
#include "PayloadSource.h"

#include "presets/DashboardJson.h"
#include "presets/Detector.h"
#include "presets/PresetBuilder.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

namespace mw::cli {

namespace {

using namespace mw::presets;

constexpr const char *kUsage = "Usage: modelwatch-cli detect [--json] [--fallback-format FORMAT] URL|FILE|-\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli detect: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

std::string joined(const std::vector<std::string> &names)
{
    std::string out;
    for (const std::string &n : names) {
        if (!out.empty())
            out += ", ";
        out += n;
    }
    return out;
}

void printText(const QString &target, const Detection &d, const Dashboard &dash, std::FILE *out)
{
    if (d.kind != ServerKind::Unknown) {
        std::fprintf(out, "%s: %s (%s), confidence %.2f, score %d\n", qPrintable(target),
                     std::string(serverKindName(d.kind)).c_str(), std::string(serverKindId(d.kind)).c_str(),
                     d.confidence, d.score);
        std::fprintf(out, "  evidence: %s\n", joined(d.evidence).c_str());
    } else {
        std::fprintf(out, "%s: no model server recognised\n", qPrintable(target));
    }
    for (const KindScore &c : d.candidates) {
        if (c.kind != d.kind)
            std::fprintf(out, "  also like %s (score %d): %s\n", std::string(serverKindId(c.kind)).c_str(), c.score,
                         joined(c.evidence).c_str());
    }
    for (const CollectorMatch &m : d.collectors)
        std::fprintf(out, "  collector %s: %s\n", std::string(collectorId(m.collector)).c_str(),
                     joined(m.evidence).c_str());
    if (dash.panels.empty())
        return;
    std::fprintf(out, "\ndashboard \"%s\": %zu panels\n", dash.title.c_str(), dash.panels.size());
    for (const Panel &p : dash.panels) {
        std::fprintf(out, "  %s [%s]\n", p.title.c_str(), std::string(unitId(p.unit)).c_str());
        for (const PanelQuery &q : p.queries)
            std::fprintf(out, "    %s    # %s\n", q.expr.c_str(), q.legend.c_str());
    }
}

nlohmann::json toJson(const QString &target, const Detection &d, const Dashboard &dash)
{
    nlohmann::json candidates = nlohmann::json::array();
    for (const KindScore &c : d.candidates)
        candidates.push_back({{"kind", serverKindId(c.kind)}, {"score", c.score}, {"evidence", c.evidence}});
    nlohmann::json collectors = nlohmann::json::array();
    for (const CollectorMatch &m : d.collectors)
        collectors.push_back({{"collector", collectorId(m.collector)}, {"evidence", m.evidence}});
    return {
        {"target", target.toStdString()},
        {"kind", serverKindId(d.kind)},
        {"name", d.kind == ServerKind::Unknown ? std::string_view{} : serverKindName(d.kind)},
        {"confidence", d.confidence},
        {"score", d.score},
        {"evidence", d.evidence},
        {"candidates", std::move(candidates)},
        {"collectors", std::move(collectors)},
        {"dashboard", dashboardToJson(dash)},
    };
}

} // namespace

int runDetect(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Recognise the model server behind a payload or /metrics URL and print its preset dashboard."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-format"),
        QStringLiteral("For a URL: parse a blank or unknown Content-Type as FORMAT (prometheus or openmetrics)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({jsonOption, fallbackOption, helpOption});
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("An http:// or https:// URL, a payload FILE, or - for standard input."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli detect")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        printCommandHelp(parser, kUsage);
        return 0;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one URL, FILE or -"));

    PayloadRequest request;
    request.command = QStringLiteral("detect");
    request.target = parser.positionalArguments().constFirst();
    QString error;
    if (parser.isSet(fallbackOption) && !parseFallbackFormat(parser.value(fallbackOption), request.fallbackFormat, error))
        return usageError(error);

    int exitCode = 0;
    const std::unique_ptr<LoadedPayload> payload = loadPayload(request, exitCode);
    if (!payload)
        return exitCode;

    const Detection detection = Detector::detect(payload->result);
    const Dashboard dashboard = PresetBuilder::build(detection, MetricNameSet::fromPayload(payload->result));
    const bool recognised = detection.kind != ServerKind::Unknown || !detection.collectors.empty();
    if (parser.isSet(jsonOption))
        std::fprintf(stdout, "%s\n", toJson(payload->shownName, detection, dashboard).dump(2).c_str());
    else
        printText(payload->shownName, detection, dashboard, stdout);
    if (std::fflush(stdout) != 0)
        return 2;
    if (!recognised) {
        std::fprintf(stderr, "%s: no model server or collector recognised among %zu metric families\n",
                     qPrintable(payload->shownName), payload->result.families.size());
        return 1;
    }
    return 0;
}

} // namespace mw::cli
