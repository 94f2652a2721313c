// Precision, recall, F1, accuracy (quality/ClassificationReport.h) and Wilson
// intervals (quality/Proportion.h) against independent references:
// scikit-learn 1.2.1 (precision_recall_fscore_support with each average,
// accuracy_score, confusion_matrix) and SciPy 1.10 (binomtest(...).
// proportion_ci(method="wilson")), from tests/data/quality/*.json written by
// make_fixtures.py. Tolerance 1e-12 absolute: both sides divide the same
// integer counts; only summation order differs.

#include "QualityFixture.h"

#include "quality/ClassificationReport.h"
#include "quality/ConfusionMatrix.h"
#include "quality/Proportion.h"

#include <QTest>

using namespace mw::quality;
using mwtest::close;
using mwtest::num;
using nlohmann::json;

namespace {

/// Our own count of the sklearn inputs (not sklearn's confusion matrix).
ConfusionMatrix countMatrix(const json &fx)
{
    ConfusionMatrix m(fx.at("classes").get<std::size_t>());
    const json &yt = fx.at("y_true");
    const json &yp = fx.at("y_pred");
    for (std::size_t i = 0; i < yt.size(); ++i)
        m.add(yp[i].get<std::size_t>(), yt[i].get<std::size_t>());
    return m;
}

bool sameAverage(const AveragedScores &a, const json &e, QString &why)
{
    const bool ok = close(a.precision, num(e.at("precision"))) && close(a.recall, num(e.at("recall")))
                    && close(a.f1, num(e.at("f1")));
    if (!ok)
        why = QStringLiteral("ours P=%1 R=%2 F=%3, sklearn %4")
                  .arg(a.precision, 0, 'g', 17)
                  .arg(a.recall, 0, 'g', 17)
                  .arg(a.f1, 0, 'g', 17)
                  .arg(QString::fromStdString(e.dump()));
    return ok;
}

} // namespace

class TestQualityMetrics : public QObject
{
    Q_OBJECT

private slots:
    void wilsonMatchesScipy_data();
    void wilsonMatchesScipy();
    void wilsonUndefined();
    void proportionSampleGuard();

    void matchesSklearn_data();
    void matchesSklearn();
    void nanModeFlagsAndSkipsUndefined_data();
    void nanModeFlagsAndSkipsUndefined();
    void degenerateSetsAreFlagged();
    void emptyMatrix();
    void fromCountsRejectsBadInput();
    void fromLabeledCountsSortsClasses();
    void addAndRemoveRestoresCounts();
};

void TestQualityMetrics::wilsonMatchesScipy_data()
{
    QTest::addColumn<int>("row");
    const json fx = mwtest::loadQualityFixture(QStringLiteral("wilson.json"));
    QVERIFY(fx.contains("cases"));
    for (std::size_t i = 0; i < fx["cases"].size(); ++i) {
        const json &c = fx["cases"][i];
        QTest::addRow("%d/%d@%g", c["successes"].get<int>(), c["trials"].get<int>(), c["confidence"].get<double>())
            << int(i);
    }
}

void TestQualityMetrics::wilsonMatchesScipy()
{
    QFETCH(int, row);
    const json c = mwtest::loadQualityFixture(QStringLiteral("wilson.json"))["cases"][std::size_t(row)];
    const Interval i = wilsonInterval(c["successes"].get<double>(), c["trials"].get<double>(), c["z"].get<double>());
    QVERIFY2(close(i.lower, c["lower"].get<double>()), qPrintable(QString::number(i.lower, 'g', 17)));
    QVERIFY2(close(i.upper, c["upper"].get<double>()), qPrintable(QString::number(i.upper, 'g', 17)));
    if (c["confidence"].get<double>() == 0.95) {
        const Interval d = wilsonInterval(c["successes"].get<double>(), c["trials"].get<double>());
        QVERIFY(close(d.lower, i.lower) && close(d.upper, i.upper));
    }
}

void TestQualityMetrics::wilsonUndefined()
{
    for (const auto &[k, n] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {3.0, 2.0}, {-1.0, 5.0}, {std::nan(""), 5.0}}) {
        const Interval i = wilsonInterval(k, n);
        QVERIFY(std::isnan(i.lower) && std::isnan(i.upper));
    }
}

void TestQualityMetrics::proportionSampleGuard()
{
    const Proportion few = Proportion::of(4, 5, 30);
    QVERIFY(few.defined);
    QVERIFY(!few.enoughSamples);
    QCOMPARE(few.value, 0.8);
    QVERIFY(few.interval.lower < 0.8 && few.interval.upper > 0.8);
    QVERIFY(Proportion::of(24, 30, 30).enoughSamples);
    const Proportion none = Proportion::of(0, 0, 0);
    QVERIFY(!none.defined && !none.enoughSamples && std::isnan(none.value));
}

