// `modelwatch-cli dashboard convert|check` run as a user would: a Grafana
// export converted (and the report of what did not come over), the result
// checked, every shipped dashboard checked, and every kind of failure with
// its exit status and message.

#include "CliRun.h"

#include "dashboard/DashboardFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace mw::dashboard;

#ifndef MW_CLI_PATH
#error "MW_CLI_PATH must name the modelwatch-cli executable"
#endif

namespace {

using Run = mw::test::CliRun;

std::optional<Run> cli(const QStringList &args)
{
    return mw::test::exited(
        mw::test::runCli(QStringLiteral(MW_CLI_PATH), QStringList{u"dashboard"_s} + args, {}, {30'000, 30'000}));
}

QString grafana(const char *name) { return QStringLiteral(MW_TEST_DATA_DIR "/grafana/") + QLatin1String(name); }

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCliDashboard : public QObject
{
    Q_OBJECT

private slots:
    void convertThenCheck();
    void convertReportsWhatIsLeftOut();
    void checkShippedDashboards_data();
    void checkShippedDashboards();
    void checkReportsExpressionErrors();
    void checkReportsDocumentErrors_data();
    void checkReportsDocumentErrors();
    void usageAndIoErrors_data();
    void usageAndIoErrors();
};

void TestCliDashboard::convertThenCheck()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"vllm.json"_s);
    const std::optional<Run> r = cli({u"convert"_s, u"--from-grafana"_s, grafana("vllm_timeseries_stat.json"), out});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    QCOMPARE(r->out, QByteArray(out.toUtf8() + ": 5 panels, 2 variables; 10 items not carried over\n"));
    const DashboardFile::LoadResult loaded = DashboardFile::load(out);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.read.document->panels.size(), std::size_t{5});
    const std::optional<Run> c = cli({u"check"_s, out});
    QVERIFY(c);
    QCOMPARE(c->exitCode, 0);
    QVERIFY2(c->err.isEmpty(), c->err.constData());
    QCOMPARE(c->out, QByteArray(out.toUtf8() + ": ok (schemaVersion 2), 5 panels, 8 queries, 0 rules, 2 variables, 0 sources\n"));
}

void TestCliDashboard::convertReportsWhatIsLeftOut()
{
    QTemporaryDir dir;
    const QString in = grafana("unsupported_panels.json");
    const QString out = dir.filePath(u"tgi.json"_s);
    const std::optional<Run> r = cli({u"--from-grafana"_s, u"convert"_s, in, out});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 0);
    const QList<QByteArray> lines = r->err.trimmed().split('\n');
    QCOMPARE(lines.size(), 23);
    const QByteArray prefix = in.toUtf8() + ": not carried over: ";
    for (const QByteArray &l : lines)
        QVERIFY2(l.startsWith(prefix), l.constData());
    QVERIFY(r->err.contains(QByteArray(prefix + "/panels/0 \"Requests by route\": panel type 'table' is not supported\n")));
    QVERIFY(r->err.contains(QByteArray(prefix + "/panels/3/targets/0/expr \"Error ratio\": $__rate_interval replaced by 1m\n")));
    QVERIFY(QFile::exists(out));
}

void TestCliDashboard::checkShippedDashboards_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(MW_RESOURCES_DIR "/dashboards"));
    for (const QString &f : dir.entryList({u"*.json"_s}, QDir::Files))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestCliDashboard::checkShippedDashboards()
{
    QFETCH(QString, path);
    const std::optional<Run> r = cli({u"check"_s, path});
    QVERIFY(r);
    QVERIFY2(r->exitCode == 0, r->err.constData());
    QVERIFY(r->out.startsWith(QByteArray(path.toUtf8() + ": ok (schemaVersion 2)")));
}

