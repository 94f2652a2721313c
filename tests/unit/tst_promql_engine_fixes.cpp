// Regression tests for the local engine's departures from Prometheus 2.42
// fixed alongside the parser; each test is named after what it fixes.

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "store/SeriesStore.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace mw;
using namespace mw::promql;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class Fixture
{
public:
    Fixture()
        : queryable(store)
        , engine(queryable)
    {
        // Four series of m: 3, NaN, 1, 2 (label i gives the order of insertion).
        const double values[] = {3, kNaN, 1, 2};
        for (int i = 0; i < 4; ++i) {
            const std::string index = std::to_string(i);
            const SeriesId id = store.getOrCreate({{"__name__", "m"}, {"i", index}});
            store.append(id, 1000, values[i]);
        }
    }
    Vector vector(const char *query, int64_t t = 1000)
    {
        const QueryResult r = engine.instantQuery(query, t);
        if (!r.ok())
            qFatal("%s: %s", query, r.error.c_str());
        return std::get<Vector>(r.value);
    }
    // The values of a result in order, comma-separated, NaN as "NaN".
    QString values(const char *query)
    {
        QStringList out;
        for (const VectorSample &s : vector(query))
            out << (std::isnan(s.value) ? QStringLiteral("NaN") : QString::number(s.value));
        return out.join(QLatin1Char(','));
    }

    SeriesStore store;
    StoreQueryable queryable;
    Engine engine;
};

} // namespace

class TestPromqlEngineFixes : public QObject
{
    Q_OBJECT

private slots:
    void sortOrdersByValueWithNaNLast()
    {
        Fixture f;
        QCOMPARE(f.values("sort(m)"), QStringLiteral("1,2,3,NaN"));
        QCOMPARE(f.values("sort_desc(m)"), QStringLiteral("3,2,1,NaN"));
    }

    void topkAndBottomkWithNaNAreOrderedAndSafe()
    {
        Fixture f;
        QCOMPARE(f.values("topk(4, m)"), QStringLiteral("3,2,1,NaN"));
        QCOMPARE(f.values("bottomk(4, m)"), QStringLiteral("1,2,3,NaN"));
        QCOMPARE(f.values("topk(2, m)"), QStringLiteral("3,2"));
    }

    void quantileWithNaNSortsNaNFirst()
    {
        Fixture f;
        // Sorted as NaN, 1, 2, 3: the 1-quantile is the largest, the 0-quantile NaN.
        QCOMPARE(f.values("quantile(1, m)"), QStringLiteral("3"));
        QCOMPARE(f.values("quantile(0, m)"), QStringLiteral("NaN"));
    }

    void clampKeepsNaNAsGoMathDoes()
    {
        Fixture f;
        QCOMPARE(f.values("sort(clamp_min(m, 2))"), QStringLiteral("2,2,3,NaN"));
        QCOMPARE(f.values("sort(clamp_max(m, 2))"), QStringLiteral("1,2,2,NaN"));
        QCOMPARE(f.values("sort(clamp(m, 2, 2))"), QStringLiteral("2,2,2,NaN"));
    }

    void timestampOfAnExpressionIsTheEvaluationTime()
    {
        Fixture f;
        QCOMPARE(f.vector("timestamp(m{i=\"0\"})", 5000).at(0).value, 1.0);   // the sample's time
        QCOMPARE(f.vector("timestamp((m{i=\"0\"}))", 5000).at(0).value, 1.0); // through parentheses
        QCOMPARE(f.vector("timestamp(m{i=\"0\"} * 2)", 5000).at(0).value, 5.0);
    }

    void rangeFunctionsSeeThroughParentheses()
    {
        Fixture f;
        QCOMPARE(f.vector("count_over_time((m{i=\"2\"}[1m]))").at(0).value, 1.0);
    }

    void duplicateMatchGroupIsNamed()
    {
        Fixture f;
        const QueryResult r = f.engine.instantQuery("m / on(__name__) group_left m{i=\"0\"}", 1000);
        QVERIFY(r.ok());
        const QueryResult dup = f.engine.instantQuery("m{i=\"0\"} / on(__name__) m", 1000);
        QVERIFY(!dup.ok());
        QVERIFY2(dup.error.find("found duplicate series for the match group {__name__=\"m\"} on the right "
                                "hand-side of the operation")
                     != std::string::npos,
                 dup.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPromqlEngineFixes)
#include "tst_promql_engine_fixes.moc"
