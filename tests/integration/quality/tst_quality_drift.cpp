// The demo server's accuracy_drift fault, seen both ways ModelWatch can see
// it: the labeled-prediction feed polled over HTTP by FeedPoller into a
// QualityPipeline, and the confusion counters scraped into a SeriesStore at
// synthetic timestamps and read with the quality PromQL expressions on the
// local engine. Time is the test's: the demo's clock is injected, load is
// generated on demand, labels are released by stepping the clock.

#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "demo/LoadGenerator.h"
#include "demo/PredictionFeed.h"
#include "exposition/ExpositionParser.h"
#include "feeds/FeedPoller.h"
#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "quality/QualityPipeline.h"
#include "quality/QualityQueries.h"
#include "store/SeriesStore.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace mw;
using namespace mw::quality;
using mw::demo::DemoServer;
using mw::demo::Fault;

namespace {

constexpr int64_t kScrapeStepMs = 60'000;
constexpr int kRequests = 300;

struct Figures
{
    double accuracy = 0.0;
    double recall = 0.0;
    double precision = 0.0;
    double samples = 0.0;
};

} // namespace

class TestQualityDrift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void driftLowersAccuracyInFeedAndCounters();

private:
    /// Load, labels, then one scrape into the store at the next synthetic time.
    void phase(int requests);
    /// Polls the feed until caught up into a fresh pipeline.
    Figures pollFeed(QualityPipeline &pipeline);
    Figures fromCounters(int64_t atMs);

    int64_t m_nowMs = 1'764'000'000'000;
    int64_t m_scrapeMs = 1'764'000'000'000;
    std::unique_ptr<DemoServer> m_server;
    std::unique_ptr<feeds::FeedPoller> m_poller;
    std::unique_ptr<SeriesStore> m_store;
};

void TestQualityDrift::init()
{
    DemoServer::Options options;
    options.host = QHostAddress(QHostAddress::LocalHost);
    options.port = 0;
    options.rate = 0.0;
    options.labelDelayMs = 1000;
    options.labelPollMs = 0;
    options.clockMs = [this] { return m_nowMs; };
    m_server = std::make_unique<DemoServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    feeds::FeedPollOptions o;
    o.url = m_server->url().resolved(QUrl(QStringLiteral("/v1/feed")));
    o.limit = 400; // several pages per phase
    o.interval = std::chrono::milliseconds(50);
    m_poller = std::make_unique<feeds::FeedPoller>(o);
    m_store = std::make_unique<SeriesStore>(StoreConfig{0, 0, 120, 0, 0, 0});
}

void TestQualityDrift::cleanup()
{
    m_poller.reset();
    m_server.reset();
    m_store.reset();
}

void TestQualityDrift::phase(int requests)
{
    m_server->loadGenerator().generate(requests);
    m_nowMs += m_server->feed().labelDelayMs();
    m_server->releaseLabels();
    const std::string text = m_server->metricsText();
    const expo::ParseResult parsed = expo::parse(text, expo::Format::PrometheusText);
    QVERIFY(parsed.ok());
    m_scrapeMs += kScrapeStepMs;
    const AppendReport report = m_store->appendScrape(1, m_scrapeMs, parsed);
    QVERIFY(report.samplesAppended > 0);
    QCOMPARE(report.outOfOrder, 0u);
}