void TestCliDashboard::checkReportsExpressionErrors()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"bad.json"_s);
    nlohmann::json j = nlohmann::json::parse(R"({"schemaVersion":2,"title":"t",
        "panels":[{"id":1,"type":"timeseries","gridPos":{"x":0,"y":0,"w":12,"h":8},
                   "queries":[{"refId":"A","expr":"up"},{"refId":"B","expr":"sum(rate(x[5m]) by"}]}],
        "rules":[{"id":"r","name":"R","expr":"up ==","condition":{"kind":"filter"},"panelId":1}]})");
    QVERIFY(writeFile(path, QByteArray::fromStdString(j.dump())));
    const std::optional<Run> r = cli({u"check"_s, path});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 1);
    QVERIFY(r->out.isEmpty());
    const QList<QByteArray> lines = r->err.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].startsWith(QByteArray(path.toUtf8() + ": /panels/0/queries/1/expr:")), lines[0].constData());
    QVERIFY2(lines[1].startsWith(QByteArray(path.toUtf8() + ": /rules/0/expr:6: ")), lines[1].constData());
}

void TestCliDashboard::checkReportsDocumentErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected"); // after "PATH"
    QTest::newRow("syntax") << QByteArray("{\n  \"title\": 1,,\n}") << QByteArray(":2:14: JSON syntax error");
    QTest::newRow("pointer") << QByteArray(R"({"schemaVersion":2,"panels":[{"id":1,"type":"stat","gridPos":{"x":0,"y":0,"w":6,"h":4},"unit":"furlongs"}]})")
                             << QByteArray(": /panels/0/unit: unknown unit 'furlongs'\n");
    QTest::newRow("newer") << QByteArray(R"({"schemaVersion":9})")
                           << QByteArray(": /schemaVersion: 9 is newer than this ModelWatch reads (2)\n");
}

void TestCliDashboard::checkReportsDocumentErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"d.json"_s);
    QVERIFY(writeFile(path, content));
    const std::optional<Run> r = cli({u"check"_s, path});
    QVERIFY(r);
    QCOMPARE(r->exitCode, 1);
    QVERIFY2(r->err.startsWith(QByteArray(path.toUtf8() + expected)), r->err.constData());
}

void TestCliDashboard::usageAndIoErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("stderrContains");
    QTest::newRow("nothing") << QStringList{} << 2 << QByteArray("expected convert or check");
    QTest::newRow("unknown action") << QStringList{u"render"_s} << 2 << QByteArray("unknown action 'render'");
    QTest::newRow("convert without format") << QStringList{u"convert"_s, u"a"_s, u"b"_s} << 2
                                            << QByteArray("convert needs --from-grafana");
    QTest::newRow("convert one file") << QStringList{u"convert"_s, u"--from-grafana"_s, u"a"_s} << 2
                                      << QByteArray("convert expects IN and OUT");
    QTest::newRow("missing input") << QStringList{u"convert"_s, u"--from-grafana"_s, u"/nonexistent/in.json"_s, u"out.json"_s}
                                   << 2 << QByteArray("cannot open /nonexistent/in.json");
    QTest::newRow("unwritable output")
        << QStringList{u"convert"_s, u"--from-grafana"_s, grafana("vllm_timeseries_stat.json"), u"/nonexistent/dir/out.json"_s}
        << 2 << QByteArray("cannot write /nonexistent/dir/out.json");
    QTest::newRow("truncated input") << QStringList{u"convert"_s, u"--from-grafana"_s, grafana("truncated_export.json"),
                                                    u"/nonexistent/x.json"_s}
                                     << 1 << QByteArray("truncated_export.json:5:1: JSON syntax error");
    QTest::newRow("missing check file") << QStringList{u"check"_s, u"/nonexistent.json"_s} << 2
                                        << QByteArray("cannot read /nonexistent.json");
    QTest::newRow("unknown option") << QStringList{u"check"_s, u"--jsno"_s, u"x"_s} << 2 << QByteArray("jsno");
}

void TestCliDashboard::usageAndIoErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, stderrContains);
    const std::optional<Run> r = cli(args);
    QVERIFY(r);
    QCOMPARE(r->exitCode, exitCode);
    QVERIFY(r->out.isEmpty());
    QVERIFY2(r->err.contains(stderrContains), r->err.constData());
}

QTEST_GUILESS_MAIN(TestCliDashboard)
#include "tst_cli_dashboard.moc"
