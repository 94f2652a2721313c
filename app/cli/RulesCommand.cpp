// modelwatch-cli rules check|eval: validate a Prometheus rule file, or
// evaluate its alerting rules on a Prometheus server or on local data.

#include "Commands.h"
#include "RulesEval.h"

#include "alerting/PromDuration.h"
#include "alerting/RuleFileChecker.h"

#include <QCommandLineParser>
#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace mw::cli {

namespace {

using alerting::RuleFileCheck;
using alerting::RuleFileIssue;

constexpr const char *kUsage =
    "Usage: modelwatch-cli rules check [--json] FILE\n"
    "       modelwatch-cli rules eval (--prometheus URL | --scrape URL... --duration D | --load FILE)\n"
    "                                 [--time T] [--steps N --step S] [--json] FILE\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli rules: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

nlohmann::ordered_json issuesJson(const std::vector<RuleFileIssue> &issues)
{
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const RuleFileIssue &i : issues)
        a.push_back({{"line", i.line}, {"column", i.column}, {"message", i.message}});
    return a;
}

std::string ruleLine(const alerting::AlertRule &r)
{
    std::string line = r.id + ": alert " + r.name + ", every " + alerting::formatPromDuration(r.intervalMs);
    if (r.forMs > 0)
        line += ", for " + alerting::formatPromDuration(r.forMs);
    if (r.keepFiringForMs > 0)
        line += ", keep firing for " + alerting::formatPromDuration(r.keepFiringForMs);
    line += ", severity " + std::string(alerting::severityId(r.severity));
    if (r.kind == alerting::ConditionKind::Threshold)
        line += ", threshold " + std::string(alerting::compareOpId(r.op)) + " " + formatRuleValue(r.threshold);
    return line;
}

void printCheckJson(const QString &path, const RuleFileCheck &c)
{
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const alerting::AlertRule &r : c.import.rules) {
        if (groups.empty() || groups.back()["name"] != r.group)
            groups.push_back({{"name", r.group}, {"rules", nlohmann::ordered_json::array()}});
        nlohmann::ordered_json rule = {{"id", r.id}, {"alert", r.name}, {"expr", r.expr},
                                       {"intervalSeconds", double(r.intervalMs) / 1000},
                                       {"forSeconds", double(r.forMs) / 1000},
                                       {"severity", alerting::severityId(r.severity)}};
        if (r.kind == alerting::ConditionKind::Threshold)
            rule["threshold"] = {{"op", alerting::compareOpId(r.op)}, {"value", r.threshold}};
        groups.back()["rules"].push_back(std::move(rule));
    }
    std::vector<RuleFileIssue> invalid;
    for (const RuleFileIssue &i : c.import.notImported)
        if (std::find_if(c.recordingRules.begin(), c.recordingRules.end(), [&](const RuleFileIssue &r) {
                return r.line == i.line && r.column == i.column;
            }) == c.recordingRules.end())
            invalid.push_back(i);
    nlohmann::ordered_json out = {{"file", path.toStdString()}, {"valid", c.valid()}};
    out["error"] = c.import.error ? issuesJson({*c.import.error}).front() : nlohmann::ordered_json();
    out["groups"] = std::move(groups);
    out["invalidRules"] = issuesJson(invalid);
    out["exprErrors"] = issuesJson(c.exprErrors);
    out["recordingRulesNotImported"] = issuesJson(c.recordingRules);
    out["warnings"] = issuesJson(c.import.warnings);
    std::fputs((out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n").c_str(), stdout);
}

int runCheck(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The Prometheus rule file."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli rules check")} + args))
        return usageError(parser.errorText());
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("expected exactly one rule file"));
    const QString path = parser.positionalArguments().constFirst();
    std::string text;
    QString error;
    if (!readRuleFile(path, text, error)) {
        std::fprintf(stderr, "modelwatch-cli rules check: %s\n", qPrintable(error));
        return 2;
    }
    const RuleFileCheck c = alerting::checkRuleFile(text);
    if (parser.isSet(jsonOption)) {
        printCheckJson(path, c);
    } else {
        const QByteArray file = path.toUtf8();
        if (c.import.error)
            std::fprintf(stderr, "%s:%s\n", file.constData(), c.import.error->toString().c_str());
        for (const alerting::AlertRule &r : c.import.rules)
            std::printf("%s\n", ruleLine(r).c_str());
        for (const RuleFileIssue &i : c.import.notImported) {
            const bool record = std::find_if(c.recordingRules.begin(), c.recordingRules.end(), [&](const RuleFileIssue &r) {
                                    return r.line == i.line && r.column == i.column;
                                }) != c.recordingRules.end();
            std::fprintf(record ? stdout : stderr, "%s:%s\n", file.constData(), i.toString().c_str());
        }
        for (const RuleFileIssue &i : c.exprErrors)
            std::fprintf(stderr, "%s:%s\n", file.constData(), i.toString().c_str());
        for (const RuleFileIssue &i : c.import.warnings)
            std::fprintf(stderr, "%s:%d:%d: warning: %s\n", file.constData(), i.line, i.column, i.message.c_str());
        std::size_t groups = 0;
        std::string last;
        for (const alerting::AlertRule &r : c.import.rules)
            if (groups == 0 || r.group != last)
                ++groups, last = r.group;
        std::printf("%s: %s: %zu alerting rule(s) in %zu group(s), %zu recording rule(s) not imported\n",
                    file.constData(), c.valid() ? "valid" : "INVALID", c.import.rules.size(), groups,
                    c.recordingRules.size());
    }
    if (std::fflush(stdout) != 0)
        return 2;
    return c.valid() ? 0 : 1;
}

} // namespace

int runRules(const QStringList &args)
{
    if (args.isEmpty())
        return usageError(QStringLiteral("expected 'check' or 'eval'"));
    const QString sub = args.constFirst();
    if (sub == u"check")
        return runCheck(args.mid(1));
    if (sub == u"eval")
        return runRulesEval(args.mid(1));
    if (sub == u"--help" || sub == u"-h") {
        std::fputs(kUsage, stdout);
        return 0;
    }
    return usageError(u"unknown subcommand '" + sub + u"'");
}

} // namespace mw::cli