Figures TestQualityDrift::pollFeed(QualityPipeline &pipeline)
{
    QMetaObject::Connection c = connect(m_poller.get(), &feeds::FeedPoller::batchReady, this,
                                        [&pipeline](const FeedBatch &b) { pipeline.ingest(b); });
    QSignalSpy caughtUp(m_poller.get(), &feeds::FeedPoller::caughtUp);
    QSignalSpy failed(m_poller.get(), &feeds::FeedPoller::failed);
    m_poller->drain();
    const bool ok = caughtUp.wait(10'000);
    disconnect(c);
    if (!ok || !failed.isEmpty())
        return {};
    const ClassificationReport r = pipeline.window().report();
    return {r.accuracy.value, r.binary(1).recall.value, r.binary(1).precision.value, r.samples};
}

Figures TestQualityDrift::fromCounters(int64_t atMs)
{
    ConfusionQuerySpec spec;
    spec.windowMs = kScrapeStepMs;
    spec.matchers = {{"model_name", "demo"}};
    const promql::StoreQueryable q(*m_store);
    const promql::Engine engine(q);
    auto value = [&](const std::string &expr) {
        const promql::QueryResult r = engine.instantQuery(expr, atMs);
        const auto *v = std::get_if<promql::Vector>(&r.value);
        return r.ok() && v && v->size() == 1 ? (*v)[0].value : -1.0;
    };
    const std::vector<std::string> classes{"0", "1"};
    const ClassQueries positive = classQueries(spec, "1");
    Figures f{value(accuracyQuery(spec, classes)), value(positive.recall), value(positive.precision), 0.0};
    const promql::QueryResult all = engine.instantQuery(confusionMatrixQuery(spec), atMs);
    if (const auto *v = std::get_if<promql::Vector>(&all.value)) {
        std::string error;
        if (const auto m = fromConfusionVector(*v, spec, classes, error))
            f.samples = m->total();
    }
    return f;
}

void TestQualityDrift::driftLowersAccuracyInFeedAndCounters()
{
    // A scrape before any load: the counters' starting point.
    phase(0);
    const WindowOptions window; // binary, positive "1"
    QualityPipeline clean(JoinOptions{}, window);
    phase(kRequests);
    const Figures feedClean = pollFeed(clean);
    const Figures countersClean = fromCounters(m_scrapeMs);
    QVERIFY2(feedClean.samples >= kRequests, qPrintable(QString::number(feedClean.samples)));
    QCOMPARE(clean.joiner().stats().joined, uint64_t(feedClean.samples));
    QCOMPARE(m_poller->cursor(), m_server->feed().lastSeq());
    QVERIFY(m_poller->pages() >= 2);

    m_server->faults().setActive(Fault::AccuracyDrift, true);
    QualityPipeline drifted(JoinOptions{}, window);
    phase(kRequests);
    const Figures feedDrift = pollFeed(drifted);
    const Figures countersDrift = fromCounters(m_scrapeMs);
    QVERIFY(feedDrift.samples >= kRequests);

    const QString shown = QStringLiteral("feed accuracy %1 -> %2, recall %3 -> %4; counters accuracy %5 -> %6")
                              .arg(feedClean.accuracy).arg(feedDrift.accuracy).arg(feedClean.recall)
                              .arg(feedDrift.recall).arg(countersClean.accuracy).arg(countersDrift.accuracy);
    qInfo("%s", qPrintable(shown));
    QVERIFY2(feedClean.accuracy > 0.8, qPrintable(shown));
    QVERIFY2(feedClean.accuracy - feedDrift.accuracy > 0.1, qPrintable(shown));
    QVERIFY2(countersClean.accuracy - countersDrift.accuracy > 0.1, qPrintable(shown));

    // Both paths counted the same labeled predictions: the same figures.
    QCOMPARE(countersClean.samples, feedClean.samples);
    QCOMPARE(countersDrift.samples, feedDrift.samples);
    for (const auto &[feed, counters] : {std::pair{feedClean, countersClean}, std::pair{feedDrift, countersDrift}}) {
        QVERIFY2(std::abs(feed.accuracy - counters.accuracy) < 1e-12, qPrintable(shown));
        QVERIFY2(std::abs(feed.recall - counters.recall) < 1e-12, qPrintable(shown));
        QVERIFY2(std::abs(feed.precision - counters.precision) < 1e-12, qPrintable(shown));
    }
}

QTEST_GUILESS_MAIN(TestQualityDrift)
#include "tst_quality_drift.moc"
