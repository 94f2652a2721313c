// `modelwatch-cli detect` run as a user would: on every sample payload (text
// and JSON), on standard input and gzip files, against URLs served by a local
// HTTP server, and with every kind of failure and its exit status.

#include "CliRun.h"
#include "TestHttpServer.h"

#include "presets/DashboardJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using mw::test::TestHttpServer;

#ifndef MW_CLI_PATH
#error "MW_CLI_PATH must name the modelwatch-cli executable"
#endif

namespace {

constexpr int kWaitMs = 30'000;

using Run = mw::test::CliRun;

/// Runs `modelwatch-cli detect ARGS` without blocking the event loop (a test
/// server may live on it).
std::optional<Run> detect(const QStringList &args, const QByteArray &stdinData = {})
{
    return mw::test::exited(mw::test::runCli(QStringLiteral(MW_CLI_PATH), QStringList{u"detect"_s} + args, stdinData,
                                             {kWaitMs, kWaitMs}));
}

QString sample(const char *name) { return QStringLiteral(MW_TEST_DATA_DIR "/samples/") + QLatin1String(name); }

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject jsonOf(const Run &r)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject{};
}

} // namespace

class TestCliDetect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySample_data();
    void everySample();
    void jsonDocument_data() { everySample_data(); }
    void jsonDocument();
    void standardInput();
    void gzipFile();
    void url();
    void urlFailures_data();
    void urlFailures();
    void blankContentTypeWithFallback();
    void invalidPayload();
    void usageAndIoErrors_data();
    void usageAndIoErrors();
    void help();
};

void TestCliDetect::everySample_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("panels");
    QTest::addColumn<QString>("evidence");   // a metric family the evidence must name
    QTest::addColumn<QByteArray>("expected"); // a line of the text report
    QTest::newRow("tfserving") << sample("01_tfserving_monitoring_prometheus_metrics.txt") << 0 << u"tfserving"_s << 7
                               << u":tensorflow:serving:request_count"_s
                               << QByteArray("    histogram_quantile(0.99, sum by (le) "
                                             "(rate(:tensorflow:serving:request_latency_bucket[1m])))    # p99\n");
    QTest::newRow("triton") << sample("02_triton_8002_metrics.txt") << 0 << u"triton"_s << 13
                            << u"nv_inference_request_duration_us"_s
                            << QByteArray("  Mean request latency [microseconds]\n");
    QTest::newRow("torchserve") << sample("03_torchserve_8082_metrics.txt") << 0 << u"torchserve"_s << 9
                                << u"ts_queue_latency_microseconds"_s
                                << QByteArray("    sum by (model_name) (rate(ts_inference_requests_total[1m]))    "
                                              "# {{model_name}}\n");
    QTest::newRow("vllm") << sample("04_vllm_v1_metrics.txt") << 0 << u"vllm"_s << 16
                          << u"vllm:generation_tokens_total"_s
                          << QByteArray("  collector python: python_gc_collections_total, "
                                        "python_gc_objects_collected_total, python_gc_objects_uncollectable_total, "
                                        "python_info\n");
    QTest::newRow("tgi") << sample("05_tgi_router_metrics.txt") << 0 << u"tgi"_s << 9 << u"tgi_request_duration"_s
                         << QByteArray("  Time per token p50/p95/p99 [seconds]\n");
    QTest::newRow("llamacpp") << sample("06_llamacpp_server_metrics.txt") << 0 << u"llamacpp"_s << 6
                              << u"llamacpp:prompt_tokens_total"_s
                              << QByteArray("    rate(llamacpp:tokens_predicted_total[1m])    # generation\n");
    QTest::newRow("python") << sample("07_python_prometheus_client_process.txt") << 0 << u"unknown"_s << 4 << QString()
                            << QByteArray("  Resident memory (RSS) [bytes]\n");
    QTest::newRow("openmetrics") << sample("08_openmetrics_1_0_exemplars.txt") << 1 << u"unknown"_s << 0 << QString()
                                 << QByteArray(": no model server recognised\n");
}

