// The PromQL expressions for windowed quality (quality/QualityQueries.h),
// evaluated by the local engine over a SeriesStore holding counters and
// histograms with known increases: the confusion counts of feed_e2e and the
// score buckets of random_binary (tests/data/quality), so the expected
// figures are scikit-learn's, to 1e-12.

#include "QualityFixture.h"

#include "promql/Engine.h"
#include "promql/EngineStoreQueryable.h"
#include "quality/QualityQueries.h"
#include "store/SeriesStore.h"

#include <QTest>

#include <charconv>
#include <cmath>

using namespace mw;
using namespace mw::quality;
using mwtest::close;
using mwtest::num;

namespace {

constexpr int64_t kT0 = 1'764'572'400'000;
constexpr int64_t kWindowMs = 600'000;
constexpr int64_t kStepMs = 15'000;

std::string shortest(double v)
{
    if (std::isinf(v))
        return "+Inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

/// A counter from `base` at kT0 rising linearly by `increase` over the window.
void counter(SeriesStore &store, const Labels &labels, double base, double increase)
{
    const SeriesId id = store.getOrCreate(labels, expo::MetricType::Counter);
    for (int64_t i = 0; i <= kWindowMs / kStepMs; ++i)
        QCOMPARE(store.append(id, kT0 + i * kStepMs, base + increase * double(i) / double(kWindowMs / kStepMs)),
                 AppendStatus::Appended);
}

Labels cell(const char *model, const char *predicted, const char *actual)
{
    return Labels{{"__name__", "model_predictions_total"}, {"model_name", model}, {"predicted", predicted}, {"actual", actual}};
}

promql::Vector instant(const SeriesStore &store, const std::string &expr, int64_t t = kT0 + kWindowMs)
{
    const promql::StoreQueryable q(store);
    const promql::Engine engine(q);
    const promql::QueryResult r = engine.instantQuery(expr, t);
    if (!r.ok())
        qWarning("%s: %s", expr.c_str(), r.error.c_str());
    const auto *v = std::get_if<promql::Vector>(&r.value);
    return v ? *v : promql::Vector{};
}

double scalarOf(const SeriesStore &store, const std::string &expr)
{
    const promql::Vector v = instant(store, expr);
    return v.size() == 1 ? v[0].value : -1.0;
}

} // namespace

class TestQualityQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void expressionsAreBuiltAsDocumented();
    void durationsAndQuoting();
    void invalidSpecsAreRefused();
    void binaryFiguresFromCountersMatchSklearn();
    void confusionVectorGivesTheReport();
    void undefinedAndEmptyWindows();
    void curveFromHistogramBucketsMatchesSklearn();
    void bucketVectorErrors();

private:
    std::unique_ptr<SeriesStore> m_store;
    ConfusionQuerySpec m_spec;
};

void TestQualityQueries::init()
{
    m_store = std::make_unique<SeriesStore>(StoreConfig{0, 0, 120, 0, 0, 0});
    m_spec = ConfusionQuerySpec{};
    m_spec.matchers = {{"model_name", "demo"}};
    // feed_e2e's confusion matrix (predicted x actual) [[99, 30], [35, 106]], on top of earlier counts.
    counter(*m_store, cell("demo", "0", "0"), 1000, 99);
    counter(*m_store, cell("demo", "0", "1"), 20, 30);
    counter(*m_store, cell("demo", "1", "0"), 7, 35);
    counter(*m_store, cell("demo", "1", "1"), 300, 106);
    // Another model's counters must not leak in through the matchers.
    counter(*m_store, cell("other", "1", "1"), 0, 5000);
    counter(*m_store, cell("other", "0", "1"), 0, 5000);
    // A model that served nothing in the window.
    counter(*m_store, cell("idle", "1", "1"), 42, 0);
    counter(*m_store, cell("idle", "0", "0"), 42, 0);
}

void TestQualityQueries::expressionsAreBuiltAsDocumented()
{
    const ClassQueries q = classQueries(m_spec, "1");
    QCOMPARE(q.truePositives,
             std::string(R"(sum(increase(model_predictions_total{model_name="demo",predicted="1",actual="1"}[10m])))"));
    QCOMPARE(q.predicted, std::string(R"(sum(increase(model_predictions_total{model_name="demo",predicted="1"}[10m])))"));
    QCOMPARE(q.actual, std::string(R"(sum(increase(model_predictions_total{model_name="demo",actual="1"}[10m])))"));
    QCOMPARE(q.precision, q.truePositives + " / " + q.predicted);
    QCOMPARE(q.recall, q.truePositives + " / " + q.actual);
    QCOMPARE(q.f1, "2 * " + q.truePositives + " / (" + q.predicted + " + " + q.actual + ")");
    QCOMPARE(confusionMatrixQuery(m_spec),
             std::string(R"(sum by (predicted, actual) (increase(model_predictions_total{model_name="demo"}[10m])))"));
    ScoreHistogramSpec h;
    h.windowMs = 300'000;
    QCOMPARE(scoreBucketQuery(h, h.positiveMetric), std::string("sum by (le) (increase(model_score_positive_bucket[5m]))"));
    // Other metric and label names, e.g. a model server with its own.
    ConfusionQuerySpec other;
    other.metric = "clf:outcomes_total";
    other.predictedLabel = "y_hat";
    other.actualLabel = "y";
    other.windowMs = 90'000;
    QCOMPARE(classQueries(other, "cat").truePositives, std::string(R"(sum(increase(clf:outcomes_total{y_hat="cat",y="cat"}[90s])))"));
}

