// FeedBackend over a JSON-lines file the test writes: known predictions and
// labels give precision, recall, F1, accuracy and ROC-AUC computed here by
// hand; the minimum-sample guard keeps every metric series empty until the
// window holds enough labels while _labeled is always written; range
// queries, names and the rule querier run on the derived series; the
// snapshot carries the matrix and the curve. Time is a ManualClock.

#include "FeedBackend.h"

#include "alerting/ManualClock.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace mw;
using namespace mw::view;

namespace {

constexpr int64_t kT0 = 1'764'000'000'000;

// (score, predicted, actual): 4 TP, 1 FP, 2 FN, 3 TN.
struct Row
{
    double score;
    int predicted;
    int actual;
};
constexpr Row kRows[] = {
    {0.9, 1, 1}, {0.65, 1, 0}, {0.4, 0, 1}, {0.2, 0, 0}, {0.8, 1, 1},  // the first 6 ...
    {0.1, 0, 0}, {0.7, 1, 1},  {0.3, 0, 1}, {0.6, 1, 1}, {0.35, 0, 0}, // ... and 4 more
};

QByteArray lines(int from, int to)
{
    QByteArray out;
    for (int i = from; i < to; ++i)
        out += QStringLiteral("{\"id\":\"r%1\",\"time\":%2,\"score\":%3,\"predicted\":%4,\"actual\":%5}\n")
                   .arg(i)
                   .arg(double(kT0 - 60'000 + i * 1000) / 1000.0, 0, 'f', 3)
                   .arg(kRows[i].score)
                   .arg(kRows[i].predicted)
                   .arg(kRows[i].actual)
                   .toUtf8();
    return out;
}

bool append(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Append) && f.write(bytes) == bytes.size();
}

/// The value of the single series `expr` selects at `t`, NaN when there is none.
double value(FeedBackend &b, const std::string &expr, int64_t t)
{
    const alerting::QueryOutcome o = b.ruleQuerier().instant(expr, t);
    return o.ok() && o.series.size() == 1 ? o.series.front().value : std::nan("");
}

std::size_t seriesCount(FeedBackend &b, const std::string &expr, int64_t t)
{
    const alerting::QueryOutcome o = b.ruleQuerier().instant(expr, t);
    return o.ok() ? o.series.size() : 0;
}

} // namespace

class TestQualityFeedBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void metricsFromAKnownFile();
    void missingFileIsDown();
};