void TestCliDetect::everySample()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, kind);
    QFETCH(int, panels);
    QFETCH(QString, evidence);
    QFETCH(QByteArray, expected);
    const std::optional<Run> r = detect({file});
    QVERIFY(r);
    QCOMPARE(r->exitCode, exitCode);
    QVERIFY2(r->out.contains(expected), r->out.constData());
    QVERIFY2(r->out.startsWith(QByteArray(file.toUtf8() + ": ")), r->out.left(200).constData());
    if (kind != u"unknown") {
        QVERIFY2(r->out.contains(QByteArray(" (" + kind.toUtf8() + "), confidence 1.00")), r->out.left(200).constData());
        const QByteArray evidenceLine = r->out.mid(r->out.indexOf("  evidence: ")).split('\n').first();
        QVERIFY2(evidenceLine.contains(evidence.toUtf8()), evidenceLine.constData());
    }
    if (panels > 0) {
        QVERIFY2(r->out.contains(QByteArray(": " + QByteArray::number(panels) + " panels\n")), r->out.constData());
        QVERIFY(r->err.isEmpty());
    } else {
        QVERIFY(!r->out.contains("dashboard"));
        QVERIFY2(r->err.startsWith(QByteArray(file.toUtf8() + ": no model server or collector recognised")), r->err.constData());
    }
}

void TestCliDetect::jsonDocument()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, kind);
    QFETCH(int, panels);
    QFETCH(QString, evidence);
    const std::optional<Run> r = detect({u"--json"_s, file});
    QVERIFY(r);
    QCOMPARE(r->exitCode, exitCode);
    const QJsonObject doc = jsonOf(*r);
    QVERIFY2(!doc.isEmpty(), r->out.constData());
    QCOMPARE(doc.value(u"target").toString(), file);
    QCOMPARE(doc.value(u"kind").toString(), kind);
    if (!evidence.isEmpty())
        QVERIFY(doc.value(u"evidence").toArray().contains(evidence));
    QCOMPARE(doc.value(u"confidence").toDouble(), kind == u"unknown" ? 0.0 : 1.0);
    // The dashboard is a document the app can open.
    std::string error;
    const auto parsed = mw::presets::dashboardFromJson(nlohmann::json::parse(r->out.toStdString()).at("dashboard"), &error);
    QVERIFY2(parsed, error.c_str());
    QCOMPARE(int(parsed->panels.size()), panels);
    const QJsonObject dashboard = doc.value(u"dashboard").toObject();
    QCOMPARE(dashboard.value(u"schemaVersion").toInt(), 1);
    QCOMPARE(dashboard.value(u"server").toString(), kind);
    const QJsonArray list = dashboard.value(u"panels").toArray();
    QCOMPARE(int(list.size()), panels);
    for (const QJsonValue &v : list) {
        const QJsonObject p = v.toObject();
        QVERIFY(!p.value(u"title").toString().isEmpty());
        QVERIFY(!p.value(u"unit").toString().isEmpty());
        QVERIFY(!p.value(u"queries").toArray().isEmpty());
        for (const QJsonValue &q : p.value(u"queries").toArray())
            QVERIFY(!q.toObject().value(u"expr").toString().isEmpty());
    }
}

void TestCliDetect::standardInput()
{
    const std::optional<Run> r =
        detect({u"--json"_s, u"-"_s}, readAll(sample("06_llamacpp_server_metrics.txt")));
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    const QJsonObject doc = jsonOf(*r);
    QCOMPARE(doc.value(u"target").toString(), u"<stdin>"_s);
    QCOMPARE(doc.value(u"kind").toString(), u"llamacpp"_s);
}

void TestCliDetect::gzipFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"triton.txt.gz"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(TestHttpServer::gzip(readAll(sample("02_triton_8002_metrics.txt"))));
    f.close();
    const std::optional<Run> r = detect({u"--json"_s, path});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    QCOMPARE(jsonOf(*r).value(u"kind").toString(), u"triton"_s);
}

