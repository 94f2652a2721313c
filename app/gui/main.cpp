// modelwatch: the desktop application. The dashboard window is the next piece
// of work (the dashboard issue); until it lands this executable says so
// plainly instead of pretending. `modelwatch --demo` already starts the real
// demo model server in-process, as the window will, and shows how to watch
// it live with modelwatch-cli meanwhile.

#include "demo/DemoServer.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <cstdio>

namespace {

constexpr const char *kNotYet =
    "ModelWatch " MODELWATCH_VERSION "\n"
    "\n"
    "The desktop dashboard window is not built yet: it is the next milestone.\n"
    "This build has the metrics engine, the data sources (Prometheus API client,\n"
    "direct scraping, a local PromQL engine), model-server detection with preset\n"
    "dashboards, dashboard documents, the alert engine with notifications and\n"
    "history, the model-quality maths and the demo model server.\n";

int runDemo()
{
    mw::demo::DemoServer::Options options;
    options.port = 0; // a free port: never collide with a real TF Serving on 8501
    mw::demo::DemoServer server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "modelwatch: the demo model server did not start: %s\n", qPrintable(error));
        return 1;
    }
    const QString base = server.url().toString();
    const QString metrics = base + QStringLiteral("/monitoring/prometheus/metrics");
    QTextStream out(stdout);
    out << kNotYet << "\n"
        << "The demo model server is running in this process, with its own load:\n"
        << "  " << base << "\n\n"
        << "Watch it from another terminal (press Ctrl+C here to stop it):\n"
        << "  build/default/app/cli/modelwatch-cli detect " << metrics << "\n"
        << "  build/default/app/cli/modelwatch-cli query --scrape " << metrics
        << " --duration 15s 'sum(rate(:tensorflow:serving:request_count[10s])) by (status)'\n"
        << "  curl -X POST '" << base << "/faults/latency?enabled=1'   # then watch latency climb\n"
        << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modelwatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.contains(QStringLiteral("--version"))) {
        std::printf("modelwatch %s\n", MODELWATCH_VERSION);
        return 0;
    }
    if (args.contains(QStringLiteral("--demo")))
        return runDemo();
    std::fputs(kNotYet, stdout);
    std::fputs("\nTry:\n"
               "  modelwatch --demo\n"
               "  modelwatch-cli parse tests/data/samples/04_vllm_v1_metrics.txt\n"
               "  modelwatch-cli detect tests/data/samples/01_tfserving_monitoring_prometheus_metrics.txt\n",
               stdout);
    return 0;
}