void TestQualityQueries::durationsAndQuoting()
{
    QCOMPARE(promqlDuration(600'000), std::string("10m"));
    QCOMPARE(promqlDuration(3'600'000), std::string("1h"));
    QCOMPARE(promqlDuration(86'400'000), std::string("1d"));
    QCOMPARE(promqlDuration(604'800'000), std::string("1w"));
    QCOMPARE(promqlDuration(90'000), std::string("90s"));
    QCOMPARE(promqlDuration(1'500), std::string("1500ms"));
    const std::string quoted = "\"a\\\"b\\\\c\\nd\"";
    QCOMPARE(promqlQuoted("a\"b\\c\nd"), quoted);
    // A quoted class name round-trips through the engine's parser.
    ConfusionQuerySpec s = m_spec;
    s.matchers = {{"model_name", "we\"ird\\"}};
    const promql::StoreQueryable q(*m_store);
    QVERIFY(promql::Engine(q).instantQuery(classQueries(s, "x\"y").precision, kT0).ok());
}

void TestQualityQueries::invalidSpecsAreRefused()
{
    QVERIFY(validate(m_spec).empty());
    ConfusionQuerySpec s = m_spec;
    s.metric = "bad-name";
    QVERIFY(!validate(s).empty());
    s = m_spec;
    s.actualLabel = s.predictedLabel;
    QVERIFY(!validate(s).empty());
    s = m_spec;
    s.windowMs = 0;
    QVERIFY(!validate(s).empty());
    s = m_spec;
    s.matchers = {{"1abc", "x"}};
    QVERIFY(!validate(s).empty());
    ScoreHistogramSpec h;
    QVERIFY(validate(h).empty());
    h.negativeMetric = "";
    QVERIFY(!validate(h).empty());
}

void TestQualityQueries::binaryFiguresFromCountersMatchSklearn()
{
    const nlohmann::json fx = mwtest::loadQualityFixture(QStringLiteral("feed_e2e.json"));
    QVERIFY(!fx.is_null());
    const auto &prf = fx["expected"]["prf"]["zero_division_0"];
    const ClassQueries q1 = classQueries(m_spec, "1");
    QCOMPARE(scalarOf(*m_store, q1.truePositives), 106.0);
    QCOMPARE(scalarOf(*m_store, q1.predicted), 141.0);
    QCOMPARE(scalarOf(*m_store, q1.actual), 136.0);
    QVERIFY(close(scalarOf(*m_store, q1.precision), num(prf["binary"]["precision"])));
    QVERIFY(close(scalarOf(*m_store, q1.recall), num(prf["binary"]["recall"])));
    QVERIFY(close(scalarOf(*m_store, q1.f1), num(prf["binary"]["f1"])));
    const ClassQueries q0 = classQueries(m_spec, "0");
    QVERIFY(close(scalarOf(*m_store, q0.precision), num(prf["none"]["precision"][0])));
    QVERIFY(close(scalarOf(*m_store, q0.recall), num(prf["none"]["recall"][0])));
    QVERIFY(close(scalarOf(*m_store, q0.f1), num(prf["none"]["f1"][0])));
    const std::vector<std::string> classes{"0", "1"};
    QVERIFY(close(scalarOf(*m_store, accuracyQuery(m_spec, classes)), num(fx["expected"]["accuracy"])));
    QCOMPARE(scalarOf(*m_store, accuracyQuery(m_spec, classes)), 205.0 / 270.0);
}

void TestQualityQueries::confusionVectorGivesTheReport()
{
    const nlohmann::json fx = mwtest::loadQualityFixture(QStringLiteral("feed_e2e.json"));
    const auto &exp = fx["expected"];
    const promql::Vector v = instant(*m_store, confusionMatrixQuery(m_spec));
    QCOMPARE(v.size(), std::size_t(4));
    std::string error;
    const auto matrix = fromConfusionVector(v, m_spec, {}, error);
    QVERIFY2(matrix.has_value(), error.c_str());
    QCOMPARE(matrix->classNames(), (std::vector<std::string>{"0", "1"}));
    for (std::size_t p = 0; p < 2; ++p)
        for (std::size_t a = 0; a < 2; ++a)
            QCOMPARE(matrix->count(p, a), exp["confusion"][p][a].get<double>());
    const ClassificationReport r = classificationReport(*matrix);
    const auto &prf = exp["prf"]["zero_division_0"];
    QVERIFY(close(r.binary(1).precision.value, num(prf["binary"]["precision"])));
    QVERIFY(close(r.binary(1).recall.value, num(prf["binary"]["recall"])));
    QVERIFY(close(r.macro.f1, num(prf["macro"]["f1"])));
    QVERIFY(close(r.weighted.f1, num(prf["weighted"]["f1"])));
    QVERIFY(close(r.micro.precision, num(prf["micro"]["precision"])));
    QVERIFY(close(r.accuracy.value, num(exp["accuracy"])));
    QVERIFY(r.accuracy.interval.lower < r.accuracy.value && r.accuracy.value < r.accuracy.interval.upper);
    QVERIFY(r.enoughSamples);
    // An extra class the model can output enters the matrix with zero counts.
    const std::vector<std::string> extra{"2"};
    const auto three = fromConfusionVector(v, m_spec, extra, error);
    QVERIFY(three.has_value());
    QCOMPARE(three->classes(), std::size_t(3));
    // A sample without the labels is refused with a reason.
    promql::Vector bad = v;
    bad[0].labels.set("actual", "");
    QVERIFY(!fromConfusionVector(bad, m_spec, {}, error));
    QVERIFY(error.find("actual") != std::string::npos);
}

void TestQualityQueries::undefinedAndEmptyWindows()
{
    ConfusionQuerySpec idle = m_spec;
    idle.matchers = {{"model_name", "idle"}};
    // Nothing predicted in the window: 0/0 is NaN (undefined), never 0.
    const double precision = scalarOf(*m_store, classQueries(idle, "1").precision);
    QVERIFY(std::isnan(precision));
    // Long after the data: the window holds no sample, the result is empty.
    QVERIFY(instant(*m_store, classQueries(m_spec, "1").precision, kT0 + 10 * kWindowMs).empty());
    // An empty matrix vector gives an empty report, everything undefined.
    std::string error;
    const auto empty = fromConfusionVector({}, m_spec, std::vector<std::string>{"0", "1"}, error);
    QVERIFY(empty.has_value());
    const ClassificationReport r = classificationReport(*empty);
    QVERIFY(!r.accuracy.defined);
    QVERIFY(std::isnan(r.binary(1).precision.value));
}

void TestQualityQueries::curveFromHistogramBucketsMatchesSklearn()
{
    const nlohmann::json b = mwtest::loadQualityFixture(QStringLiteral("random_binary.json"))["expected"]["buckets"];
    QVERIFY(!b.is_null());
    const std::vector<double> bounds = mwtest::nums(b["bounds"]);
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const std::string le = shortest(bounds[i]);
        counter(*m_store, Labels{{"__name__", "model_score_positive_bucket"}, {"model_name", "demo"}, {"le", le}},
                3.0 * double(i), b["positive_cumulative"][i].get<double>());
        counter(*m_store, Labels{{"__name__", "model_score_negative_bucket"}, {"model_name", "demo"}, {"le", le}},
                2.0 * double(i), b["negative_cumulative"][i].get<double>());
    }
    ScoreHistogramSpec spec;
    spec.matchers = {{"model_name", "demo"}};
    const promql::Vector pos = instant(*m_store, scoreBucketQuery(spec, spec.positiveMetric));
    const promql::Vector neg = instant(*m_store, scoreBucketQuery(spec, spec.negativeMetric));
    QCOMPARE(pos.size(), bounds.size());
    QCOMPARE(neg.size(), bounds.size());
    const BucketCurveResult r = curveFromBucketVectors(pos, neg);
    QVERIFY2(r.curve.has_value(), r.error.c_str());
    QVERIFY(!r.forcedMonotonicity);
    QVERIFY(close(r.curve->rocAuc(), num(b["roc_auc"])));
    QVERIFY(close(r.curve->averagePrecision(), num(b["average_precision"])));
    QCOMPARE(r.curve->positives(), b["positive_cumulative"].back().get<double>());
}

void TestQualityQueries::bucketVectorErrors()
{
    promql::Vector pos{{Labels{{"le", "0.5"}}, 3.0, 0}, {Labels{{"le", "+Inf"}}, 4.0, 0}};
    promql::Vector noLe{{Labels{{"x", "0.5"}}, 3.0, 0}};
    BucketCurveResult r = curveFromBucketVectors(pos, noLe);
    QVERIFY(!r.curve);
    QVERIFY(r.error.find("le") != std::string::npos);
    promql::Vector badLe{{Labels{{"le", "half"}}, 3.0, 0}, {Labels{{"le", "+Inf"}}, 4.0, 0}};
    QVERIFY(!curveFromBucketVectors(pos, badLe).curve);
    promql::Vector neg{{Labels{{"le", "0.5"}}, 1.0, 0}, {Labels{{"le", "+Inf"}}, 5.0, 0}};
    r = curveFromBucketVectors(pos, neg);
    QVERIFY(r.curve.has_value());
    // Positives: 3 in (.., 0.5], 1 in (0.5, +Inf]; negatives: 1 and 4. By
    // hand, P(pos > neg) + P(tie) / 2 over the 20 pairs: the high positive
    // beats the low negative (1), ties the 4 high ones (4 / 2), and the 3 low
    // positives tie the low negative (3 / 2): 4.5 / 20.
    QVERIFY(close(r.curve->rocAuc(), 4.5 / 20.0));
}

QTEST_GUILESS_MAIN(TestQualityQueries)
#include "tst_quality_queries.moc"