void TestQualityMetrics::matchesSklearn_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("zeroDivision");
    for (const QString &f : mwtest::binaryFixtures() + mwtest::multiclassFixtures())
        for (int zd : {0, 1})
            QTest::addRow("%s zero_division=%d", qPrintable(f), zd) << f << zd;
}

void TestQualityMetrics::matchesSklearn()
{
    QFETCH(QString, file);
    QFETCH(int, zeroDivision);
    const json fx = mwtest::loadQualityFixture(file);
    QVERIFY2(fx.contains("expected"), qPrintable(file));
    const json &exp = fx["expected"];
    const ConfusionMatrix m = countMatrix(fx);
    const std::size_t k = m.classes();
    for (std::size_t p = 0; p < k; ++p)
        for (std::size_t a = 0; a < k; ++a)
            QCOMPARE(m.count(p, a), exp["confusion"][p][a].get<double>());

    MetricOptions o;
    o.zeroDivision = zeroDivision == 0 ? ZeroDivision::Zero : ZeroDivision::One;
    const ClassificationReport r = classificationReport(m, o);
    const json &e = exp["prf"][zeroDivision == 0 ? "zero_division_0" : "zero_division_1"];
    QCOMPARE(r.perClass.size(), k);
    for (std::size_t c = 0; c < k; ++c) {
        QVERIFY2(close(r.perClass[c].precision.value, num(e["none"]["precision"][c])), qPrintable(QString::number(c)));
        QVERIFY2(close(r.perClass[c].recall.value, num(e["none"]["recall"][c])), qPrintable(QString::number(c)));
        QVERIFY2(close(r.perClass[c].f1, num(e["none"]["f1"][c])), qPrintable(QString::number(c)));
        QCOMPARE(r.perClass[c].support, num(e["none"]["support"][c]));
    }
    QString why;
    QVERIFY2(sameAverage(r.macro, e["macro"], why), qPrintable(QStringLiteral("macro: ") + why));
    QVERIFY2(sameAverage(r.micro, e["micro"], why), qPrintable(QStringLiteral("micro: ") + why));
    QVERIFY2(sameAverage(r.weighted, e["weighted"], why), qPrintable(QStringLiteral("weighted: ") + why));
    if (e.contains("binary")) {
        const ClassScores b = r.binary(1);
        QVERIFY(close(b.precision.value, num(e["binary"]["precision"])));
        QVERIFY(close(b.recall.value, num(e["binary"]["recall"])));
        QVERIFY(close(b.f1, num(e["binary"]["f1"])));
    }
    QVERIFY(close(r.accuracy.value, num(exp["accuracy"])));
    QVERIFY(r.accuracy.interval.lower <= r.accuracy.value && r.accuracy.value <= r.accuracy.interval.upper);
    QCOMPARE(r.samples, double(fx["y_true"].size()));
}

void TestQualityMetrics::nanModeFlagsAndSkipsUndefined_data()
{
    matchesSklearn_data();
}

void TestQualityMetrics::nanModeFlagsAndSkipsUndefined()
{
    QFETCH(QString, file);
    QFETCH(int, zeroDivision);
    const json fx = mwtest::loadQualityFixture(file);
    const json &none = fx["expected"]["prf"][zeroDivision == 0 ? "zero_division_0" : "zero_division_1"]["none"];
    const ConfusionMatrix m = countMatrix(fx);
    const ClassificationReport r = classificationReport(m); // default: NaN mode
    double sumP = 0, sumR = 0, sumF = 0;
    int nP = 0, nR = 0, nF = 0;
    for (std::size_t c = 0; c < m.classes(); ++c) {
        const ClassScores &s = r.perClass[c];
        QCOMPARE(s.precision.defined, m.predictedCount(c) > 0);
        QCOMPARE(s.recall.defined, m.actualCount(c) > 0);
        QCOMPARE(s.f1Defined, m.predictedCount(c) + m.actualCount(c) > 0);
        // Defined values are sklearn's whatever zero_division; undefined ones are NaN.
        QVERIFY(s.precision.defined ? close(s.precision.value, num(none["precision"][c])) : std::isnan(s.precision.value));
        QVERIFY(s.recall.defined ? close(s.recall.value, num(none["recall"][c])) : std::isnan(s.recall.value));
        QVERIFY(s.f1Defined ? close(s.f1, num(none["f1"][c])) : std::isnan(s.f1));
        if (s.precision.defined)
            sumP += s.precision.value, ++nP;
        if (s.recall.defined)
            sumR += s.recall.value, ++nR;
        if (s.f1Defined)
            sumF += s.f1, ++nF;
    }
    QCOMPARE(r.macro.precisionDefined, nP > 0);
    QCOMPARE(r.macro.recallDefined, nR > 0);
    QCOMPARE(r.weighted.f1Defined, nF > 0);
    QVERIFY(close(r.macro.precision, nP ? sumP / nP : std::nan("")));
    QVERIFY(close(r.macro.recall, nR ? sumR / nR : std::nan("")));
    QVERIFY(close(r.macro.f1, nF ? sumF / nF : std::nan("")));
}

