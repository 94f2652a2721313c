// modelwatch-cli query, run as a user would: the same expression against a
// real Prometheus holding backfilled data (--prometheus) and against the same
// file loaded locally (--load) gives the same JSON answer; --scrape queries
// what it scraped; errors point at the column or name the failure, with the
// documented exit codes.

#include "CliRun.h"
#include "PrometheusProcess.h"
#include "TestHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <memory>

using mw::test::PrometheusProcess;
using mw::test::TestHttpServer;

namespace {

constexpr qint64 kStart = 1700000000; // gen_dataset.py's default --start (seconds)

using Run = mw::test::CliRun;

/// Runs `modelwatch-cli query ARGS` (at most `finishMs`), the event loop turning meanwhile.
Run runCli(const QStringList &args, int finishMs = 60'000)
{
    return mw::test::runCli(QStringLiteral(MW_CLI_PATH), QStringList{QStringLiteral("query")} + args, {},
                            {10'000, finishMs});
}

/// A result's series keyed by their labels, each a list of (time, value).
using Points = std::vector<std::pair<double, double>>;
std::map<QString, Points> seriesOf(const QJsonObject &data)
{
    std::map<QString, Points> out;
    const auto point = [](const QJsonArray &p) { return std::pair{p[0].toDouble(), p[1].toString().toDouble()}; };
    const QString type = data[u"resultType"].toString();
    if (type == u"scalar" || type == u"string") {
        out[type].push_back(point(data[u"result"].toArray()));
        return out;
    }
    for (const QJsonValue &s : data[u"result"].toArray()) {
        const QString key = QString::fromUtf8(QJsonDocument(s[u"metric"].toObject()).toJson(QJsonDocument::Compact));
        Points &pts = out[key];
        if (type == u"vector")
            pts.push_back(point(s[u"value"].toArray()));
        else
            for (const QJsonValue &p : s[u"values"].toArray())
                pts.push_back(point(p.toArray()));
    }
    return out;
}

bool close(double a, double b)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return a == b || std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

/// Empty when the two API answers agree series for series and point for
/// point (1e-9 relative), else what differs.
QString compareAnswers(const QByteArray &localJson, const QByteArray &remoteJson)
{
    const QJsonObject local = QJsonDocument::fromJson(localJson).object();
    const QJsonObject remote = QJsonDocument::fromJson(remoteJson).object();
    if (local[u"status"].toString() != u"success" || remote[u"status"].toString() != u"success")
        return QStringLiteral("not both successful: local %1, remote %2")
            .arg(QString::fromUtf8(localJson.left(200)), QString::fromUtf8(remoteJson.left(200)));
    const QJsonObject ld = local[u"data"].toObject();
    const QJsonObject rd = remote[u"data"].toObject();
    if (ld[u"resultType"] != rd[u"resultType"])
        return QStringLiteral("result types differ: %1 vs %2").arg(ld[u"resultType"].toString(), rd[u"resultType"].toString());
    const auto ls = seriesOf(ld);
    const auto rs = seriesOf(rd);
    if (ls.size() != rs.size())
        return QStringLiteral("%1 local series, %2 from Prometheus").arg(ls.size()).arg(rs.size());
    for (const auto &[key, pts] : rs) {
        const auto it = ls.find(key);
        if (it == ls.end())
            return u"missing locally: " + key;
        if (it->second.size() != pts.size())
            return QStringLiteral("%1: %2 points locally, %3 remote").arg(key).arg(it->second.size()).arg(pts.size());
        for (std::size_t i = 0; i < pts.size(); ++i)
            if (it->second[i].first != pts[i].first || !close(it->second[i].second, pts[i].second))
                return QStringLiteral("%1 point %2: local %3@%4, remote %5@%6")
                    .arg(key)
                    .arg(i)
                    .arg(it->second[i].second, 0, 'g', 17)
                    .arg(it->second[i].first, 0, 'f', 3)
                    .arg(pts[i].second, 0, 'g', 17)
                    .arg(pts[i].first, 0, 'f', 3);
    }
    return {};
}

} // namespace

class TestCliQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sameAnswerBothWays_data();
    void sameAnswerBothWays();
    void textOutput();
    void syntaxErrorPointsAtColumn();
    void prometheusErrorIsVerbatim();
    void refusedServerIsNamed();
    void usageErrors_data();
    void usageErrors();
    void loadNeedsTimestamps();
    void scrapeThenQuery();

private:
    QTemporaryDir m_dir;
    QString m_data;
    std::unique_ptr<PrometheusProcess> m_prometheus;
};

void TestCliQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QProcess gen;
    gen.start(QStringLiteral("python3"), {QStringLiteral(MW_DIFF_GENERATOR), QStringLiteral("--minutes"), QStringLiteral("60")});
    QVERIFY(gen.waitForFinished(60000));
    QCOMPARE(gen.exitCode(), 0);
    m_data = m_dir.filePath(QStringLiteral("data.om"));
    QFile f(m_data);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QVERIFY(f.write(gen.readAllStandardOutput()) > 10000);
    f.close();
    if (PrometheusProcess::binary().isEmpty() || PrometheusProcess::promtool().isEmpty())
        return; // the remote cases skip
    const QString tsdb = m_dir.filePath(QStringLiteral("tsdb"));
    QProcess promtool;
    promtool.setProcessChannelMode(QProcess::MergedChannels);
    promtool.start(PrometheusProcess::promtool(), {QStringLiteral("tsdb"), QStringLiteral("create-blocks-from"),
                                                   QStringLiteral("openmetrics"), m_data, tsdb});
    QVERIFY(promtool.waitForFinished(120000));
    QVERIFY2(promtool.exitCode() == 0, promtool.readAll().constData());
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile cfg(config);
    QVERIFY(cfg.open(QIODevice::WriteOnly));
    cfg.write("global:\n  scrape_interval: 1h\n");
    cfg.close();
    m_prometheus = std::make_unique<PrometheusProcess>();
    QVERIFY2(m_prometheus->start(tsdb, config, {}), qPrintable(m_prometheus->error()));
}

void TestCliQuery::cleanupTestCase()
{
    if (m_prometheus)
        m_prometheus->stop();
}

void TestCliQuery::sameAnswerBothWays_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QStringList>("when");
    const QStringList instant{QStringLiteral("--time"), QString::number(kStart + 1800)};
    const QStringList range{QStringLiteral("--start"), QString::number(kStart + 300), QStringLiteral("--end"),
                            QString::number(kStart + 3900), QStringLiteral("--step"), QStringLiteral("45s")};
    const char *exprs[] = {
        "demo_queue_size",
        "sum by (model) (rate(demo_requests_total[5m]))",
        "histogram_quantile(0.99, sum by (le, model) (rate(demo_latency_seconds_bucket[5m])))",
        "rate(demo_latency_seconds_sum[5m]) / rate(demo_latency_seconds_count[5m])",
        "topk(2, demo_temperature)",
        "demo_queue_size > bool 20",
        "scalar(sum(demo_queue_size))",
        "1 + 2 * 3",
    };
    for (const char *e : exprs) {
        QTest::addRow("instant %s", e) << QString::fromUtf8(e) << instant;
        QTest::addRow("range %s", e) << QString::fromUtf8(e) << range;
    }
}

