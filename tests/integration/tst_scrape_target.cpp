// ScrapeTarget: scrapes a local server on its interval into the store with
// job/instance labels, records up, scrape_duration_seconds and friends, and
// marks series stale when they vanish or the target fails.

#include "TestHttpServer.h"

#include "scrape/ScrapeTarget.h"
#include "store/SeriesStore.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace mw;
using mw::test::TestHttpServer;

namespace {

std::vector<Point> pointsOf(const SeriesStore &store, const Labels &labels)
{
    std::vector<Point> out;
    if (const Series *s = store.find(labels))
        s->collect(INT64_MIN, INT64_MAX, out);
    return out;
}

} // namespace

class TestScrapeTarget : public QObject
{
    Q_OBJECT

private slots:
    void scrapesOnItsInterval()
    {
        TestHttpServer server;
        QVERIFY(server.listen());
        server.respond("/metrics", TestHttpServer::response(200, "OK", "text/plain; version=0.0.4",
                                                            "# TYPE requests_total counter\n"
                                                            "requests_total{code=\"200\"} 7\n"
                                                            "requests_total{code=\"500\"} 1\n"));
        SeriesStore store;
        ScrapeTargetConfig config;
        config.url = server.url(QStringLiteral("/metrics"));
        config.interval = std::chrono::milliseconds(50);
        config.job = QStringLiteral("demo");
        ScrapeTarget target(store, 1, config);
        QSignalSpy spy(&target, &ScrapeTarget::scraped);
        // A loaded machine (sanitizers, parallel tests) can make an attempt
        // outlast its 50 ms timeout: count the successful ones.
        const auto successes = [&spy] {
            int n = 0;
            for (const QList<QVariant> &args : spy)
                n += args.at(0).value<ScrapeReport>().up ? 1 : 0;
            return n;
        };
        target.start();
        QTRY_VERIFY_WITH_TIMEOUT(successes() >= 3, 20000);
        target.stop();

        const QString instance = QStringLiteral("127.0.0.1:%1").arg(server.port());
        const std::string inst = instance.toStdString();
        const auto ok = pointsOf(store, {{"__name__", "requests_total"}, {"code", "200"}, {"job", "demo"}, {"instance", inst}});
        const auto up = pointsOf(store, {{"__name__", "up"}, {"job", "demo"}, {"instance", inst}});
        const auto duration = pointsOf(store, {{"__name__", "scrape_duration_seconds"}, {"job", "demo"}, {"instance", inst}});
        const auto scraped = pointsOf(store, {{"__name__", "scrape_samples_scraped"}, {"job", "demo"}, {"instance", inst}});
        // One up, duration and samples point per attempt, in step.
        QCOMPARE(up.size(), std::size_t(spy.count()));
        QCOMPARE(duration.size(), up.size());
        QCOMPARE(scraped.size(), up.size());
        int checked = 0;
        for (std::size_t i = 0; i < up.size(); ++i) {
            QVERIFY(duration[i].t == up[i].t && duration[i].v >= 0.0 && duration[i].v < 10.0);
            if (up[i].v != 1.0)
                continue;
            // A successful scrape's samples carry its start time, the same as up's.
            const auto it = std::find_if(ok.begin(), ok.end(), [&](const Point &p) { return p.t == up[i].t; });
            QVERIFY2(it != ok.end(), "no requests_total sample at a successful scrape's time");
            QCOMPARE(it->v, 7.0);
            QCOMPARE(scraped[i].v, 2.0);
            ++checked;
        }
        QVERIFY(checked >= 3);
        for (const QList<QVariant> &args : spy) {
            const ScrapeReport r = args.at(0).value<ScrapeReport>();
            if (r.up)
                QCOMPARE(r.samplesScraped, 2u);
        }
        // Intervals are honoured: consecutive scrapes are ~50 ms apart, not back to back.
        for (std::size_t i = 1; i < up.size(); ++i)
            QVERIFY2(up[i].t - up[i - 1].t >= 30, qPrintable(QString::number(up[i].t - up[i - 1].t)));
    }

    void failureRecordsDownAndStaleMarkers()
    {
        TestHttpServer server;
        QVERIFY(server.listen());
        server.respond("/metrics", TestHttpServer::response(200, "OK", "text/plain", "g 1\n"));
        SeriesStore store;
        ScrapeTargetConfig config;
        config.url = server.url(QStringLiteral("/metrics"));
        config.interval = std::chrono::seconds(3600); // scrape only when asked
        ScrapeTarget target(store, 1, config);
        QSignalSpy spy(&target, &ScrapeTarget::scraped);
        target.start();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);

        server.respond("/metrics", TestHttpServer::response(503, "Service Unavailable", "text/plain", "busy\n"));
        target.scrapeNow();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 10000);
        const ScrapeReport failed = spy.last().at(0).value<ScrapeReport>();
        QVERIFY(!failed.up);
        QCOMPARE(failed.error, ScrapeError::HttpStatus);
        QVERIFY(failed.errorMessage.contains(u"503"));
        QCOMPARE(failed.append.staleMarkers, 1u);

        const std::string inst = QStringLiteral("127.0.0.1:%1").arg(server.port()).toStdString();
        const auto g = pointsOf(store, {{"__name__", "g"}, {"job", "modelwatch"}, {"instance", inst}});
        QCOMPARE(g.size(), std::size_t(2));
        QVERIFY(isStaleNaN(g.back().v));
        const auto up = pointsOf(store, {{"__name__", "up"}, {"job", "modelwatch"}, {"instance", inst}});
        QCOMPARE(up.size(), std::size_t(2));
        QCOMPARE(up[0].v, 1.0);
        QCOMPARE(up[1].v, 0.0);
        target.stop();
    }

    void invalidPayloadIsDown()
    {
        TestHttpServer server;
        QVERIFY(server.listen());
        server.respond("/metrics", TestHttpServer::response(200, "OK", "text/plain", "a{b=c} 1\n"));
        SeriesStore store;
        ScrapeTargetConfig config;
        config.url = server.url(QStringLiteral("/metrics"));
        config.interval = std::chrono::seconds(3600);
        ScrapeTarget target(store, 1, config);
        QSignalSpy spy(&target, &ScrapeTarget::scraped);
        target.start();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 10000);
        const ScrapeReport r = spy.last().at(0).value<ScrapeReport>();
        QVERIFY(!r.up);
        QVERIFY2(r.errorMessage.contains(u"1:5: expected a quoted value"), qPrintable(r.errorMessage));
        target.stop();
    }
};

QTEST_GUILESS_MAIN(TestScrapeTarget)
#include "tst_scrape_target.moc"
