// modelwatch-cli render: a dashboard drawn offscreen into a PNG with the
// app's own widgets (DashboardRenderer), for reports, CI and documentation.

#include "Commands.h"

#include "CliArgs.h"
#include "DashboardRenderer.h"

#include "TimeSpec.h"
#include "dashboard/DashboardFile.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QSaveFile>

#include <cstdio>
#include <optional>
#include <string>

namespace mw::cli {

namespace {

using namespace mw::dashboard;

constexpr const char *kUsage =
    "Usage: modelwatch-cli render DASHBOARD.json --out FILE.png [--width W] [--height H]\n"
    "                             [--from T] [--to T] [--wait DURATION] [--timeout DURATION]\n"
    "  --width W, --height H  image size (default 1600 wide, as tall as the panels)\n"
    "  --from T, --to T       time range instead of the document's: now-1h, now, ISO 8601 or ms\n"
    "  --wait DURATION        let scrape and feed sources collect first (default: two of the\n"
    "                         slowest source's intervals + 1s; none for Prometheus sources)\n"
    "  --timeout DURATION     longest wait for every panel's answer after that (default 60s)\n"
    "Exit status: 0 written, 1 unreadable or invalid dashboard or PNG not written, 2 usage error.\n";

constexpr int kMaxSide = 16384;

int usageError(const QString &message)
{
    std::fprintf(stderr, "modelwatch-cli render: %s\n", qPrintable(message));
    std::fputs(kUsage, stderr);
    return 2;
}

std::optional<int> sideArg(const QCommandLineParser &parser, const QCommandLineOption &option, QString &error)
{
    bool ok = false;
    const int v = parser.value(option).toInt(&ok);
    if (!ok || v < 1 || v > kMaxSide) {
        error = QStringLiteral("--%1 must be a whole number of pixels from 1 to %2, not '%3'")
                    .arg(option.names().constFirst())
                    .arg(kMaxSide)
                    .arg(parser.value(option));
        return std::nullopt;
    }
    return v;
}

const char *stateName(view::PanelState state)
{
    switch (state) {
    case view::PanelState::Idle: return "not asked";
    case view::PanelState::Loading: return "loading";
    case view::PanelState::Ready: return "ready";
    case view::PanelState::NoData: return "no data";
    case view::PanelState::Error: return "error";
    }
    return "unknown";
}

/// What did not go well, on stderr; the image shows it too.
void reportOutcome(const RenderResult &r, int64_t timeoutMs)
{
    for (const QString &s : r.sourceErrors)
        std::fprintf(stderr, "modelwatch-cli render: source %s\n", qPrintable(s));
    for (const PanelOutcome &p : r.panels) {
        if (!p.answered) {
            std::fprintf(stderr, "modelwatch-cli render: panel %d \"%s\" had not answered after %gs (%s); drawn as it was\n",
                         p.id, qPrintable(p.title), static_cast<double>(timeoutMs) / 1000.0, stateName(p.state));
            continue;
        }
        for (const QString &e : p.errors)
            std::fprintf(stderr, "modelwatch-cli render: panel %d \"%s\": %s: %s\n", p.id, qPrintable(p.title),
                         p.state == view::PanelState::Error ? "error" : "partial error", qPrintable(e));
    }
}

bool writePng(const QString &path, const QImage &image)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "modelwatch-cli render: cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    if (!image.save(&file, "PNG")) {
        const QString why = file.error() != QFileDevice::NoError ? file.errorString() : QStringLiteral("PNG encoding failed");
        file.cancelWriting();
        std::fprintf(stderr, "modelwatch-cli render: cannot write %s: %s\n", qPrintable(path), qPrintable(why));
        return false;
    }
    if (!file.commit()) {
        std::fprintf(stderr, "modelwatch-cli render: cannot write %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    return true;
}

} // namespace

int runRender(int &argc, char **argv)
{
    // Widgets need a QApplication; without a screen it paints offscreen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("modelwatch-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("ModelWatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MODELWATCH_VERSION));

    QCommandLineParser parser;
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("The PNG to write."), QStringLiteral("FILE"));
    const QCommandLineOption widthOption(QStringLiteral("width"), QStringLiteral("Image width."), QStringLiteral("W"),
                                         QStringLiteral("1600"));
    const QCommandLineOption heightOption(QStringLiteral("height"), QStringLiteral("Image height."), QStringLiteral("H"));
    const QCommandLineOption fromOption(QStringLiteral("from"), QStringLiteral("Range start."), QStringLiteral("T"));
    const QCommandLineOption toOption(QStringLiteral("to"), QStringLiteral("Range end."), QStringLiteral("T"));
    const QCommandLineOption waitOption(QStringLiteral("wait"), QStringLiteral("Collect first."), QStringLiteral("DURATION"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), QStringLiteral("Longest wait for answers."),
                                           QStringLiteral("DURATION"), QStringLiteral("60s"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({outOption, widthOption, heightOption, fromOption, toOption, waitOption, timeoutOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("modelwatch-cli render")} + QCoreApplication::arguments().mid(2)))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return usageError(pos.isEmpty() ? QStringLiteral("expected a DASHBOARD.json") : QStringLiteral("expected one DASHBOARD.json"));
    if (!parser.isSet(outOption) || parser.value(outOption).isEmpty())
        return usageError(QStringLiteral("--out FILE.png is required"));

    QString error;
    RenderOptions options;
    const std::optional<int> width = sideArg(parser, widthOption, error);
    if (!width)
        return usageError(error);
    options.width = *width;
    if (parser.isSet(heightOption)) {
        const std::optional<int> height = sideArg(parser, heightOption, error);
        if (!height)
            return usageError(error);
        options.height = *height;
    }
    const std::optional<int64_t> timeout = parseDurationArg(parser.value(timeoutOption), error);
    if (!timeout)
        return usageError(QStringLiteral("--timeout: ") + error);
    options.timeoutMs = *timeout;
    std::optional<int64_t> wait;
    if (parser.isSet(waitOption)) {
        wait = parseDurationArg(parser.value(waitOption), error);
        if (!wait)
            return usageError(QStringLiteral("--wait: ") + error);
    }
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const QCommandLineOption *o : {&fromOption, &toOption}) {
        if (parser.isSet(*o) && !view::resolveTimeSpec(parser.value(*o).toStdString(), now, &error))
            return usageError(QStringLiteral("--%1: %2").arg(o->names().constFirst(), error));
    }

