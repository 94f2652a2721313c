// ScrapeBackend against the real demo model server, in-process on
// 127.0.0.1:0: scraped into the backend's own store at 300 ms and queried
// with the local PromQL engine. Also the factory's choices and refusals.

#include "BackendWait.h"
#include "DemoServerFixture.h"

#include "BackendFactory.h"
#include "PrometheusBackend.h"
#include "ScrapeBackend.h"

#include "demo/DemoServer.h"
#include "demo/LoadGenerator.h"
#include "exposition/ExpositionParser.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace mw;
using namespace mw::view;
using mw::test::finiteValues;
using mw::test::waitNames;
using mw::test::waitRange;

namespace {

constexpr auto kInterval = std::chrono::milliseconds(300);
const QString kBucket = QStringLiteral("{__name__=\":tensorflow:serving:request_latency_bucket\"}");
const QString kRequests = QStringLiteral("{__name__=\":tensorflow:serving:request_count\"}");

/// A loopback port nothing listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace

class TestBackendScrape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scrapesAndAnswers();
    void answersAreAsynchronousAndCancelable();
    void closedPortIsDown();
    void someTargetsDownIsPartial();
    void setTargetsSwitches();
    void factoryChoosesByKind();
    void factoryRefusesWhatCannotWork();
    void typicalQueryTime();

private:
    QString metricsUrl() const { return m_demo->url().toString() + QStringLiteral("/monitoring/prometheus/metrics"); }
    /// Starts `b` and waits for `scrapes` dataArrived() signals.
    bool scrape(ScrapeBackend &b, int scrapes);

    std::unique_ptr<demo::DemoServer> m_demo;
};

void TestBackendScrape::initTestCase()
{
    QString error;
    m_demo = test::startDemoServer(&error, test::withLoad(50));
    QVERIFY2(m_demo, qPrintable(error));
}

