// modelwatch-cli quality, run as a user would: the fixture feeds of
// tests/data/quality (JSON lines, CSV, standard input) against scikit-learn's
// figures to 1e-12, the text report, a multi-class feed, the guard, exit
// codes, and a feed URL served by the demo server on 127.0.0.1.

#include "../CliRun.h"
#include "QualityFixture.h"

#include "demo/DemoServer.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"
#include "quality/Proportion.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using nlohmann::json;
using mwtest::close;
using mwtest::num;

namespace {

struct Run : mw::test::CliRun
{
    json doc; ///< what it wrote to stdout, parsed (discarded when not JSON; null when it did not run to its end)
};

/// Runs the CLI without blocking the event loop (a test may serve it a feed).
Run runCli(const QStringList &args, const QByteArray &stdinData = {})
{
    Run run{mw::test::runCli(QStringLiteral(MW_CLI_PATH), args, stdinData, {10'000, 60'000}), {}};
    if (run.exitCode != -1)
        run.doc = json::parse(run.out.constData(), run.out.constData() + run.out.size(), nullptr, false);
    return run;
}

QString data(const char *name)
{
    return mwtest::qualityDataPath(QLatin1String(name));
}

bool sameProportion(const json &p, double successes, double trials)
{
    const mw::quality::Proportion expected = mw::quality::Proportion::of(successes, trials, 30.0);
    return close(num(p["value"]), expected.value) && close(num(p["lower"]), expected.interval.lower)
        && close(num(p["upper"]), expected.interval.upper) && num(p["successes"]) == successes
        && num(p["trials"]) == trials && p["lower"].get<double>() < p["value"].get<double>()
        && p["value"].get<double>() < p["upper"].get<double>();
}

} // namespace

class TestCliQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureFeedMatchesSklearn_data();
    void fixtureFeedMatchesSklearn();
    void textReport();
    void countWindowAndGuard();
    void multiClassFeed();
    void invalidLinesExitOne();
    void usageAndIoErrorsExitTwo_data();
    void usageAndIoErrorsExitTwo();
    void feedUrlFromDemoServer();
};

void TestCliQuality::fixtureFeedMatchesSklearn_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("format");
    const QStringList common{QStringLiteral("quality"), QStringLiteral("--json"), QStringLiteral("--join-window"),
                             QStringLiteral("600s")};
    QTest::newRow("jsonl") << common + QStringList{data("feed_e2e.jsonl")} << QByteArray() << QStringLiteral("jsonl");
    QTest::newRow("csv") << common + QStringList{QStringLiteral("--format"), QStringLiteral("csv"), data("feed_e2e.csv")}
                         << QByteArray() << QStringLiteral("csv");
    QFile f(data("feed_e2e.jsonl"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QTest::newRow("stdin") << common + QStringList{QStringLiteral("-")} << f.readAll() << QStringLiteral("jsonl");
}

void TestCliQuality::fixtureFeedMatchesSklearn()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(QString, format);
    const json fx = mwtest::loadQualityFixture(QStringLiteral("feed_e2e.json"));
    QVERIFY(!fx.is_null());
    const json &exp = fx["expected"];
    const Run run = runCli(args, input.isEmpty() ? QByteArray() : input);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData());
    const json &d = run.doc;
    QVERIFY2(d.is_object(), run.out.left(300).constData());
    QCOMPARE(QString::fromStdString(d["format"].get<std::string>()), format);
    QCOMPARE(d["records"].get<uint64_t>(), fx["records"].get<uint64_t>());
    QCOMPARE(d["rejected_lines"].get<uint64_t>(), uint64_t(0));
    QCOMPARE(d["join"]["matched"].get<uint64_t>(), fx["joined"].get<uint64_t>());
    QCOMPARE(d["join"]["expired_predictions"].get<uint64_t>(), fx["expired_predictions"].get<uint64_t>());
    QCOMPARE(d["join"]["orphan_labels"].get<uint64_t>(), fx["orphan_labels"].get<uint64_t>());
    QCOMPARE(d["join"]["duplicate_labels"].get<uint64_t>(), fx["duplicate_labels"].get<uint64_t>());
    QCOMPARE(d["join"]["duplicate_predictions"].get<uint64_t>(), uint64_t(0));
    QCOMPARE(d["nan_scores"].get<uint64_t>(), exp["nan_scores"].get<uint64_t>());
    QVERIFY2(d["confusion"] == exp["confusion"], d["confusion"].dump().c_str());
    QCOMPARE(d["samples"].get<double>(), fx["joined"].get<double>());
    QVERIFY(d["enough_samples"].get<bool>());
    QCOMPARE(d["positive_class"].get<std::string>(), std::string("1"));

    const json &prf = exp["prf"]["zero_division_0"];
    QVERIFY(close(num(d["accuracy"]["value"]), num(exp["accuracy"])));
    QVERIFY(close(num(d["precision"]["value"]), num(prf["binary"]["precision"])));
    QVERIFY(close(num(d["recall"]["value"]), num(prf["binary"]["recall"])));
    QVERIFY(close(num(d["f1"]), num(prf["binary"]["f1"])));
    for (const char *avg : {"macro", "micro", "weighted"})
        for (const char *m : {"precision", "recall", "f1"})
            QVERIFY2(close(num(d[avg][m]), num(prf[avg][m])), (std::string(avg) + ' ' + m).c_str());
    for (std::size_t k = 0; k < 2; ++k) {
        const json &c = d["per_class"][k];
        QCOMPARE(c["class"].get<std::string>(), std::to_string(k));
        QVERIFY(close(num(c["precision"]["value"]), num(prf["none"]["precision"][k])));
        QVERIFY(close(num(c["recall"]["value"]), num(prf["none"]["recall"][k])));
        QVERIFY(close(num(c["f1"]), num(prf["none"]["f1"][k])));
        QCOMPARE(c["support"].get<double>(), prf["none"]["support"][k].get<double>());
    }
    QVERIFY(close(num(d["roc_auc"]), num(exp["roc_auc"])));
    QVERIFY(close(num(d["pr_auc"]), num(exp["average_precision"])));
    // Wilson intervals: the counts behind each proportion, and their interval.
    const json &cm = exp["confusion"];
    const double tp = cm[1][1], fp = cm[1][0], fn = cm[0][1], tn = cm[0][0];
    QVERIFY(sameProportion(d["accuracy"], tp + tn, tp + tn + fp + fn));
    QVERIFY(sameProportion(d["precision"], tp, tp + fp));
    QVERIFY(sameProportion(d["recall"], tp, tp + fn));
}

