// A real Prometheus (Debian's /usr/bin/prometheus) scrapes the real
// modelwatch-demo-server executable at 1 s and stores TF Serving's series.
#include "PrometheusProcess.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <nlohmann/json.hpp>

using mw::test::PrometheusProcess;
using nlohmann::json;

class TestDemoPrometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prometheusScrapesTheDemoServer();
    void rejectsBadOptions();

private:
    /// Polls an instant query until it returns at least one series (or the
    /// timeout passes); returns the last result array.
    json queryUntilNonEmpty(PrometheusProcess &prometheus, const QString &query, int timeoutMs);
};

json TestDemoPrometheus::queryUntilNonEmpty(PrometheusProcess &prometheus, const QString &query, int timeoutMs)
{
    const QString path = QStringLiteral("/api/v1/query?query=") + QString::fromLatin1(QUrl::toPercentEncoding(query));
    QElapsedTimer clock;
    clock.start();
    json result = json::array();
    while (clock.elapsed() < timeoutMs) {
        int status = 0;
        const QByteArray body = prometheus.get(path, status, std::chrono::seconds(5));
        if (status == 200) {
            const json doc = json::parse(body.toStdString(), nullptr, false);
            if (doc.is_object() && doc.value("status", "") == "success") {
                result = doc["data"]["result"];
                if (!result.empty())
                    return result;
            }
        }
        QTest::qWait(250);
    }
    return result;
}

void TestDemoPrometheus::prometheusScrapesTheDemoServer()
{
    if (PrometheusProcess::binary().isEmpty())
        QSKIP("prometheus is not installed (Debian package 'prometheus'; CI installs it)");

    QProcess demo;
    demo.setProcessChannelMode(QProcess::SeparateChannels);
    demo.start(QStringLiteral(MW_DEMO_SERVER_PATH),
               {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--rate"), QStringLiteral("50"),
                QStringLiteral("--label-delay"), QStringLiteral("0.5")});
    QVERIFY2(demo.waitForStarted(10'000), qPrintable(demo.errorString()));
    const auto killDemo = qScopeGuard([&demo] {
        if (demo.state() != QProcess::NotRunning) {
            demo.kill();
            demo.waitForFinished(5000);
        }
    });
    // The first stdout line is the URL, printed once the port is bound.
    QElapsedTimer clock;
    clock.start();
    while (!demo.canReadLine() && clock.elapsed() < 30'000 && demo.state() == QProcess::Running)
        demo.waitForReadyRead(500);
    const QString line = QString::fromUtf8(demo.readLine()).trimmed();
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:(\\d+)$")).match(line);
    QVERIFY2(m.hasMatch(), qPrintable(line + QString::fromUtf8(demo.readAllStandardError())));
    const QString target = QStringLiteral("127.0.0.1:") + m.captured(1);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = dir.filePath(QStringLiteral("prometheus.yml"));
    QVERIFY(PrometheusProcess::writeScrapeConfig(config, target));
    PrometheusProcess prometheus;
    QVERIFY2(prometheus.start(dir.filePath(QStringLiteral("data")), config, {}), qPrintable(prometheus.error()));

    const json up = queryUntilNonEmpty(prometheus, QStringLiteral("up{job=\"demo\"} == 1"), 30'000);
    QVERIFY2(!up.empty(), "up{job=\"demo\"} never reached 1 within 30 s");
    QCOMPARE(up[0]["metric"]["instance"].get<std::string>(), target.toStdString());

    // The leading colon is legal in a metric name; the selector form keeps
    // the query independent of the PromQL lexer's view on it.
    const json requests = queryUntilNonEmpty(
        prometheus, QStringLiteral("{__name__=\":tensorflow:serving:request_count\",status=\"OK\"} > 0"), 30'000);
    QVERIFY2(!requests.empty(), ":tensorflow:serving:request_count has no samples in Prometheus");
    QCOMPARE(requests[0]["metric"]["model_name"].get<std::string>(), std::string("demo"));
    QVERIFY(std::stod(requests[0]["value"][1].get<std::string>()) > 0.0);

    // TF Serving's bound 1.27482e+06 (prometheus-cpp prints it as 1274820;
    // Prometheus 2 keeps le as written), and the histogram's quantile.
    const json latency = queryUntilNonEmpty(
        prometheus, QStringLiteral("{__name__=\":tensorflow:serving:request_latency_bucket\",le=\"1274820\"} > 0"),
        30'000);
    QVERIFY2(!latency.empty(), "no latency bucket at TF Serving's bound 1274820 (1.27482e+06)");
    const json p99 = queryUntilNonEmpty(
        prometheus,
        QStringLiteral("histogram_quantile(0.99, rate({__name__=\":tensorflow:serving:request_latency_bucket\"}[5s])) > 0"),
        30'000);
    QVERIFY2(!p99.empty(), "histogram_quantile over the latency buckets gave nothing");
    const json labeled = queryUntilNonEmpty(prometheus, QStringLiteral("sum(model_predictions_total) > 0"), 30'000);
    QVERIFY2(!labeled.empty(), "no labeled predictions reached Prometheus");

    prometheus.stop();
    demo.terminate(); // SIGTERM: the server quits its event loop and exits 0
    QVERIFY(demo.waitForFinished(15'000));
    QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(demo.exitCode(), 0);
}

void TestDemoPrometheus::rejectsBadOptions()
{
    for (const QStringList &args : {QStringList{QStringLiteral("--port"), QStringLiteral("70000")},
                                    QStringList{QStringLiteral("--rate"), QStringLiteral("-1")},
                                    QStringList{QStringLiteral("--host"), QStringLiteral("not-an-ip")},
                                    QStringList{QStringLiteral("--fault"), QStringLiteral("nonsense")}}) {
        QProcess demo;
        demo.start(QStringLiteral(MW_DEMO_SERVER_PATH), args);
        QVERIFY(demo.waitForFinished(15'000));
        QCOMPARE(demo.exitCode(), 2);
        QVERIFY(demo.readAllStandardOutput().isEmpty());
        QVERIFY(!demo.readAllStandardError().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestDemoPrometheus)
#include "tst_demo_prometheus.moc"
