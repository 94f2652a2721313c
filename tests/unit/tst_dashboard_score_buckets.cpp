// The dashboard document's score_buckets sources: the two histogram queries
// on another source, their guard, interval and backfill; an exact round trip,
// the JSON shape, refusals with their place (a `from` that is missing, a
// feed, or itself), expressions checked as written (no variables), and which
// quality panels may read such a source.

#include "DocumentRoundTrip.h"

#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentCheck.h"
#include "dashboard/DocumentJson.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::Literals::StringLiterals;
using namespace mw;
using namespace mw::dashboard;
using nlohmann::json;

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }

Document bucketDocument()
{
    Document d;
    d.title = "Score buckets";
    Source scrape;
    scrape.name = "direct";
    scrape.kind = SourceKind::Scrape;
    scrape.targets = {"http://127.0.0.1:8501/monitoring/prometheus/metrics"};
    Source buckets;
    buckets.name = "areas";
    buckets.kind = SourceKind::ScoreBuckets;
    buckets.scoreBuckets.from = "direct";
    buckets.scoreBuckets.positives = "sum by (le) (increase(model_score_positive_bucket[10m]))";
    buckets.scoreBuckets.negatives = "sum by (le) (increase(model_score_negative_bucket[10m]))";
    buckets.scoreBuckets.minSamples = 200;
    buckets.scoreBuckets.evaluationIntervalMs = 30'000;
    buckets.scoreBuckets.backfillMs = 2 * 3600 * 1000;
    d.sources = {scrape, buckets};
    Panel curve;
    curve.id = 1;
    curve.kind = PanelKind::QualityCurve;
    curve.title = "Curves";
    curve.source = "areas";
    curve.grid = {0, 0, 12, 8};
    Panel areas;
    areas.id = 2;
    areas.kind = PanelKind::Timeseries;
    areas.title = "Areas";
    areas.source = "areas";
    areas.grid = {12, 0, 12, 8};
    areas.queries = {{"A", "modelwatch_quality_roc_auc", "ROC-AUC", false}};
    d.panels = {curve, areas};
    return d;
}

json sourceList(std::initializer_list<const char *> sources)
{
    json list = json::array();
    for (const char *s : sources)
        list.push_back(json::parse(s));
    return list;
}

} // namespace

class TestDashboardScoreBuckets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsAsValueAndBytes();
    void jsonShapeAndDefaults();
    void refuses_data();
    void refuses();
    void expressionsRunAsWritten();
    void panelsThatMayReadIt();
};

void TestDashboardScoreBuckets::roundTripsAsValueAndBytes()
{
    const Document d = bucketDocument();
    mw::test::checkRoundTrip(d);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(checkPanelSources(d).empty());
    QVERIFY(checkExpressions(d).empty());
}