void TestCliQuality::textReport()
{
    const Run run = runCli({QStringLiteral("quality"), QStringLiteral("--join-window"), QStringLiteral("10m"),
                            data("feed_e2e.jsonl")});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.contains(QStringLiteral("join: 270 matched, 30 expired predictions, 10 orphan labels")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("accuracy   0.759259")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("roc_auc    0.854971")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("enough samples")));
    QVERIFY(out.contains(QStringLiteral("macro")));
}

void TestCliQuality::countWindowAndGuard()
{
    const Run run = runCli({QStringLiteral("quality"), QStringLiteral("--json"), QStringLiteral("--join-window"),
                            QStringLiteral("600s"), QStringLiteral("--window"), QStringLiteral("100"),
                            QStringLiteral("--min-samples"), QStringLiteral("1000"), data("feed_e2e.jsonl")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.doc["window"]["samples"].get<uint64_t>(), uint64_t(100));
    QCOMPARE(run.doc["window"]["kind"].get<std::string>(), std::string("count"));
    QCOMPARE(run.doc["window"]["evicted"].get<uint64_t>(), uint64_t(170));
    QVERIFY(!run.doc["enough_samples"].get<bool>());
    QVERIFY(!run.doc["accuracy"]["enough_samples"].get<bool>());
    QVERIFY(!run.doc["ranking"]["enough_samples"].get<bool>());
    // A time window shorter than the feed keeps only the newest labels.
    const Run timed = runCli({QStringLiteral("quality"), QStringLiteral("--json"), QStringLiteral("--join-window"),
                              QStringLiteral("600s"), QStringLiteral("--window"), QStringLiteral("1m"),
                              data("feed_e2e.jsonl")});
    QCOMPARE(timed.exitCode, 0);
    QCOMPARE(timed.doc["window"]["kind"].get<std::string>(), std::string("time"));
    QVERIFY(timed.doc["window"]["samples"].get<uint64_t>() < 270);
    QVERIFY(timed.doc["window"]["samples"].get<uint64_t>() > 0);
}

void TestCliQuality::multiClassFeed()
{
    const json fx = mwtest::loadQualityFixture(QStringLiteral("multiclass_3.json"));
    QByteArray feed;
    for (std::size_t i = 0; i < fx["y_true"].size(); ++i) {
        json line{{"id", i}, {"time", 1700000000 + int(i)}, {"scores", fx["y_proba"][i]},
                  {"predicted", std::to_string(fx["y_pred"][i].get<int>())},
                  {"actual", std::to_string(fx["y_true"][i].get<int>())}};
        feed += QByteArray::fromStdString(line.dump()) + '\n';
    }
    const Run run = runCli({QStringLiteral("quality"), QStringLiteral("--json"), QStringLiteral("-")}, feed);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const json &d = run.doc;
    QVERIFY2(d["classes"] == json({"0", "1", "2"}), d["classes"].dump().c_str());
    QVERIFY(!d["binary"].get<bool>());
    const json &prf = fx["expected"]["prf"]["zero_division_0"];
    for (const char *avg : {"macro", "micro", "weighted"})
        for (const char *m : {"precision", "recall", "f1"})
            QVERIFY2(close(num(d[avg][m]), num(prf[avg][m])), (std::string(avg) + ' ' + m).c_str());
    QVERIFY(close(num(d["accuracy"]["value"]), num(fx["expected"]["accuracy"])));
    QVERIFY(close(num(d["roc_auc"]), num(fx["expected"]["ovr"]["roc_auc_macro"])));
    QVERIFY(close(num(d["ranking"]["weighted_roc_auc"]), num(fx["expected"]["ovr"]["roc_auc_weighted"])));
    QVERIFY(close(num(d["pr_auc"]), num(fx["expected"]["ovr"]["average_precision_macro"])));
    QCOMPARE(d["per_class"].size(), std::size_t(3));
}

void TestCliQuality::invalidLinesExitOne()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bad.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"id\":\"a\",\"time\":1700000000,\"score\":0.9,\"predicted\":\"1\",\"actual\":\"1\"}\n"
            "{\"id\":\"b\",\"time\":\"yesterday\",\"predicted\":\"1\"}\n");
    f.close();
    const Run run = runCli({QStringLiteral("quality"), QStringLiteral("--json"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith((path + QStringLiteral(":2:")).toUtf8()), run.err.constData());
    QCOMPARE(run.doc["rejected_lines"].get<uint64_t>(), uint64_t(1));
    QCOMPARE(run.doc["join"]["matched"].get<uint64_t>(), uint64_t(1));
    QCOMPARE(run.doc["errors"][0]["line"].get<int>(), 2);
}

void TestCliQuality::usageAndIoErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString feed = data("feed_e2e.jsonl");
    QTest::newRow("no feed") << QStringList{QStringLiteral("quality")} << QStringLiteral("expected exactly one FEED");
    QTest::newRow("format") << QStringList{QStringLiteral("quality"), QStringLiteral("--format"), QStringLiteral("xml"), feed}
                            << QStringLiteral("--format is jsonl or csv");
    QTest::newRow("window") << QStringList{QStringLiteral("quality"), QStringLiteral("--window"), QStringLiteral("soon"), feed}
                            << QStringLiteral("--window");
    QTest::newRow("positive") << QStringList{QStringLiteral("quality"), QStringLiteral("--classes"), QStringLiteral("a,b"),
                                             QStringLiteral("--positive-class"), QStringLiteral("c"), feed}
                              << QStringLiteral("--positive-class 'c'");
    QTest::newRow("missing file") << QStringList{QStringLiteral("quality"), QStringLiteral("/nonexistent/feed.jsonl")}
                                  << QStringLiteral("cannot open");
    QTest::newRow("follow stdin") << QStringList{QStringLiteral("quality"), QStringLiteral("--follow"), QStringLiteral("-")}
                                  << QStringLiteral("--follow needs a file or a URL");
}