    const QString path = pos.first();
    const DashboardFile::LoadResult loaded = DashboardFile::load(path);
    if (loaded.ioError) {
        std::fprintf(stderr, "modelwatch-cli render: %s\n", loaded.read.error->message.c_str());
        return 1;
    }
    for (const Issue &w : loaded.read.warnings)
        std::fprintf(stderr, "modelwatch-cli render: %s: warning: %s\n", qPrintable(path), w.toString().c_str());
    if (!loaded.ok()) {
        std::fprintf(stderr, "modelwatch-cli render: %s\n", locatedIn(path.toStdString(), *loaded.read.error).c_str());
        return 1;
    }
    Document doc = *loaded.read.document;
    if (parser.isSet(fromOption))
        doc.time.from = parser.value(fromOption).toStdString();
    if (parser.isSet(toOption))
        doc.time.to = parser.value(toOption).toStdString();
    if (!view::resolveRange(doc.time, now, &error)) {
        if (parser.isSet(fromOption) || parser.isSet(toOption))
            return usageError(QStringLiteral("--from/--to: ") + error);
        std::fprintf(stderr, "modelwatch-cli render: %s: /time: %s\n", qPrintable(path), qPrintable(error));
        return 1;
    }
    options.warmupMs = wait ? *wait : DashboardRenderer::defaultWarmupMs(doc);

    DashboardRenderer renderer(doc, options);
    QObject::connect(&renderer, &DashboardRenderer::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    renderer.start();
    QApplication::exec();

    const RenderResult &r = renderer.result();
    reportOutcome(r, options.timeoutMs);
    const QString out = parser.value(outOption);
    if (r.image.isNull()) {
        std::fprintf(stderr, "modelwatch-cli render: nothing was drawn\n");
        return 1;
    }
    if (!writePng(out, r.image))
        return 1;
    std::fprintf(stdout, "wrote %s (%dx%d, %zu panels)\n", qPrintable(out), r.image.width(), r.image.height(),
                 r.panels.size());
    return std::fflush(stdout) == 0 ? 0 : 1;
}

} // namespace mw::cli