void TestQualityMetrics::degenerateSetsAreFlagged()
{
    MetricOptions o;
    o.minSamples = 30;
    // No predicted positive: precision of class 1 is undefined (sklearn: 0 with a warning).
    ClassificationReport r = classificationReport(countMatrix(mwtest::loadQualityFixture(QStringLiteral("all_predicted_negative.json"))), o);
    QVERIFY(!r.binary(1).precision.defined && std::isnan(r.binary(1).precision.value));
    QVERIFY(std::isnan(r.binary(1).precision.interval.lower));
    QVERIFY(!r.binary(1).precision.enoughSamples);
    QVERIFY(r.binary(1).recall.defined && r.binary(1).recall.value == 0.0);
    QVERIFY(r.binary(1).f1Defined && r.binary(1).f1 == 0.0);
    // No positives at all: recall of class 1 is undefined.
    r = classificationReport(countMatrix(mwtest::loadQualityFixture(QStringLiteral("no_positives.json"))), o);
    QVERIFY(!r.binary(1).recall.defined && std::isnan(r.binary(1).recall.value));
    QVERIFY(r.binary(1).precision.defined && r.binary(1).precision.value == 0.0);
    QVERIFY(r.enoughSamples);
    // Five labels: defined, but not enough to alert on.
    ConfusionMatrix five(2);
    five.add(1, 1, 4);
    five.add(1, 0, 1);
    r = classificationReport(five, o);
    QVERIFY(r.binary(1).precision.defined && !r.binary(1).precision.enoughSamples && !r.enoughSamples);
}

void TestQualityMetrics::emptyMatrix()
{
    const ConfusionMatrix m(3);
    for (ZeroDivision zd : {ZeroDivision::NaN, ZeroDivision::Zero, ZeroDivision::One}) {
        MetricOptions o;
        o.zeroDivision = zd;
        const ClassificationReport r = classificationReport(m, o);
        const double expected = zd == ZeroDivision::Zero ? 0.0 : zd == ZeroDivision::One ? 1.0 : std::nan("");
        for (const AveragedScores *a : {&r.macro, &r.micro, &r.weighted}) {
            QVERIFY(close(a->precision, expected) && close(a->recall, expected) && close(a->f1, expected));
            QVERIFY(!a->precisionDefined && !a->recallDefined && !a->f1Defined);
        }
        QVERIFY(!r.accuracy.defined && !r.enoughSamples);
    }
}

void TestQualityMetrics::fromCountsRejectsBadInput()
{
    const std::vector<double> good{5, 1, 2, 7};
    const auto m = ConfusionMatrix::fromCounts(good, 2);
    QVERIFY(m.has_value());
    QCOMPARE(m->count(0, 1), 1.0); // row = predicted
    QCOMPARE(m->predictedCount(0), 6.0);
    QCOMPARE(m->actualCount(0), 7.0);
    QVERIFY(!ConfusionMatrix::fromCounts(good, 3));
    for (double bad : {-1.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
        std::vector<double> v = good;
        v[2] = bad;
        QVERIFY(!ConfusionMatrix::fromCounts(v, 2));
    }
}

void TestQualityMetrics::fromLabeledCountsSortsClasses()
{
    const std::vector<LabeledCount> cells{{"dog", "cat", 2.5}, {"cat", "cat", 4}, {"dog", "dog", 3}, {"cat", "dog", 1}};
    const std::vector<std::string> extra{"bird"};
    const auto m = ConfusionMatrix::fromLabeledCounts(cells, extra);
    QVERIFY(m.has_value());
    QCOMPARE(m->classNames(), (std::vector<std::string>{"bird", "cat", "dog"}));
    QCOMPARE(m->count(2, 1), 2.5);
    QCOMPARE(m->count(1, 2), 1.0);
    QCOMPARE(m->total(), 10.5);
    const ClassificationReport r = classificationReport(*m);
    QVERIFY(!r.perClass[0].precision.defined && !r.perClass[0].recall.defined && !r.perClass[0].f1Defined);
    QCOMPARE(r.perClass[1].precision.value, 4.0 / 5.0);
    QCOMPARE(r.perClass[1].recall.value, 4.0 / 6.5);
    const std::vector<LabeledCount> bad{{"a", "b", -0.5}};
    QVERIFY(!ConfusionMatrix::fromLabeledCounts(bad));
}

void TestQualityMetrics::addAndRemoveRestoresCounts()
{
    ConfusionMatrix m(2);
    m.add(0, 0, 3);
    m.add(1, 0);
    m.add(1, 0, -1);
    m.add(5, 0); // out of range: ignored
    QCOMPARE(m.total(), 3.0);
    QCOMPARE(m.predictedCount(1), 0.0);
    QCOMPARE(m.correct(), 3.0);
}

QTEST_GUILESS_MAIN(TestQualityMetrics)
#include "tst_quality_metrics.moc"