void TestCliQuality::usageAndIoErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestCliQuality::feedUrlFromDemoServer()
{
    int64_t nowMs = 1'764'000'000'000;
    mw::demo::DemoServer::Options o;
    o.port = 0;
    o.rate = 0.0;
    o.labelDelayMs = 1000;
    o.labelPollMs = 0;
    o.clockMs = [&nowMs] { return nowMs; };
    mw::demo::DemoServer server(o);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    server.loadGenerator().generate(200);
    nowMs += 1000;
    server.releaseLabels();
    const QString url = server.url().toString() + QStringLiteral("/v1/feed");
    const Run run = runCli({QStringLiteral("quality"), QStringLiteral("--json"), QStringLiteral("--limit"),
                            QStringLiteral("128"), url});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.doc["join"]["matched"].get<uint64_t>(), server.feed().lastSeq());
    QCOMPARE(run.doc["samples"].get<double>(), double(server.feed().lastSeq()));
    QVERIFY(num(run.doc["accuracy"]["value"]) > 0.8);
    QVERIFY(num(run.doc["roc_auc"]) > 0.8);

    const Run missing = runCli({QStringLiteral("quality"), server.url().toString() + QStringLiteral("/v1/none")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("HTTP 404"), missing.err.constData());
}

QTEST_GUILESS_MAIN(TestCliQuality)
#include "tst_cli_quality.moc"
