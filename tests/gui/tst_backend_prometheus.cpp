// PrometheusBackend against a real Prometheus (Debian's /usr/bin/prometheus)
// on loopback, which scrapes the real demo model server running in-process
// every second. Skipped with the reason when prometheus is not installed.

#include "BackendWait.h"
#include "DemoServerFixture.h"

#include "BackendFactory.h"
#include "PrometheusBackend.h"

#include "PrometheusProcess.h"
#include "demo/DemoServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace mw;
using namespace mw::view;
using mw::test::finiteValues;
using mw::test::PrometheusProcess;
using mw::test::waitNames;
using mw::test::waitRange;

namespace {

const QString kRequests = QStringLiteral("{__name__=\":tensorflow:serving:request_count\"}");
const QString kBucket = QStringLiteral("{__name__=\":tensorflow:serving:request_latency_bucket\"}");

std::unique_ptr<SourceBackend> backendFor(const QString &url)
{
    dashboard::Source source;
    source.name = "prom";
    source.kind = dashboard::SourceKind::Prometheus;
    source.url = url.toStdString();
    QString error;
    std::unique_ptr<SourceBackend> b = makeBackend(source, &error);
    if (!b)
        qWarning("%s", qPrintable(error));
    return b;
}

} // namespace

class TestBackendPrometheus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rangeQueries();
    void names();
    void healthAndBadQueries();
    void cancelDropsTheAnswer();
    void closedPortIsDown();

private:
    /// Asks `expr` over the last minute until an answer has a finite value.
    std::optional<RangeAnswer> rangeUntilData(const QString &expr, int timeoutMs);

    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
    PrometheusProcess m_prometheus;
    std::unique_ptr<SourceBackend> m_backend;
};