void TestCliDetect::url()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4; charset=utf-8",
                                                        readAll(sample("04_vllm_v1_metrics.txt"))));
    const QString url = server.url(u"/metrics"_s).toString();
    const std::optional<Run> r = detect({u"--json"_s, url});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    const QJsonObject doc = jsonOf(*r);
    QCOMPARE(doc.value(u"target").toString(), url);
    QCOMPARE(doc.value(u"kind").toString(), u"vllm"_s);
    QCOMPARE(doc.value(u"collectors").toArray().size(), 2);
    QCOMPARE(server.requests().size(), 1);
    // Scraped as Prometheus 3 would: its Accept header.
    QVERIFY(server.requests().first().header("accept").startsWith("application/openmetrics-text"));
}

void TestCliDetect::urlFailures_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("stderrContains");
    QTest::newRow("404") << TestHttpServer::response(404, "Not Found", "text/plain", "nope\n") << QByteArray("404");
    QTest::newRow("blank content type")
        << TestHttpServer::response(200, "OK", "", readAll(sample("06_llamacpp_server_metrics.txt")))
        << QByteArray("(--fallback-format prometheus parses it anyway)");
    QTest::newRow("invalid payload") << TestHttpServer::response(200, "OK", "text/plain", "llamacpp:x{ 1\n")
                                     << QByteArray(":1:");
}

void TestCliDetect::urlFailures()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, stderrContains);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.respond("/metrics", response);
    const QString url = server.url(u"/metrics"_s).toString();
    const std::optional<Run> r = detect({url});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 1);
    QVERIFY(r->out.isEmpty());
    QVERIFY2(r->err.startsWith(QByteArray(url.toUtf8() + ":")), r->err.constData());
    QVERIFY2(r->err.contains(stderrContains), r->err.constData());
    QCOMPARE(r->err.count('\n'), 1);
}

void TestCliDetect::blankContentTypeWithFallback()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.respond("/metrics",
                   TestHttpServer::response(200, "OK", "", readAll(sample("05_tgi_router_metrics.txt"))));
    const std::optional<Run> r =
        detect({u"--fallback-format"_s, u"prometheus"_s, u"--json"_s, server.url(u"/metrics"_s).toString()});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    QCOMPARE(jsonOf(*r).value(u"kind").toString(), u"tgi"_s);
}

void TestCliDetect::invalidPayload()
{
    const std::optional<Run> r = detect({u"-"_s}, QByteArray("vllm:num_requests_running 1\nvllm:x{a=\"b} 2\n"));
    QVERIFY(r);
    QCOMPARE(r->exitCode, 1);
    QVERIFY(r->out.isEmpty());
    QVERIFY2(r->err.startsWith("<stdin>:2:"), r->err.constData());
}

void TestCliDetect::usageAndIoErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("stderrContains");
    QTest::newRow("no target") << QStringList{} << QByteArray("expected exactly one URL, FILE or -");
    QTest::newRow("two targets") << QStringList{u"a"_s, u"b"_s} << QByteArray("expected exactly one");
    QTest::newRow("unknown option") << QStringList{u"--jsno"_s, u"x"_s} << QByteArray("jsno");
    QTest::newRow("bad fallback") << QStringList{u"--fallback-format"_s, u"xml"_s, u"http://127.0.0.1:1/"_s}
                                  << QByteArray("not 'xml'");
    QTest::newRow("URL without host") << QStringList{u"http://"_s} << QByteArray("is not an http:// or https:// URL");
    QTest::newRow("missing file") << QStringList{QStringLiteral(MW_TEST_DATA_DIR "/samples/nope.txt")}
                                  << QByteArray("modelwatch-cli detect: cannot open");
}

void TestCliDetect::usageAndIoErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, stderrContains);
    const std::optional<Run> r = detect(args);
    QVERIFY(r);
    QCOMPARE(r->exitCode, 2);
    QVERIFY(r->out.isEmpty());
    QVERIFY2(r->err.contains(stderrContains), r->err.constData());
}

void TestCliDetect::help()
{
    const std::optional<Run> r = detect({u"--help"_s});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    QVERIFY(r->out.startsWith("Usage: modelwatch-cli detect [--json]"));
}

QTEST_GUILESS_MAIN(TestCliDetect)
#include "tst_cli_detect.moc"