bool TestBackendScrape::scrape(ScrapeBackend &b, int scrapes)
{
    QSignalSpy data(&b, &SourceBackend::dataArrived);
    b.start();
    return QTest::qWaitFor([&] { return data.count() >= scrapes; }, 20'000);
}

void TestBackendScrape::scrapesAndAnswers()
{
    ScrapeBackend b(QStringLiteral("demo"), {metricsUrl()}, kInterval);
    QSignalSpy health(&b, &SourceBackend::healthChanged);
    QCOMPARE(b.health().state, SourceState::Unknown);
    QVERIFY2(scrape(b, 8), "fewer than 8 scrapes within 20 s");
    QCOMPARE(b.health().state, SourceState::Up);
    QVERIFY(b.health().error.isEmpty());
    QVERIFY2(b.health().detail.startsWith(QStringLiteral("1 of 1 targets up, last scrape ")),
             qPrintable(b.health().detail));
    QVERIFY(b.health().lastSuccessMs > 0);
    QVERIFY(health.count() >= 1);

    const int64_t end = b.nowMs();
    const int64_t start = end - 30'000;
    const auto rate = waitRange(b, b.rangeQuery(QStringLiteral("sum by (model_name) (rate(%1[2s]))").arg(kRequests),
                                                start, end, 1000));
    QVERIFY(rate);
    QVERIFY2(rate->ok(), qPrintable(rate->error));
    QCOMPARE(rate->series.size(), std::size_t(1));
    QCOMPARE(rate->series[0].labels.get("model_name").value_or(""), std::string_view("demo"));
    QVERIFY2(finiteValues(*rate) > 0, "rate() gave no finite value");
    const auto positive = std::ranges::any_of(*rate->series[0].points, [](const Point &p) { return p.v > 0; });
    QVERIFY2(positive, "rate() never above 0 with the load generator at 50 requests/s");
    for (const Point &p : *rate->series[0].points)
        QVERIFY(p.t >= start && p.t <= end && (p.t - start) % 1000 == 0);

    const auto p99 = waitRange(
        b, b.rangeQuery(QStringLiteral("histogram_quantile(0.99, sum by (le) (rate(%1[2s])))").arg(kBucket), start,
                        end, 1000));
    QVERIFY(p99);
    QVERIFY2(p99->ok(), qPrintable(p99->error));
    QVERIFY2(finiteValues(*p99) > 0, "histogram_quantile() gave no finite value");

    const auto models = waitNames(b, b.labelValues(QStringLiteral("model_name"), {}));
    QVERIFY(models && models->ok());
    QCOMPARE(models->names, QStringList{QStringLiteral("demo")});
    const auto ofMetric = waitNames(b, b.labelValues(QStringLiteral("status"), QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(ofMetric && ofMetric->ok());
    QVERIFY2(ofMetric->names.contains(QStringLiteral("OK")), qPrintable(ofMetric->names.join(u',')));
    const auto bySelector = waitNames(
        b, b.labelValues(QStringLiteral("le"), QStringLiteral("{__name__=~\".*request_latency_bucket\",API=\"Predict\"}")));
    QVERIFY(bySelector && bySelector->ok());
    QVERIFY(bySelector->names.contains(QStringLiteral("+Inf")));

    const auto metrics = waitNames(b, b.metricNames());
    QVERIFY(metrics && metrics->ok());
    QVERIFY(metrics->names.contains(QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(metrics->names.contains(QStringLiteral("up")));
    QVERIFY(std::is_sorted(metrics->names.begin(), metrics->names.end()));
    const auto labels = waitNames(b, b.labelNames(QStringLiteral(":tensorflow:serving:request_count")));
    QVERIFY(labels && labels->ok());
    const QStringList expected{QStringLiteral("__name__"), QStringLiteral("instance"), QStringLiteral("job"),
                               QStringLiteral("model_name"), QStringLiteral("status")};
    QCOMPARE(labels->names, expected);

    // The alert engine's view: the same store, synchronously.
    const alerting::QueryOutcome up = b.ruleQuerier().instant("up", b.nowMs());
    QVERIFY(up.ok());
    QCOMPARE(up.series.size(), std::size_t(1));
    QCOMPARE(up.series[0].value, 1.0);
}

void TestBackendScrape::answersAreAsynchronousAndCancelable()
{
    ScrapeBackend b(QStringLiteral("demo"), {metricsUrl()}, kInterval);
    QSignalSpy ranges(&b, &SourceBackend::rangeFinished);
    QSignalSpy names(&b, &SourceBackend::namesFinished);
    const int64_t now = b.nowMs();
    const quint64 bad = b.rangeQuery(QStringLiteral("rate(up[1m]"), now - 60'000, now, 1000);
    const quint64 canceled = b.rangeQuery(QStringLiteral("up"), now - 60'000, now, 1000);
    const quint64 badSelector = b.labelValues(QStringLiteral("job"), QStringLiteral("up{job="));
    QCOMPARE(ranges.count(), 0); // never from inside the call
    QCOMPARE(names.count(), 0);
    b.cancel(canceled);
    const quint64 last = b.rangeQuery(QStringLiteral("up"), now - 60'000, now, 1000);

    const auto answer = waitRange(b, bad);
    QVERIFY(answer);
    QVERIFY(!answer->ok());
    QVERIFY2(answer->error.contains(QStringLiteral("unclosed left parenthesis"))
                 || answer->error.contains(QStringLiteral("unexpected")),
             qPrintable(answer->error));
    // Answers come in request order: once `last` is in, `canceled` would have been.
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(ranges, [last](const QList<QVariant> &args) {
                                 return args.at(0).toULongLong() == last;
                             }),
                             10'000);
    QCOMPARE(ranges.count(), 2);
    for (const QList<QVariant> &args : ranges)
        QVERIFY(args.at(0).toULongLong() != canceled);
    // Delivered while the range answers were awaited: read it from the spy.
    QTRY_COMPARE_WITH_TIMEOUT(names.count(), 1, 10'000);
    QCOMPARE(names.at(0).at(0).toULongLong(), badSelector);
    const auto selectorAnswer = names.at(0).at(1).value<NamesAnswer>();
    QVERIFY(!selectorAnswer.ok());
    QVERIFY2(selectorAnswer.error.contains(QStringLiteral("not a series selector")), qPrintable(selectorAnswer.error));
}

void TestBackendScrape::closedPortIsDown()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/metrics").arg(port);
    ScrapeBackend b(QStringLiteral("nothing"), {url}, kInterval);
    QSignalSpy health(&b, &SourceBackend::healthChanged);
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Down, 10'000);
    QVERIFY(health.count() >= 1);
    QVERIFY2(b.health().error.startsWith(url + QStringLiteral(": connection refused")), qPrintable(b.health().error));
    QVERIFY(b.health().detail.startsWith(QStringLiteral("0 of 1 targets up")));
    QCOMPARE(b.health().lastSuccessMs, int64_t(0));
    QVERIFY(b.health().lastAttemptMs > 0);
}

void TestBackendScrape::someTargetsDownIsPartial()
{
    const QString down = QStringLiteral("http://127.0.0.1:%1/metrics").arg(closedPort());
    ScrapeBackend b(QStringLiteral("mixed"), {metricsUrl(), down, metricsUrl()}, kInterval);
    QCOMPARE(b.targets().size(), 2); // the duplicate is dropped
    b.start();
    QTRY_VERIFY_WITH_TIMEOUT(b.health().detail.startsWith(QStringLiteral("1 of 2 targets up")), 10'000);
    QCOMPARE(b.health().state, SourceState::Partial);
    QVERIFY2(b.health().error.startsWith(down + QStringLiteral(": ")), qPrintable(b.health().error));
}

void TestBackendScrape::setTargetsSwitches()
{
    const QString down = QStringLiteral("http://127.0.0.1:%1/metrics").arg(closedPort());
    ScrapeBackend b(QStringLiteral("switch"), {down}, kInterval);
    b.start();
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Down, 10'000);

    QString error;
    QVERIFY(!b.setTargets({QStringLiteral("ftp://example.org/metrics")}, &error));
    QVERIFY2(error.contains(QStringLiteral("ftp://example.org/metrics")), qPrintable(error));
    QCOMPARE(b.targets(), QStringList{down});

    // What --demo does: point the source at the demo server's real port.
    QVERIFY(b.setTargets({metricsUrl()}, &error));
    QCOMPARE(b.targets(), QStringList{metricsUrl()});
    QCOMPARE(b.health().state, SourceState::Unknown); // nothing heard from the new target yet
    QTRY_COMPARE_WITH_TIMEOUT(b.health().state, SourceState::Up, 10'000);
    const auto models = waitNames(b, b.labelValues(QStringLiteral("model_name"), {}));
    QVERIFY(models && models->ok());
    QCOMPARE(models->names, QStringList{QStringLiteral("demo")});
    const alerting::QueryOutcome up = b.ruleQuerier().instant("up", b.nowMs());
    QVERIFY(up.ok());
    QCOMPARE(up.series.size(), std::size_t(1)); // the old target's up is stale
    QCOMPARE(up.series[0].labels.get("instance").value_or(""),
             (QStringLiteral("127.0.0.1:%1").arg(m_demo->port())).toStdString());
}

void TestBackendScrape::factoryChoosesByKind()
{
    dashboard::Source scrape;
    scrape.name = "s";
    scrape.kind = dashboard::SourceKind::Scrape;
    scrape.targets = {metricsUrl().toStdString()};
    scrape.scrapeIntervalMs = 250;
    QString error;
    std::unique_ptr<SourceBackend> b = makeBackend(scrape, &error);
    QVERIFY2(b, qPrintable(error));
    auto *sb = qobject_cast<ScrapeBackend *>(b.get());
    QVERIFY(sb);
    QCOMPARE(sb->name(), QStringLiteral("s"));
    QCOMPARE(sb->interval(), std::chrono::milliseconds(250));
    QCOMPARE(sb->store().config().retentionMs, int64_t(2 * 3600 * 1000));
    QVERIFY(sb->store().config().maxBytes > 0);

    dashboard::Source prom;
    prom.name = "p";
    prom.kind = dashboard::SourceKind::Prometheus;
    prom.url = "http://127.0.0.1:9090/prefix";
    prom.auth.headers = {{"X-Scope-OrgID", "env:MW_TEST_UNSET_ORG"}};
    b = makeBackend(prom, &error);
    QVERIFY2(b, qPrintable(error));
    auto *pb = qobject_cast<PrometheusBackend *>(b.get());
    QVERIFY(pb);
    QCOMPARE(pb->client().connection().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:9090/prefix")));
    // A header whose secret does not resolve fails each request with its sentence.
    const auto answer = waitNames(*pb, pb->metricNames());
    QVERIFY(answer && !answer->ok());
    QVERIFY2(answer->error.contains(QStringLiteral("MW_TEST_UNSET_ORG")), qPrintable(answer->error));
    QCOMPARE(pb->health().state, SourceState::Down);
}

void TestBackendScrape::factoryRefusesWhatCannotWork()
{
    QString error;
    dashboard::Source s;
    s.name = "bad";
    s.kind = dashboard::SourceKind::Scrape;
    s.targets = {"localhost:9100/metrics"};
    QVERIFY(!makeBackend(s, &error));
    QVERIFY2(error.contains(QStringLiteral("'bad'")) && error.contains(QStringLiteral("localhost:9100/metrics")),
             qPrintable(error));

    s.kind = dashboard::SourceKind::Prometheus;
    s.url = "prometheus:9090";
    QVERIFY(!makeBackend(s, &error));
    QVERIFY2(error.contains(QStringLiteral("not an http:// or https:// URL")), qPrintable(error));

    s.url = "http://127.0.0.1:9090";
    s.auth.bearerTokenRef = "hunter2";
    QVERIFY(!makeBackend(s, &error));
    QVERIFY2(error.contains(QStringLiteral("bearerTokenRef")), qPrintable(error));

    // A kind this build has no backend for (the feed kind, before its backend lands).
    s.auth = {};
    s.kind = static_cast<dashboard::SourceKind>(200);
    error.clear();
    QVERIFY(!makeBackend(s, &error));
    QVERIFY2(error.contains(QStringLiteral("has no backend")), qPrintable(error));
}

void TestBackendScrape::typicalQueryTime()
{
    // 30 minutes of the demo's exposition every 5 s (5 requests/s of load),
    // then a panel's p99 latency over 30 min at a 5 s step: the work a
    // ScrapeBackend does on the GUI thread for one panel refresh.
    m_demo->loadGenerator().setRate(0);
    SeriesStore store(ScrapeBackend::defaultStoreConfig());
    const int64_t end = QDateTime::currentMSecsSinceEpoch() / 5000 * 5000;
    const int64_t start = end - 30 * 60 * 1000;
    for (int64_t t = start - 60'000; t <= end; t += 5000) {
        m_demo->loadGenerator().generate(25);
        const std::string text = m_demo->metricsText();
        const expo::ParseResult parsed = expo::parse(text, expo::Format::PrometheusText);
        QVERIFY(parsed.ok());
        store.appendScrape(1, t, parsed);
    }
    promql::StoreQueryable data(store);
    promql::Engine engine(data);
    const std::string query =
        "histogram_quantile(0.99, sum by (le) (rate({__name__=\":tensorflow:serving:request_latency_bucket\"}[1m])))";
    std::vector<qint64> micros;
    for (int i = 0; i < 7; ++i) {
        QElapsedTimer clock;
        clock.start();
        const promql::QueryResult r = engine.rangeQuery(query, start, end, 5000);
        micros.push_back(clock.nsecsElapsed() / 1000);
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &m = std::get<promql::Matrix>(r.value);
        QCOMPARE(m.size(), std::size_t(1));
        QCOMPARE(m[0].points.size(), std::size_t(361));
    }
    std::sort(micros.begin(), micros.end());
    qInfo("typical query: %s over %zu series, %zu samples: median %.2f ms (min %.2f, max %.2f) for 361 steps",
          query.c_str(), store.seriesCount(), store.sampleCount(), static_cast<double>(micros[3]) / 1000.0,
          static_cast<double>(micros.front()) / 1000.0, static_cast<double>(micros.back()) / 1000.0);
    m_demo->loadGenerator().setRate(50);
}

QTEST_GUILESS_MAIN(TestBackendScrape)
#include "tst_backend_scrape.moc"
