// modelwatch-cli parse, run as a user would: exit codes, stderr positions,
// text and JSON output, standard input, gzip files, limits.

#include "CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

namespace {

using Run = mw::test::CliRun;

Run runCli(const QStringList &args, const QByteArray &stdinData = {})
{
    return mw::test::runCli(QStringLiteral(MW_CLI_PATH), args, stdinData, {10'000, 60'000});
}

QString sample(const char *name)
{
    return QStringLiteral(MW_TEST_DATA_DIR "/samples/") + QLatin1String(name);
}

} // namespace

class TestCliParse : public QObject
{
    Q_OBJECT

private slots:
    void everySampleParses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("samples");
        QTest::newRow("tfserving") << sample("01_tfserving_monitoring_prometheus_metrics.txt") << 228;
        QTest::newRow("triton") << sample("02_triton_8002_metrics.txt") << 87;
        QTest::newRow("torchserve") << sample("03_torchserve_8082_metrics.txt") << 27;
        QTest::newRow("vllm") << sample("04_vllm_v1_metrics.txt") << 175;
        QTest::newRow("tgi") << sample("05_tgi_router_metrics.txt") << 206;
        QTest::newRow("llamacpp") << sample("06_llamacpp_server_metrics.txt") << 10;
        QTest::newRow("python") << sample("07_python_prometheus_client_process.txt") << 66;
        QTest::newRow("openmetrics") << sample("08_openmetrics_1_0_exemplars.txt") << 41;
    }
    void everySampleParses()
    {
        QFETCH(QString, file);
        QFETCH(int, samples);
        const Run text = runCli({QStringLiteral("parse"), file});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.err.isEmpty());
        const QByteArray summary = QByteArray(" families, ") + QByteArray::number(samples) + QByteArray(" samples\n");
        QVERIFY2(text.out.contains(summary), text.out.right(100).constData());

        const Run json = runCli({QStringLiteral("parse"), QStringLiteral("--json"), file});
        QCOMPARE(json.exitCode, 0);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(json.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        int count = 0;
        for (const QJsonValue &f : doc.object().value(u"families").toArray())
            count += int(f.toObject().value(u"samples").toArray().size());
        QCOMPARE(count, samples);

        const Run quiet = runCli({QStringLiteral("parse"), QStringLiteral("--quiet"), file});
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY(quiet.out.isEmpty());
    }

    void jsonCarriesValues()
    {
        const Run r = runCli({QStringLiteral("parse"), QStringLiteral("--json"),
                              sample("08_openmetrics_1_0_exemplars.txt")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc.value(u"format").toString(), QStringLiteral("openmetrics"));
        const QJsonArray families = doc.value(u"families").toArray();
        const QJsonObject requests = families.at(0).toObject();
        QCOMPARE(requests.value(u"name").toString(), QStringLiteral("inference_requests"));
        QCOMPARE(requests.value(u"type").toString(), QStringLiteral("counter"));
        const QJsonObject first = requests.value(u"samples").toArray().at(0).toObject();
        QCOMPARE(first.value(u"value").toDouble(), 48213.0);
        QCOMPARE(first.value(u"labels").toObject().value(u"outcome").toString(), QStringLiteral("ok"));
        QCOMPARE(first.value(u"exemplar").toObject().value(u"timestamp").toDouble(), 1755917811.045);
    }

    void nanAndInfAreStringsInJson()
    {
        const Run r = runCli({QStringLiteral("parse"), QStringLiteral("--json"), QStringLiteral("-")},
                             QByteArray("a NaN\nb +Inf\nc -Inf 1700000000000\n"));
        QCOMPARE(r.exitCode, 0);
        const QJsonArray families = QJsonDocument::fromJson(r.out).object().value(u"families").toArray();
        QCOMPARE(families.size(), 3);
        auto value = [&](int i) { return families.at(i).toObject().value(u"samples").toArray().at(0).toObject(); };
        QCOMPARE(value(0).value(u"value").toString(), QStringLiteral("NaN"));
        QCOMPARE(value(1).value(u"value").toString(), QStringLiteral("+Inf"));
        QCOMPARE(value(2).value(u"value").toString(), QStringLiteral("-Inf"));
        QCOMPARE(value(2).value(u"timestamp_ms").toInteger(), Q_INT64_C(1700000000000));
    }

    void textOutputIsReparsable()
    {
        // What `parse` prints is itself a valid payload with the same samples.
        const Run first = runCli({QStringLiteral("parse"), sample("03_torchserve_8082_metrics.txt")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY(first.out.contains("ts_inference_requests_total{model_name=\"bert \\\"tiny\\\"\""));
        QVERIFY(first.out.contains(" 4013298134\n"));
        const Run second = runCli({QStringLiteral("parse"), QStringLiteral("-")}, first.out);
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.out, first.out);
    }

    void invalidPayloadGivesPosition()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.prom"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# TYPE a counter\na 1\na{x=\"y\"} notanumber\n");
        f.close();
        const Run r = runCli({QStringLiteral("parse"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.err).trimmed(), path + QStringLiteral(":3:10: invalid value \"notanumber\""));
    }

    void openMetricsForcedOnText()
    {
        const Run r = runCli({QStringLiteral("parse"), QStringLiteral("--format"), QStringLiteral("openmetrics"),
                              sample("06_llamacpp_server_metrics.txt")});
        QCOMPARE(r.exitCode, 1);
        // OpenMetrics names a counter family without _total; this text payload
        // does not, and the first such sample is reported.
        QVERIFY2(r.err.contains("06_llamacpp_server_metrics.txt:3:1: sample \"llamacpp:prompt_tokens_total\" is not "
                                "valid in the counter family \"llamacpp:prompt_tokens_total\" (expected "
                                "llamacpp:prompt_tokens_total_total, llamacpp:prompt_tokens_total_created)"),
                 r.err.constData());
    }

    void stdinIsNamed()
    {
        const Run r = runCli({QStringLiteral("parse"), QStringLiteral("-")}, QByteArray("a{b=c} 1\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("<stdin>:1:5: expected a quoted value"), r.err.constData());
    }

    void gzipFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("payload.prom.gz"));
        const QByteArray plain = "# TYPE x gauge\nx{a=\"1\"} 42\n";
        gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb");
        QVERIFY(gz);
        gzwrite(gz, plain.constData(), unsigned(plain.size()));
        gzclose(gz);
        const Run r = runCli({QStringLiteral("parse"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("x{a=\"1\"} 42\n"));
    }

    void sizeCap()
    {
        const Run r = runCli({QStringLiteral("parse"), QStringLiteral("--max-bytes"), QStringLiteral("16"),
                              QStringLiteral("-")},
                             QByteArray("a 1\nb 2\nc 3\nd 4\ne 5\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("exceeds the 16 bytes limit"), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no file") << QStringList{QStringLiteral("parse")} << QByteArray("expected exactly one FILE");
        QTest::newRow("bad format") << QStringList{QStringLiteral("parse"), QStringLiteral("--format"),
                                                   QStringLiteral("xml"), QStringLiteral("f")}
                                    << QByteArray("unknown format 'xml'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("parse"), QStringLiteral("--frobnicate"),
                                                       QStringLiteral("f")}
                                        << QByteArray("frobnicate");
        QTest::newRow("json and quiet") << QStringList{QStringLiteral("parse"), QStringLiteral("--json"),
                                                       QStringLiteral("--quiet"), QStringLiteral("f")}
                                        << QByteArray("exclude each other");
        QTest::newRow("missing file") << QStringList{QStringLiteral("parse"), QStringLiteral("/nonexistent/x.prom")}
                                      << QByteArray("cannot open /nonexistent/x.prom");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frob")} << QByteArray("unknown command 'frob'");
        QTest::newRow("no command") << QStringList{} << QByteArray("Usage:");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cli_parse.moc"
