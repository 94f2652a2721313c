// `modelwatch-cli render` run as a user would: a dashboard scraping a real
// demo server (in this process, on port 0) drawn into a PNG; a Prometheus
// source on a closed port drawn with its panels in the error state; an
// invalid document and a missing --out refused with their exit statuses.
// The CLI runs while this test's event loop spins, so the demo server answers.

#include "CliRun.h"

#include "dashboard/DashboardFile.h"
#include "demo/DemoServer.h"

#include <QFile>
#include <QImage>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace mw::dashboard;

#ifndef MW_CLI_PATH
#error "MW_CLI_PATH must name the modelwatch-cli executable"
#endif

namespace {

using Run = mw::test::CliRun;

/// Runs `modelwatch-cli render ARGS`, spinning the event loop (at most `timeoutMs`).
std::optional<Run> render(const QStringList &args, int timeoutMs = 90'000)
{
    return mw::test::exited(
        mw::test::runCli(QStringLiteral(MW_CLI_PATH), QStringList{u"render"_s} + args, {}, {timeoutMs, timeoutMs}));
}

Panel panel(int id, const char *title, PanelKind kind, GridPos grid, const char *expr, const char *legend)
{
    Panel p;
    p.id = id;
    p.title = title;
    p.kind = kind;
    p.grid = grid;
    p.queries.push_back(Query{"A", expr, legend, false});
    return p;
}

/// Three panels (two charts over a stat) reading the first source.
Document threePanels(Source source)
{
    Document d;
    d.title = "render test";
    d.time = TimeRange{"now-5m", "now"};
    d.sources.push_back(std::move(source));
    d.panels.push_back(panel(1, "Request rate", PanelKind::Timeseries, GridPos{0, 0, 12, 8},
                             "sum(rate(:tensorflow:serving:request_count[20s]))", "requests"));
    d.panels.push_back(panel(2, "Resident memory", PanelKind::Timeseries, GridPos{12, 0, 12, 8},
                             "process_resident_memory_bytes", "RSS"));
    d.panels.push_back(panel(3, "Requests so far", PanelKind::Stat, GridPos{0, 8, 8, 4},
                             "sum(:tensorflow:serving:request_count)", "total"));
    return d;
}

/// Distinct colours in the image (counted on a grid of samples).
int colourCount(const QImage &image, QRect area)
{
    QSet<QRgb> colours;
    for (int y = area.top(); y <= area.bottom(); y += 2) {
        for (int x = area.left(); x <= area.right(); x += 2)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

} // namespace

class TestCliRender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersScrapedDemoServer();
    void rendersPrometheusErrorsOnClosedPort();
    void invalidDocumentNamesThePlace();
    void missingOutIsUsageError();
};

void TestCliRender::rendersScrapedDemoServer()
{
    mw::demo::DemoServer::Options options;
    options.port = 0;
    options.rate = 20.0; // the counters move
    mw::demo::DemoServer server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Source s;
    s.name = "demo";
    s.kind = SourceKind::Scrape;
    s.targets = {server.url().toString().toStdString() + "/monitoring/prometheus/metrics"};
    s.scrapeIntervalMs = 1000;
    const QString file = dir.filePath(u"demo.json"_s);
    const std::optional<std::string> saved = DashboardFile::save(file, threePanels(s));
    QVERIFY2(!saved, saved ? saved->c_str() : "");

    const QString png = dir.filePath(u"demo.png"_s);
    const std::optional<Run> r = render({file, u"--out"_s, png, u"--width"_s, u"1200"_s, u"--wait"_s, u"3s"_s});
    QVERIFY(r);
    QVERIFY2(r->exitCode == 0, r->err.constData());
    QVERIFY2(!r->err.contains("error") && !r->err.contains("not answered"), r->err.constData());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 1200);
    const QByteArray wrote = "wrote " + png.toUtf8() + " (1200x" + QByteArray::number(image.height()) + ", 3 panels)\n";
    QCOMPARE(r->out, wrote);
    QVERIFY(image.height() > 200);
    QVERIFY2(colourCount(image, image.rect()) >= 8, "the image is nearly one colour");
    // The first panel's header (its title) is not the background of the grid's gap.
    const QRgb background = image.pixel(1, 1);
    int titlePixels = 0;
    for (int y = 10; y < 30; ++y) {
        for (int x = 10; x < 200; ++x)
            titlePixels += image.pixel(x, y) != background ? 1 : 0;
    }
    QVERIFY2(titlePixels > 500, qPrintable(u"only %1 pixels of the title region differ"_s.arg(titlePixels)));
    // The chart area of the first panel has its lines and axes: many colours.
    QVERIFY(colourCount(image, QRect(10, 40, 560, 200)) >= 5);
}

void TestCliRender::rendersPrometheusErrorsOnClosedPort()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port that was free a moment ago, now closed
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    Source s;
    s.name = "prom";
    s.kind = SourceKind::Prometheus;
    s.url = "http://127.0.0.1:" + std::to_string(port);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"prom.json"_s);
    QVERIFY(!DashboardFile::save(file, threePanels(s)));
    const QString png = dir.filePath(u"prom.png"_s);
    const std::optional<Run> r =
        render({file, u"--out"_s, png, u"--width"_s, u"800"_s, u"--height"_s, u"300"_s, u"--timeout"_s, u"30s"_s});
    QVERIFY(r);
    QVERIFY2(r->exitCode == 0, r->err.constData());
    const QByteArray wrote = "wrote " + png.toUtf8() + " (800x300, 3 panels)\n";
    QCOMPARE(r->out, wrote);
    for (const char *title : {"\"Request rate\": error: ", "\"Resident memory\": error: ", "\"Requests so far\": error: "})
        QVERIFY2(r->err.contains(title), r->err.constData());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(800, 300)); // cut: the panels are taller than 300
    QVERIFY(colourCount(image, image.rect()) >= 4);
}