void TestQualityFeedBackend::metricsFromAKnownFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("preds.jsonl"));
    QVERIFY(append(path, lines(0, 6)));

    dashboard::Source source;
    source.name = "file";
    source.kind = dashboard::SourceKind::Feed;
    source.url = path.toStdString();
    source.feed.minSamples = 10;
    source.feed.evaluationIntervalMs = 3'600'000; // the test evaluates
    alerting::ManualClock clock(kT0);
    FeedBackend backend(source, &clock);
    QSignalSpy snapshots(&backend, &FeedBackend::snapshotChanged);
    backend.start();
    QCOMPARE(snapshots.size(), 1);
    QCOMPARE(backend.health().state, SourceState::Up);

    // Six labeled of ten needed: the count is written, no metric is.
    QCOMPARE(value(backend, "modelwatch_quality_labeled{source=\"file\"}", kT0), 6.0);
    QCOMPARE(value(backend, "modelwatch_quality_pending_labels", kT0), 0.0);
    for (const char *m : {"precision", "recall", "f1", "accuracy", "roc_auc", "pr_auc"})
        QCOMPARE(seriesCount(backend, std::string("modelwatch_quality_") + m, kT0), std::size_t(0));
    QVERIFY(!backend.qualitySnapshot()->enoughSamples());
    QCOMPARE(backend.qualitySnapshot()->labeled, 6.0);

    // Ten labeled: every figure, as computed by hand from kRows.
    QVERIFY(append(path, lines(6, 10)));
    const int64_t t1 = kT0 + 15'000;
    clock.setMs(t1);
    backend.evaluateNow();
    const double tp = 4, fp = 1, fn = 2, tn = 3;
    const double p1 = tp / (tp + fp), r1 = tp / (tp + fn), p0 = tn / (tn + fn), r0 = tn / (tn + fp);
    const auto near = [](double a, double b) { return std::abs(a - b) < 1e-12; };
    QCOMPARE(value(backend, "modelwatch_quality_labeled", t1), 10.0);
    QVERIFY(near(value(backend, "modelwatch_quality_precision{class=\"1\"}", t1), p1));
    QVERIFY(near(value(backend, "modelwatch_quality_recall{class=\"1\"}", t1), r1));
    QVERIFY(near(value(backend, "modelwatch_quality_precision{class=\"0\"}", t1), p0));
    QVERIFY(near(value(backend, "modelwatch_quality_recall{class=\"0\"}", t1), r0));
    QVERIFY(near(value(backend, "modelwatch_quality_f1{class=\"1\"}", t1), 2 * tp / (2 * tp + fp + fn)));
    QVERIFY(near(value(backend, "modelwatch_quality_precision{average=\"macro\"}", t1), (p0 + p1) / 2));
    QVERIFY(near(value(backend, "modelwatch_quality_recall{average=\"macro\"}", t1), (r0 + r1) / 2));
    QVERIFY(near(value(backend, "modelwatch_quality_recall{average=\"weighted\"}", t1), (r0 * 4 + r1 * 6) / 10));
    QVERIFY(near(value(backend, "modelwatch_quality_precision{average=\"micro\"}", t1), 0.7));
    QVERIFY(near(value(backend, "modelwatch_quality_accuracy", t1), (tp + tn) / 10));
    // ROC-AUC: of the 6 x 4 (positive, negative) pairs, 20 rank the positive higher.
    QVERIFY(near(value(backend, "modelwatch_quality_roc_auc{source=\"file\"}", t1), 20.0 / 24.0));
    QCOMPARE(seriesCount(backend, "modelwatch_quality_precision", t1), std::size_t(5)); // 2 classes + 3 averages

    // A range query over the derived series: the guard left the first step empty.
    QSignalSpy ranges(&backend, &SourceBackend::rangeFinished);
    const quint64 labeledId = backend.rangeQuery(QStringLiteral("modelwatch_quality_labeled"), kT0, t1, 15'000);
    const quint64 precisionId =
        backend.rangeQuery(QStringLiteral("modelwatch_quality_precision{class=\"1\"}"), kT0, t1, 15'000);
    const quint64 cancelled = backend.rangeQuery(QStringLiteral("modelwatch_quality_f1"), kT0, t1, 15'000);
    backend.cancel(cancelled);
    QCOMPARE(ranges.size(), 0); // never from inside the call
    QTRY_COMPARE_WITH_TIMEOUT(ranges.size(), 2, 5000);
    for (const QList<QVariant> &args : ranges) {
        const quint64 id = args.at(0).toULongLong();
        const RangeAnswer a = args.at(1).value<RangeAnswer>();
        QVERIFY2(a.ok(), qPrintable(a.error));
        QCOMPARE(a.series.size(), std::size_t(1));
        const std::vector<Point> &pts = *a.series.front().points;
        if (id == labeledId) {
            QCOMPARE(pts, (std::vector<Point>{{kT0, 6.0}, {t1, 10.0}}));
        } else {
            QCOMPARE(id, precisionId);
            QCOMPARE(pts.size(), std::size_t(1));
            QCOMPARE(pts.front().t, t1);
            QVERIFY(near(pts.front().v, p1));
        }
    }
    const quint64 bad = backend.rangeQuery(QStringLiteral("modelwatch_quality_f1{"), kT0, t1, 15'000);
    QTRY_COMPARE_WITH_TIMEOUT(ranges.size(), 3, 5000);
    QCOMPARE(ranges.last().at(0).toULongLong(), bad);
    QVERIFY(!ranges.last().at(1).value<RangeAnswer>().ok());

    QSignalSpy names(&backend, &SourceBackend::namesFinished);
    backend.labelValues(QStringLiteral("average"), QStringLiteral("modelwatch_quality_recall"));
    QTRY_COMPARE_WITH_TIMEOUT(names.size(), 1, 5000);
    QCOMPARE(names.last().at(1).value<NamesAnswer>().names,
             (QStringList{QStringLiteral("macro"), QStringLiteral("micro"), QStringLiteral("weighted")}));

    // The snapshot: matrix, report with Wilson intervals, the curve.
    const QualitySnapshotPtr s = backend.qualitySnapshot();
    QVERIFY(s->enoughSamples());
    QCOMPARE(s->classes, (QStringList{QStringLiteral("0"), QStringLiteral("1")}));
    QCOMPARE(s->positiveClass, 1);
    QCOMPARE(s->confusion.count(1, 1), tp);
    QCOMPARE(s->confusion.count(1, 0), fp);
    QCOMPARE(s->confusion.count(0, 1), fn);
    QCOMPARE(s->confusion.count(0, 0), tn);
    QVERIFY(near(s->report.binary(1).precision.value, p1));
    QVERIFY(s->report.binary(1).precision.interval.lower < p1 && s->report.binary(1).precision.interval.upper > p1);
    QCOMPARE(s->curves.size(), std::size_t(1));
    QVERIFY(near(s->curves[0].rocAuc, 20.0 / 24.0));
    QCOMPARE(s->curves[0].baseRate(), 0.6);
    QCOMPARE(s->curves[0].roc.front().fpr, 0.0);
    QCOMPARE(s->curves[0].roc.back().tpr, 1.0);
}

void TestQualityFeedBackend::missingFileIsDown()
{
    QTemporaryDir dir;
    dashboard::Source source;
    source.name = "missing";
    source.kind = dashboard::SourceKind::Feed;
    source.url = "file://" + dir.filePath(QStringLiteral("nope.jsonl")).toStdString();
    alerting::ManualClock clock(kT0);
    FeedBackend backend(source, &clock);
    backend.start();
    QCOMPARE(backend.health().state, SourceState::Down);
    QVERIFY(!backend.health().error.isEmpty());
    QCOMPARE(value(backend, "modelwatch_quality_labeled", kT0), 0.0);
    QVERIFY(!backend.qualitySnapshot()->enoughSamples());
}

QTEST_GUILESS_MAIN(TestQualityFeedBackend)
#include "tst_quality_feed_backend.moc"