void TestDashboardScoreBuckets::jsonShapeAndDefaults()
{
    const json j = documentToJson(bucketDocument());
    const json &s = j.at("sources").at(1);
    QCOMPARE(q(s.at("kind").get<std::string>()), u"score_buckets"_s);
    QVERIFY(!s.contains("url") && !s.contains("targets") && !s.contains("feed"));
    const json expected = json::parse(R"j({"from":"direct",
        "positives":"sum by (le) (increase(model_score_positive_bucket[10m]))",
        "negatives":"sum by (le) (increase(model_score_negative_bucket[10m]))",
        "minSamples":200,"evaluationInterval":"30s","backfill":"2h"})j");
    QCOMPARE(q(s.at("scoreBuckets").dump()), q(expected.dump()));

    // Only from and the two queries are needed.
    const json minimal = {{"schemaVersion", 2},
                          {"sources", sourceList({R"({"name":"p","kind":"prometheus","url":"http://127.0.0.1:9090"})",
                                                  R"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"p","positives":"a","negatives":"b"}})"})}};
    const ReadResult r = documentFromJson(minimal);
    QVERIFY2(r.document, r.error ? r.error->toString().c_str() : "");
    QVERIFY(r.warnings.empty());
    const ScoreBucketOptions &o = r.document->sources.at(1).scoreBuckets;
    QCOMPARE(o.minSamples, int64_t{30});
    QCOMPARE(o.evaluationIntervalMs, int64_t{15'000});
    QCOMPARE(o.backfillMs, int64_t{3'600'000});
}

void TestDashboardScoreBuckets::refuses_data()
{
    QTest::addColumn<QString>("source"); // the second source, after {"name":"direct", scrape}
    QTest::addColumn<QString>("error");
    QTest::newRow("no options") << uR"({"name":"b","kind":"score_buckets"})"_s
                                << u"/sources/1/scoreBuckets: a score_buckets source needs its from, positives and negatives"_s;
    QTest::newRow("no from") << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"positives":"a","negatives":"b"}})"_s
                             << u"/sources/1/scoreBuckets/from: missing"_s;
    QTest::newRow("empty positives")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"direct","positives":"","negatives":"b"}})"_s
        << u"/sources/1/scoreBuckets/positives: empty: the positives' cumulative score histogram, one series per le"_s;
    QTest::newRow("unknown from")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"nope","positives":"a","negatives":"b"}})"_s
        << u"/sources/1/scoreBuckets/from: no source is named 'nope'"_s;
    QTest::newRow("from itself")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"b","positives":"a","negatives":"b"}})"_s
        << u"/sources/1/scoreBuckets/from: 'b' is a score_buckets source; score buckets are read from a prometheus or scrape source"_s;
    QTest::newRow("interval")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"direct","positives":"a","negatives":"b","evaluationInterval":"10ms"}})"_s
        << u"/sources/1/scoreBuckets/evaluationInterval: not a duration of at least 1s: '10ms'"_s;
    QTest::newRow("backfill")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"direct","positives":"a","negatives":"b","backfill":"30d"}})"_s
        << u"/sources/1/scoreBuckets/backfill: longer than 7d"_s;
    QTest::newRow("min samples")
        << uR"({"name":"b","kind":"score_buckets","scoreBuckets":{"from":"direct","positives":"a","negatives":"b","minSamples":-1}})"_s
        << u"/sources/1/scoreBuckets/minSamples: out of range (-1, expected 0..1000000000)"_s;
}

void TestDashboardScoreBuckets::refuses()
{
    QFETCH(QString, source);
    QFETCH(QString, error);
    json sources = sourceList({R"({"name":"direct","kind":"scrape","targets":["http://127.0.0.1:8501/metrics"]})"});
    sources.push_back(json::parse(source.toStdString()));
    const ReadResult r = documentFromJson({{"schemaVersion", 2}, {"sources", sources}});
    QVERIFY(!r.document);
    QVERIFY(r.error);
    QCOMPARE(q(r.error->toString()), error);
}

void TestDashboardScoreBuckets::expressionsRunAsWritten()
{
    Document d = bucketDocument();
    Variable window;
    window.name = "window";
    window.kind = VariableKind::Custom;
    window.options = {"10m"};
    d.variables = {window};
    // A panel's $window is substituted; the source's is not: it runs as written.
    d.panels[1].queries[0].expr = "max_over_time(modelwatch_quality_roc_auc[$window])";
    d.sources[1].scoreBuckets.negatives = "sum by (le) (increase(model_score_negative_bucket[$window]))";
    d.sources[1].scoreBuckets.positives = "sum by (le) (increase(model_score_positive_bucket[10m])";
    const std::vector<Issue> issues = checkExpressions(d);
    QCOMPARE(issues.size(), std::size_t{2});
    QCOMPARE(q(issues[0].pointer), u"/sources/1/scoreBuckets/positives"_s);
    QCOMPARE(q(issues[1].pointer), u"/sources/1/scoreBuckets/negatives"_s);
    // Prometheus' own words for a `$window` left in a range.
    QCOMPARE(q(issues[1].message), u"missing unit character in duration"_s);
}

void TestDashboardScoreBuckets::panelsThatMayReadIt()
{
    Document d = bucketDocument();
    QVERIFY(checkPanelSources(d).empty()); // a curve panel reads its newest curve
    d.panels[0].kind = PanelKind::ConfusionMatrix;
    const std::vector<Issue> issues = checkPanelSources(d);
    QCOMPARE(issues.size(), std::size_t{1});
    QCOMPARE(q(issues[0].toString()),
             u"/panels/0/source: a confusion_matrix panel reads a feed source; 'areas' is a score_buckets source"_s);
}

QTEST_GUILESS_MAIN(TestDashboardScoreBuckets)
#include "tst_dashboard_score_buckets.moc"