void TestCliRender::invalidDocumentNamesThePlace()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"bad.json"_s);
    Source s;
    s.name = "prom";
    s.url = "http://127.0.0.1:9";
    QVERIFY(!DashboardFile::save(file, threePanels(s)));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    nlohmann::json doc = nlohmann::json::parse(f.readAll().toStdString());
    f.close();
    doc["panels"][1]["gridPos"]["w"] = "wide";
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(doc.dump(2)));
    f.close();

    const QString png = dir.filePath(u"bad.png"_s);
    const std::optional<Run> r = render({file, u"--out"_s, png});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 1);
    const QByteArray place = "modelwatch-cli render: " + file.toUtf8() + ": /panels/1/gridPos/w";
    QVERIFY2(r->err.contains(place), r->err.constData());
    QVERIFY(!QFile::exists(png));

    const std::optional<Run> missing = render({dir.filePath(u"none.json"_s), u"--out"_s, png});
    QVERIFY(missing);
    QCOMPARE(missing->exitCode, 1);
    QVERIFY2(missing->err.contains("modelwatch-cli render: ") && missing->err.contains("none.json"),
             missing->err.constData());
}

void TestCliRender::missingOutIsUsageError()
{
    const QString file = QStringLiteral(MW_RESOURCES_DIR "/dashboards/vllm.json");
    const std::optional<Run> r = render({file});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 2);
    QVERIFY2(r->err.contains("modelwatch-cli render: --out FILE.png is required"), r->err.constData());
    QVERIFY(r->err.contains("Usage: modelwatch-cli render DASHBOARD.json --out FILE.png"));

    const std::optional<Run> width = render({file, u"--out"_s, u"x.png"_s, u"--width"_s, u"wide"_s});
    QVERIFY(width);
    QCOMPARE(width->exitCode, 2);
    QVERIFY2(width->err.contains("--width must be"), width->err.constData());
}

QTEST_GUILESS_MAIN(TestCliRender)
#include "tst_cli_render.moc"
