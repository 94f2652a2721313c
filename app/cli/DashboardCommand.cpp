// modelwatch-cli dashboard: convert a Grafana dashboard into a ModelWatch
// one, and check a ModelWatch dashboard (the document and every expression).

#include "Commands.h"

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentCheck.h"
#include "dashboard/GrafanaImport.h"

#include <QCommandLineParser>
#include <QFile>

#include <cstdio>
#include <string>

namespace mw::cli {

namespace {

using namespace mw::dashboard;

constexpr const char *kUsage = "Usage: modelwatch-cli dashboard convert --from-grafana IN OUT\n"
                               "       modelwatch-cli dashboard check FILE\n";

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli dashboard: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

/// Reads a whole file of at most `maxBytes`; returns false (and prints) on an I/O error.
bool readFile(const QString &path, std::size_t maxBytes, QByteArray &out, bool &tooLarge)
{
    QFile file(path);
    tooLarge = false;
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "modelwatch-cli dashboard: cannot open %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    out = file.read(qint64(maxBytes) + 1);
    if (file.error() != QFileDevice::NoError) {
        std::fprintf(stderr, "modelwatch-cli dashboard: cannot read %s: %s\n", qPrintable(path),
                     qPrintable(file.errorString()));
        return false;
    }
    tooLarge = std::size_t(out.size()) > maxBytes;
    return true;
}

int convert(const QString &in, const QString &out)
{
    const Limits limits;
    QByteArray bytes;
    bool tooLarge = false;
    if (!readFile(in, limits.maxBytes, bytes, tooLarge))
        return 2;
    if (tooLarge) {
        std::fprintf(stderr, "%s: file too large (at most %zu bytes)\n", qPrintable(in), limits.maxBytes);
        return 1;
    }
    const GrafanaImport r = importGrafanaText(std::string_view(bytes.constData(), std::size_t(bytes.size())), limits);
    if (!r.document) {
        std::fprintf(stderr, "%s\n", locatedIn(in.toStdString(), *r.error).c_str());
        return 1;
    }
    if (const std::optional<std::string> error = DashboardFile::save(out, *r.document)) {
        std::fprintf(stderr, "modelwatch-cli dashboard: %s\n", error->c_str());
        return 2;
    }
    for (const NotCarried &n : r.notCarried)
        std::fprintf(stderr, "%s: not carried over: %s\n", qPrintable(in), n.toString().c_str());
    std::fprintf(stdout, "%s: %zu panels, %zu variables; %zu items not carried over\n", qPrintable(out),
                 r.document->panels.size(), r.document->variables.size(), r.notCarried.size());
    return std::fflush(stdout) == 0 ? 0 : 2;
}

int check(const QString &path)
{
    const DashboardFile::LoadResult loaded = DashboardFile::load(path);
    if (loaded.ioError) {
        std::fprintf(stderr, "modelwatch-cli dashboard: %s\n", loaded.read.error->message.c_str());
        return 2;
    }
    for (const Issue &w : loaded.read.warnings)
        std::fprintf(stderr, "%s: warning: %s\n", qPrintable(path), w.toString().c_str());
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", locatedIn(path.toStdString(), *loaded.read.error).c_str());
        return 1;
    }
    const Document &d = *loaded.read.document;
    std::vector<Issue> issues = checkExpressions(d);
    for (Issue &i : checkPanelSources(d))
        issues.push_back(std::move(i));
    for (const Issue &i : issues)
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), i.toString().c_str());
    if (!issues.empty())
        return 1;
    std::size_t queries = 0;
    for (const Panel &p : d.panels)
        queries += p.queries.size();
    std::fprintf(stdout, "%s: ok (schemaVersion %d%s), %zu panels, %zu queries, %zu rules, %zu variables, %zu sources\n",
                 qPrintable(path), loaded.read.fromVersion,
                 loaded.read.fromVersion < Document::kSchemaVersion ? ", migrated on load" : "", d.panels.size(),
                 queries, d.rules.size(), d.variables.size(), d.sources.size());
    return std::fflush(stdout) == 0 ? 0 : 2;
}

} // namespace

int runDashboard(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Convert a Grafana dashboard, or check a ModelWatch dashboard."));
    const QCommandLineOption grafanaOption(QStringLiteral("from-grafana"),
                                           QStringLiteral("convert: IN is a Grafana dashboard JSON export."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({grafanaOption, helpOption});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("convert IN OUT, or check FILE."));
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli dashboard")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        const QString help = parser.helpText();
        std::fputs(kUsage, stdout);
        std::fputs(qPrintable(help.mid(help.indexOf(u'\n') + 1)), stdout);
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty())
        return usageError(QStringLiteral("expected convert or check"));
    if (pos.first() == u"convert") {
        if (!parser.isSet(grafanaOption))
            return usageError(QStringLiteral("convert needs --from-grafana (the only input format so far)"));
        if (pos.size() != 3)
            return usageError(QStringLiteral("convert expects IN and OUT"));
        return convert(pos.at(1), pos.at(2));
    }
    if (pos.first() == u"check") {
        if (parser.isSet(grafanaOption))
            return usageError(QStringLiteral("--from-grafana is for convert"));
        if (pos.size() != 2)
            return usageError(QStringLiteral("check expects exactly one FILE"));
        return check(pos.at(1));
    }
    return usageError(QStringLiteral("unknown action '%1' (convert or check)").arg(pos.first()));
}

} // namespace mw::cli
