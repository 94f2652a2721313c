// The local PromQL engine on hand-made data: lookback and staleness, window
// boundaries, errors Prometheus raises, and limits. (Agreement with a real
// Prometheus on a large data set is tests/integration/differential.)

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::promql;

namespace {

class Fixture
{
public:
    Fixture()
        : queryable(store)
        , engine(queryable)
    {
    }
    void add(const Labels &labels, std::initializer_list<Point> points)
    {
        const SeriesId id = store.getOrCreate(labels);
        for (const Point &p : points)
            store.append(id, p.t, p.v);
    }
    Vector vector(const char *query, int64_t t)
    {
        const QueryResult r = engine.instantQuery(query, t);
        if (!r.ok())
            qFatal("%s: %s", query, r.error.c_str());
        return std::get<Vector>(r.value);
    }

    SeriesStore store;
    StoreQueryable queryable;
    Engine engine;
};

double valueOf(const Vector &v, std::string_view labelName, std::string_view labelValue)
{
    for (const VectorSample &s : v)
        if (s.labels.get(labelName) == labelValue)
            return s.value;
    return std::nan("");
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void lookbackWindowIsClosed()
    {
        Fixture f;
        f.add({{"__name__", "x"}}, {{1000, 1}, {2000, 2}});
        QCOMPARE(f.vector("x", 2000).at(0).value, 2.0);
        QCOMPARE(f.vector("x", 1999).at(0).value, 1.0);
        // 5 minutes of lookback, both ends included (Prometheus 2.42).
        QCOMPARE(f.vector("x", 2000 + 300000).size(), std::size_t(1));
        QCOMPARE(f.vector("x", 2001 + 300000).size(), std::size_t(0));
        QCOMPARE(f.vector("x", 999).size(), std::size_t(0));
    }

    void staleMarkerEndsTheSeries()
    {
        Fixture f;
        const SeriesId id = f.store.getOrCreate({{"__name__", "x"}});
        f.store.append(id, 1000, 5);
        f.store.append(id, 2000, staleNaN());
        QCOMPARE(f.vector("x", 1500).at(0).value, 5.0);
        QCOMPARE(f.vector("x", 2500).size(), std::size_t(0));
        // A range function never counts the marker as a sample.
        QCOMPARE(f.vector("count_over_time(x[1m])", 2500).at(0).value, 1.0);
    }

    void rangeWindowIncludesBothEnds()
    {
        Fixture f;
        f.add({{"__name__", "c"}}, {{0, 0}, {30000, 30}, {60000, 60}});
        QCOMPARE(f.vector("count_over_time(c[1m])", 60000).at(0).value, 3.0);
        QCOMPARE(f.vector("increase(c[1m])", 60000).at(0).value, 60.0);
        QCOMPARE(f.vector("rate(c[1m])", 60000).at(0).value, 1.0);
    }

    void metricNameHandling()
    {
        Fixture f;
        f.add({{"__name__", "x"}, {"a", "1"}}, {{1000, 4}});
        QCOMPARE(f.vector("x", 1000).at(0).labels.metricName(), std::string_view("x"));
        QVERIFY(f.vector("x * 2", 1000).at(0).labels.metricName().empty());
        QCOMPARE(f.vector("x > 1", 1000).at(0).labels.metricName(), std::string_view("x"));
        QVERIFY(f.vector("x > bool 1", 1000).at(0).labels.metricName().empty());
        QVERIFY(f.vector("abs(x)", 1000).at(0).labels.metricName().empty());
        QCOMPARE(f.vector("last_over_time(x[1m])", 1000).at(0).labels.metricName(), std::string_view("x"));
        QCOMPARE(f.vector("sort(x)", 1000).at(0).labels.metricName(), std::string_view("x"));
    }

    void aggregationsAndGrouping()
    {
        Fixture f;
        f.add({{"__name__", "t"}, {"model", "a"}, {"gpu", "0"}}, {{1000, 1}});
        f.add({{"__name__", "t"}, {"model", "a"}, {"gpu", "1"}}, {{1000, 3}});
        f.add({{"__name__", "t"}, {"model", "b"}, {"gpu", "0"}}, {{1000, 10}});
        const Vector byModel = f.vector("sum by (model) (t)", 1000);
        QCOMPARE(byModel.size(), std::size_t(2));
        QCOMPARE(valueOf(byModel, "model", "a"), 4.0);
        QCOMPARE(valueOf(f.vector("avg without (gpu) (t)", 1000), "model", "a"), 2.0);
        QCOMPARE(f.vector("count(t)", 1000).at(0).value, 3.0);
        QCOMPARE(f.vector("topk(1, t)", 1000).at(0).labels.get("model").value(), std::string_view("b"));
        QCOMPARE(f.vector("quantile(0.5, t)", 1000).at(0).value, 3.0);
        QCOMPARE(valueOf(f.vector("count_values(\"v\", t)", 1000), "v", "10"), 1.0);
    }

    void duplicateLabelsetIsAnError()
    {
        Fixture f;
        f.add({{"__name__", "a"}, {"x", "1"}}, {{1000, 1}});
        f.add({{"__name__", "b"}, {"x", "1"}}, {{1000, 2}});
        const QueryResult r = f.engine.instantQuery("abs({__name__=~\"a|b\"})", 1000);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error), QStringLiteral("vector cannot contain metrics with the same labelset"));
    }

    void manyToOneMustBeExplicit()
    {
        Fixture f;
        f.add({{"__name__", "a"}, {"m", "1"}, {"g", "0"}}, {{1000, 1}});
        f.add({{"__name__", "a"}, {"m", "1"}, {"g", "1"}}, {{1000, 2}});
        f.add({{"__name__", "b"}, {"m", "1"}}, {{1000, 10}});
        const QueryResult r = f.engine.instantQuery("a / on(m) b", 1000);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.find("many-to-one matching must be explicit") != std::string::npos, r.error.c_str());
        const Vector ok = f.vector("a / on(m) group_left b", 1000);
        QCOMPARE(ok.size(), std::size_t(2));
        QCOMPARE(valueOf(ok, "g", "1"), 0.2);
        const QueryResult dup = f.engine.instantQuery("b / on(m) a", 1000);
        QVERIFY(!dup.ok());
        QVERIFY2(dup.error.find("found duplicate series for the match group") != std::string::npos, dup.error.c_str());
    }

    void errorsAreSpecific_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("message");
        QTest::newRow("unsupported function") << "deriv(x[5m])" << "function \"deriv\" is not supported by the local engine yet";
        QTest::newRow("subquery") << "max_over_time(x[10m:1m])" << "subqueries are not supported by the local engine yet";
        QTest::newRow("at modifier") << "x @ 100" << "the @ modifier is not supported";
        QTest::newRow("syntax error has a column") << "sum(x" << "1:";
        QTest::newRow("bad regex") << "x{a=~\"(\"}" << "regular expression";
    }
    void errorsAreSpecific()
    {
        QFETCH(QString, query);
        QFETCH(QString, message);
        Fixture f;
        f.add({{"__name__", "x"}}, {{1000, 1}});
        const QueryResult r = f.engine.instantQuery(query.toStdString(), 1000);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error).contains(message), r.error.c_str());
    }

    void rangeQueryValidation()
    {
        Fixture f;
        f.add({{"__name__", "x"}}, {{0, 1}});
        QVERIFY(!f.engine.rangeQuery("x", 0, 1000, 0).ok());
        QVERIFY(!f.engine.rangeQuery("x", 1000, 0, 10).ok());
        const QueryResult tooMany = f.engine.rangeQuery("x", 0, 12'000'000, 1000);
        QVERIFY(!tooMany.ok());
        QVERIFY(tooMany.error.find("exceeded maximum resolution of 11000 points") != std::string::npos);
        const QueryResult ok = f.engine.rangeQuery("x", 0, 60000, 15000);
        QVERIFY(ok.ok());
        QCOMPARE(std::get<Matrix>(ok.value).at(0).points.size(), std::size_t(5));
        QVERIFY(!f.engine.rangeQuery("x[5m]", 0, 60000, 15000).ok()); // a range vector is not graphable
    }

    void sampleLimit()
    {
        SeriesStore store;
        const SeriesId id = store.getOrCreate({{"__name__", "x"}});
        for (int i = 0; i < 1000; ++i)
            store.append(id, i * 1000, i);
        StoreQueryable q(store);
        EngineOptions options;
        options.maxSamples = 100;
        Engine engine(q, options);
        const QueryResult r = engine.instantQuery("sum_over_time(x[1h])", 999000);
        QVERIFY(!r.ok());
        QVERIFY(r.error.find("too many samples") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
