#include "Commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <cstring>

namespace {

void printUsage(FILE *to)
{
    std::fputs("Usage: modelwatch-cli COMMAND [OPTIONS] ...\n"
               "\n"
               "Commands:\n"
               "  parse [--format auto|prometheus|openmetrics] [--json|--quiet] FILE|-\n"
               "        Parse a metrics exposition payload and print its families and samples.\n"
               "  scrape [--json] [--timeout SECONDS] [--max-bytes N] [--fallback-format FORMAT] URL\n"
               "        Fetch a /metrics endpoint like Prometheus 3 does, parse it and print it.\n"
               "  query (--prometheus URL | --scrape URL... --duration D | --load FILE)\n"
               "        [--time T | --start T --end T --step S] [--json] EXPR\n"
               "        Run a PromQL expression on a Prometheus server, or locally on scraped or loaded data.\n"
               "  rules check [--json] FILE | rules eval (--prometheus URL | --scrape URL... --duration D | --load FILE) [--time T] [--steps N --step S] [--json] FILE\n"
               "        Validate a Prometheus rule file, or evaluate its alerting rules (pending -> firing with --steps).\n"
               "  detect [--json] [--fallback-format FORMAT] URL|FILE|-\n"
               "        Recognise the model server behind a payload or URL and print its preset dashboard.\n"
               "  dashboard convert --from-grafana IN OUT | dashboard check FILE\n"
               "        Convert a Grafana dashboard; check a ModelWatch dashboard and its expressions.\n"
               "  quality [--window N|DURATION] [--format jsonl|csv] [--join-window D] [--positive-class C] [--json] FEED\n"
               "        Precision, recall, F1, accuracy and AUCs of a labeled-prediction feed (file, - or URL).\n"
               "  render DASHBOARD.json --out FILE.png [--width W --height H] [--from T --to T] [--wait D]\n"
               "        Draw a dashboard offscreen into a PNG with the app's widgets.\n"
               "\n"
               "Exit status: 0 valid, 1 invalid payload or failed scrape, 2 usage or I/O error.\n",
               to);
}

} // namespace

int main(int argc, char **argv)
{
    // render paints widgets: it makes its own QApplication, before any other.
    if (argc > 1 && std::strcmp(argv[1], "render") == 0)
        return mw::cli::runRender(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modelwatch-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModelWatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        printUsage(stderr);
        return 2;
    }
    const QString command = args.takeFirst();
    if (command == u"parse")
        return mw::cli::runParse(args);
    if (command == u"scrape")
        return mw::cli::runScrape(args);
    if (command == u"query")
        return mw::cli::runQuery(args);
    if (command == u"quality")
        return mw::cli::runQuality(args);
    if (command == u"rules")
        return mw::cli::runRules(args);
    if (command == u"detect")
        return mw::cli::runDetect(args);
    if (command == u"dashboard")
        return mw::cli::runDashboard(args);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        printUsage(stdout);
        return 0;
    }
    if (command == u"--version") {
        std::printf("modelwatch-cli %s\n", MODELWATCH_VERSION);
        return 0;
    }
    std::fprintf(stderr, "modelwatch-cli: unknown command '%s'\n\n", qPrintable(command));
    printUsage(stderr);
    return 2;
}