void TestCliQuery::sameAnswerBothWays()
{
    if (!m_prometheus)
        QSKIP("prometheus and promtool are not installed (Debian package 'prometheus'; scripts/deps.sh installs it)");
    QFETCH(QString, expr);
    QFETCH(QStringList, when);
    const Run local = runCli(QStringList{QStringLiteral("--load"), m_data, QStringLiteral("--json")} + when + QStringList{expr});
    QVERIFY2(local.exitCode == 0, local.err.constData());
    const Run remote = runCli(QStringList{QStringLiteral("--prometheus"), m_prometheus->baseUrl().toString(),
                                          QStringLiteral("--json")}
                              + when + QStringList{expr});
    QVERIFY2(remote.exitCode == 0, remote.err.constData());
    const QString diff = compareAnswers(local.out, remote.out);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY2(!seriesOf(QJsonDocument::fromJson(remote.out).object()[u"data"].toObject()).empty(),
             "Prometheus returned nothing: the case tests nothing");
}

void TestCliQuery::textOutput()
{
    const Run r = runCli({QStringLiteral("--load"), m_data, QStringLiteral("--time"), QString::number(kStart + 1800),
                          QStringLiteral("count(demo_queue_size)")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray("{} => 3 @[1700001800]\n"));
    const Run s = runCli({QStringLiteral("--load"), m_data, QStringLiteral("--time"), QString::number(kStart),
                          QStringLiteral("2 ^ 10")});
    QCOMPARE(s.exitCode, 0);
    QCOMPARE(s.out, QByteArray("scalar: 1024 @[1700000000]\n"));
}

void TestCliQuery::syntaxErrorPointsAtColumn()
{
    const Run r = runCli({QStringLiteral("--load"), m_data, QStringLiteral("sum(rate(demo_requests_total[5m])")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("1:34: parse error: unclosed left parenthesis"), r.err.constData());
    const Run t = runCli({QStringLiteral("--load"), m_data, QStringLiteral("rate(demo_queue_size)")});
    QCOMPARE(t.exitCode, 1);
    QVERIFY2(t.err.contains("expected type range vector in call to function \"rate\", got instant vector"), t.err.constData());
}

void TestCliQuery::prometheusErrorIsVerbatim()
{
    if (!m_prometheus)
        QSKIP("prometheus is not installed");
    const Run r = runCli({QStringLiteral("--prometheus"), m_prometheus->baseUrl().toString(), QStringLiteral("sum(")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("bad_data: ") && r.err.contains("parse error"), r.err.constData());
}

void TestCliQuery::refusedServerIsNamed()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const Run r = runCli({QStringLiteral("--prometheus"), url, QStringLiteral("up")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(url.toUtf8()) && r.err.toLower().contains("refused"), r.err.constData());
}

void TestCliQuery::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    const QString file = QStringLiteral("x.om");
    QTest::newRow("no source") << QStringList{QStringLiteral("up")} << QByteArray("exactly one of");
    QTest::newRow("two sources") << QStringList{QStringLiteral("--load"), file, QStringLiteral("--prometheus"),
                                                QStringLiteral("http://127.0.0.1:9"), QStringLiteral("up")}
                                 << QByteArray("exactly one of");
    QTest::newRow("no expression") << QStringList{QStringLiteral("--load"), file} << QByteArray("exactly one expression");
    QTest::newRow("range without step") << QStringList{QStringLiteral("--load"), file, QStringLiteral("--start"), QStringLiteral("1"),
                                                       QStringLiteral("--end"), QStringLiteral("2"), QStringLiteral("up")}
                                        << QByteArray("--start, --end and --step");
    QTest::newRow("bad time") << QStringList{QStringLiteral("--load"), file, QStringLiteral("--time"), QStringLiteral("yesterday"),
                                             QStringLiteral("up")}
                              << QByteArray("yesterday");
    QTest::newRow("scrape without duration") << QStringList{QStringLiteral("--scrape"), QStringLiteral("http://127.0.0.1:9/metrics"),
                                                            QStringLiteral("up")}
                                             << QByteArray("--duration");
    QTest::newRow("bad header") << QStringList{QStringLiteral("--prometheus"), QStringLiteral("http://127.0.0.1:9"),
                                               QStringLiteral("--header"), QStringLiteral("no-colon"), QStringLiteral("up")}
                                << QByteArray("NAME: VALUE");
}

void TestCliQuery::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const Run r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
}

void TestCliQuery::loadNeedsTimestamps()
{
    const QString path = m_dir.filePath(QStringLiteral("plain.prom"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# TYPE g gauge\ng 1\n");
    f.close();
    const Run r = runCli({QStringLiteral("--load"), path, QStringLiteral("g")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(":2: sample without a timestamp"), r.err.constData());
}

void TestCliQuery::scrapeThenQuery()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4",
                                                        "# TYPE jobs_total counter\njobs_total{queue=\"a\"} 5\n"));
    const QString instance = QStringLiteral("127.0.0.1:%1").arg(server.port());
    // The CLI scrapes in its own process while this one serves: run it
    // asynchronously and keep this event loop turning.
    const auto query = [&](const QString &expr) {
        const Run r = runCli({QStringLiteral("--scrape"), server.url(QStringLiteral("/metrics")).toString(),
                              QStringLiteral("--duration"), QStringLiteral("1200ms"), QStringLiteral("--interval"),
                              QStringLiteral("500ms"), QStringLiteral("--json"), expr},
                             30'000);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object()[u"data"][u"result"].toArray();
    };
    const QJsonArray jobs = query(QStringLiteral("jobs_total"));
    QCOMPARE(jobs.size(), 1);
    QCOMPARE(jobs[0][u"metric"][u"job"].toString(), QStringLiteral("modelwatch"));
    QCOMPARE(jobs[0][u"metric"][u"instance"].toString(), instance);
    QCOMPARE(jobs[0][u"metric"][u"queue"].toString(), QStringLiteral("a"));
    QCOMPARE(jobs[0][u"value"][1].toString(), QStringLiteral("5"));
    // Scrapes at 0, 0.5 and 1.0 s, each recording up = 1.
    const QJsonArray up = query(QStringLiteral("count_over_time(up[1m])"));
    QCOMPARE(up.size(), 1);
    QCOMPARE(up[0][u"value"][1].toString(), QStringLiteral("3"));
}

QTEST_GUILESS_MAIN(TestCliQuery)
#include "tst_cli_query.moc"