void TestBackendPrometheus::initTestCase()
{
    if (PrometheusProcess::binary().isEmpty())
        QSKIP("prometheus is not installed (Debian package 'prometheus'; scripts/deps.sh installs it)");
    QString error;
    m_demo = test::startDemoServer(&error, test::withLoad(50));
    QVERIFY2(m_demo, qPrintable(error));

    QVERIFY(m_dir.isValid());
    const QString config = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QVERIFY(PrometheusProcess::writeScrapeConfig(config, QStringLiteral("127.0.0.1:%1").arg(m_demo->port())));
    QVERIFY2(m_prometheus.start(m_dir.filePath(QStringLiteral("data")), config, {}), qPrintable(m_prometheus.error()));

    m_backend = backendFor(m_prometheus.baseUrl().toString());
    QVERIFY(m_backend);
    QVERIFY(qobject_cast<PrometheusBackend *>(m_backend.get()));
    m_backend->start();
    // Data flows once Prometheus scraped the demo a few times.
    const auto ready = rangeUntilData(QStringLiteral("sum(rate(%1[5s]))").arg(kRequests), 60'000);
    QVERIFY2(ready, "Prometheus had no rate of the demo's requests within 60 s");
}

std::optional<RangeAnswer> TestBackendPrometheus::rangeUntilData(const QString &expr, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const int64_t now = m_backend->nowMs();
        const auto answer = waitRange(*m_backend, m_backend->rangeQuery(expr, now - 60'000, now, 1000));
        if (answer && answer->ok() && finiteValues(*answer) > 0)
            return answer;
        QTest::qWait(250); // Prometheus scrapes every second: ask again shortly
    }
    return std::nullopt;
}

void TestBackendPrometheus::rangeQueries()
{
    const auto rate = rangeUntilData(QStringLiteral("sum by (model_name) (rate(%1[5s]))").arg(kRequests), 30'000);
    QVERIFY(rate);
    QCOMPARE(rate->series.size(), std::size_t(1));
    QCOMPARE(rate->series[0].labels.get("model_name").value_or(""), std::string_view("demo"));
    const std::vector<Point> &points = *rate->series[0].points;
    for (std::size_t i = 1; i < points.size(); ++i)
        QVERIFY((points[i].t - points[i - 1].t) % 1000 == 0); // on the 1 s step grid

    const auto p99 = rangeUntilData(
        QStringLiteral("histogram_quantile(0.99, sum by (le) (rate(%1[5s])))").arg(kBucket), 30'000);
    QVERIFY2(p99, "histogram_quantile over the demo's latency buckets gave no finite value");

    // Series keep their labels, __name__ included.
    const int64_t now = m_backend->nowMs();
    const auto raw = waitRange(*m_backend, m_backend->rangeQuery(kRequests, now - 10'000, now, 1000));
    QVERIFY(raw && raw->ok());
    QVERIFY(!raw->series.empty());
    QCOMPARE(raw->series[0].labels.metricName(), std::string_view(":tensorflow:serving:request_count"));
    QCOMPARE(raw->series[0].labels.get("job").value_or(""), std::string_view("demo"));

    // The alert engine's view, synchronous.
    const alerting::QueryOutcome up = m_backend->ruleQuerier().instant("up{job=\"demo\"}", now);
    QVERIFY(up.ok());
    QCOMPARE(up.series.size(), std::size_t(1));
    QCOMPARE(up.series[0].value, 1.0);
}

void TestBackendPrometheus::names()
{
    const auto models = waitNames(*m_backend, m_backend->labelValues(QStringLiteral("model_name"), {}));
    QVERIFY(models);
    QVERIFY2(models->ok(), qPrintable(models->error));
    QVERIFY(models->names.contains(QStringLiteral("demo")));

    const auto ofMetric = waitNames(
        *m_backend, m_backend->labelValues(QStringLiteral("model_name"), QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(ofMetric && ofMetric->ok());
    QCOMPARE(ofMetric->names, QStringList{QStringLiteral("demo")});
    const auto bySelector = waitNames(
        *m_backend, m_backend->labelValues(QStringLiteral("status"),
                                           QStringLiteral("{__name__=\":tensorflow:serving:request_count\",model_name=\"demo\"}")));
    QVERIFY(bySelector && bySelector->ok());
    QVERIFY2(bySelector->names.contains(QStringLiteral("OK")), qPrintable(bySelector->names.join(u',')));

    const auto metrics = waitNames(*m_backend, m_backend->metricNames());
    QVERIFY(metrics && metrics->ok());
    QVERIFY(metrics->names.contains(QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(metrics->names.contains(QStringLiteral("up")));
    QVERIFY(std::is_sorted(metrics->names.begin(), metrics->names.end()));

    const auto all = waitNames(*m_backend, m_backend->labelNames({}));
    QVERIFY(all && all->ok());
    QVERIFY(all->names.contains(QStringLiteral("model_name")));
    const auto labels = waitNames(*m_backend, m_backend->labelNames(QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(labels && labels->ok());
    const QStringList expected{QStringLiteral("__name__"), QStringLiteral("instance"), QStringLiteral("job"),
                               QStringLiteral("model_name"), QStringLiteral("status")};
    QCOMPARE(labels->names, expected);
}

void TestBackendPrometheus::healthAndBadQueries()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->health().state, SourceState::Up, 10'000);
    QVERIFY(m_backend->health().error.isEmpty());
    QVERIFY(m_backend->health().lastSuccessMs > 0);
    QCOMPARE(m_backend->health().detail, m_prometheus.baseUrl().toDisplayString());

    QSignalSpy ranges(m_backend.get(), &SourceBackend::rangeFinished);
    const int64_t now = m_backend->nowMs();
    const quint64 id = m_backend->rangeQuery(QStringLiteral("rate(up[1m]"), now - 60'000, now, 1000);
    QCOMPARE(ranges.count(), 0); // never from inside the call
    const auto bad = waitRange(*m_backend, id);
    QVERIFY(bad);
    QVERIFY(!bad->ok());
    QVERIFY2(bad->error.contains(QStringLiteral("parse error")), qPrintable(bad->error));
    // The server answered: a bad expression says nothing against its health.
    QCOMPARE(m_backend->health().state, SourceState::Up);
}

void TestBackendPrometheus::cancelDropsTheAnswer()
{
    QSignalSpy ranges(m_backend.get(), &SourceBackend::rangeFinished);
    const int64_t now = m_backend->nowMs();
    const quint64 canceled = m_backend->rangeQuery(QStringLiteral("up"), now - 60'000, now, 1000);
    m_backend->cancel(canceled);
    const quint64 next = m_backend->rangeQuery(QStringLiteral("up"), now - 60'000, now, 1000);
    QVERIFY(waitRange(*m_backend, next));
    QVERIFY(ranges.count() >= 1);
    for (const QList<QVariant> &args : ranges)
        QVERIFY(args.at(0).toULongLong() != canceled);
}

void TestBackendPrometheus::closedPortIsDown()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    std::unique_ptr<SourceBackend> b = backendFor(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QVERIFY(b);
    QSignalSpy health(b.get(), &SourceBackend::healthChanged);
    b->start();
    QTRY_COMPARE_WITH_TIMEOUT(b->health().state, SourceState::Down, 10'000);
    QCOMPARE(health.count(), 1);
    const QString expected = QStringLiteral("connection refused by 127.0.0.1:%1").arg(port);
    QVERIFY2(b->health().error.startsWith(expected), qPrintable(b->health().error));
    QCOMPARE(b->health().lastSuccessMs, int64_t(0));

    const int64_t now = b->nowMs();
    const auto answer = waitRange(*b, b->rangeQuery(QStringLiteral("up"), now - 60'000, now, 1000));
    QVERIFY(answer && !answer->ok());
    QVERIFY2(answer->error.startsWith(expected), qPrintable(answer->error));
    const auto names = waitNames(*b, b->metricNames());
    QVERIFY(names && !names->ok());
    QCOMPARE(b->health().state, SourceState::Down);
}

QTEST_GUILESS_MAIN(TestBackendPrometheus)
#include "tst_backend_prometheus.moc"
