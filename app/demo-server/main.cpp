// modelwatch-demo-server: a real small model behind TensorFlow Serving's REST
// API, with Prometheus metrics, delayed ground truth and fault injection.
// Prints its base URL on stdout (one line) once it listens; logs go to stderr.
#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop sees the byte.
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

/// SIGINT/SIGTERM quit the event loop, so the server's destructors run.
void quitOnSignals(QCoreApplication &app)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"modelwatch-demo-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A logistic-regression model served with TensorFlow Serving's REST API and metrics.\n"
        "Endpoints: POST /v1/models/NAME:predict, GET /v1/models/NAME, "
        "GET /monitoring/prometheus/metrics, GET /v1/feed?since=SEQ, GET /faults, POST /faults/NAME."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(u"port"_s, u"Port to listen on; 0 picks a free one (default 8501)."_s, u"PORT"_s, u"8501"_s);
    const QCommandLineOption host(u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"ADDRESS"_s, u"127.0.0.1"_s);
    const QCommandLineOption rate(u"rate"_s, u"Built-in load, requests per second; 0 for none (default 20)."_s, u"RATE"_s, u"20"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed of the data, the load and the faults (default 42)."_s, u"SEED"_s, u"42"_s);
    const QCommandLineOption delay(u"label-delay"_s, u"Seconds until a prediction's true label arrives (default 5)."_s,
                                   u"SECONDS"_s, u"5"_s);
    const QCommandLineOption model(u"model-name"_s, u"Name the model is served under (default demo)."_s, u"NAME"_s, u"demo"_s);
    const QCommandLineOption fault(u"fault"_s, u"Start with this fault on (repeatable): latency, errors, memory, accuracy_drift, down."_s,
                                   u"NAME"_s);
    parser.addOptions({port, host, rate, seed, delay, model, fault});
    parser.process(app);

    QTextStream err(stderr);
    mw::demo::DemoServer::Options options;
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535) {
        err << "modelwatch-demo-server: --port must be 0..65535\n";
        return 2;
    }
    options.port = static_cast<quint16>(portValue);
    if (!options.host.setAddress(parser.value(host))) {
        err << "modelwatch-demo-server: --host must be an IP address\n";
        return 2;
    }
    options.rate = parser.value(rate).toDouble(&ok);
    if (!ok || options.rate < 0.0) {
        err << "modelwatch-demo-server: --rate must be a non-negative number\n";
        return 2;
    }
    options.seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        err << "modelwatch-demo-server: --seed must be a non-negative integer\n";
        return 2;
    }
    const double delaySeconds = parser.value(delay).toDouble(&ok);
    if (!ok || delaySeconds < 0.0 || delaySeconds > 86400.0) {
        err << "modelwatch-demo-server: --label-delay must be 0..86400 seconds\n";
        return 2;
    }
    options.labelDelayMs = static_cast<int64_t>(delaySeconds * 1000.0);
    options.modelName = parser.value(model).toStdString();
    if (options.modelName.empty() || parser.value(model).contains(u'/') || parser.value(model).contains(u':')) {
        err << "modelwatch-demo-server: --model-name must be non-empty without '/' or ':'\n";
        return 2;
    }

    mw::demo::DemoServer server(options);
    for (const QString &name : parser.values(fault)) {
        const auto f = mw::demo::FaultInjector::fromName(name);
        if (!f) {
            err << "modelwatch-demo-server: unknown fault " << name << '\n';
            return 2;
        }
        server.faults().setActive(*f, true);
    }
    QString error;
    if (!server.start(&error)) {
        err << "modelwatch-demo-server: " << error << '\n';
        return 1;
    }
    quitOnSignals(app);
    QTextStream out(stdout);
    out << server.url().toString() << Qt::endl; // flushed: a parent process waits for this line
    return QCoreApplication::exec();
}
