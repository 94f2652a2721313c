// The quality views: the heatmap's cell model (counts, shares, colours,
// contrasting text) for a known matrix and the pixels grab() shows for it;
// the curve view's mapping of rates to pixels, its panes and the hover at a
// known operating point; the "no data yet" / "waiting for labels" states.
// Real snapshots come from a FeedBackend reading a file the test writes.
// With MW_SCREENSHOT_DIR set, the views are also saved there as PNGs.

#include "ConfusionHeatmapView.h"
#include "CurveMapping.h"
#include "FeedBackend.h"
#include "QualityCurveView.h"
#include "QualityPaint.h"

#include "alerting/ManualClock.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace mw;
using namespace mw::view;
using dashboard::ConfusionNormalize;

namespace {

constexpr int64_t kT0 = 1'764'000'000'000;

/// A snapshot as a FeedBackend makes it from `jsonLines`.
QualitySnapshotPtr snapshotOf(const QByteArray &jsonLines, std::vector<std::string> classes = {}, int64_t minSamples = 1)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("feed.jsonl"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(jsonLines) != jsonLines.size())
        return {};
    f.close();
    dashboard::Source s;
    s.name = "test";
    s.kind = dashboard::SourceKind::Feed;
    s.url = path.toStdString();
    s.feed.classes = std::move(classes);
    s.feed.minSamples = minSamples;
    s.feed.evaluationIntervalMs = 3'600'000;
    alerting::ManualClock clock(kT0);
    FeedBackend b(s, &clock);
    b.start();
    return b.qualitySnapshot();
}

QByteArray record(int id, const QString &predicted, const QString &actual, const QString &scores)
{
    return QStringLiteral("{\"id\":%1,\"time\":%2,%3\"predicted\":\"%4\",\"actual\":\"%5\"}\n")
        .arg(id)
        .arg(double(kT0) / 1000.0 - 30.0, 0, 'f', 3)
        .arg(scores, predicted, actual)
        .toUtf8();
}

/// actual × predicted counts of a 3-class model.
constexpr int kCounts[3][3] = {{50, 3, 0}, {10, 30, 8}, {0, 2, 12}};
const QStringList kClasses{QStringLiteral("bird"), QStringLiteral("cat"), QStringLiteral("dog")};

QByteArray threeClassFeed()
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    QByteArray out;
    int id = 0;
    for (int a = 0; a < 3; ++a)
        for (int p = 0; p < 3; ++p)
            for (int n = 0; n < kCounts[a][p]; ++n) {
                double sc[3] = {noise(rng), noise(rng), noise(rng)};
                sc[p] += 1.5;
                sc[a] += 0.6;
                const double sum = sc[0] + sc[1] + sc[2];
                out += record(++id, kClasses[p], kClasses[a],
                              QStringLiteral("\"scores\":[%1,%2,%3],").arg(sc[0] / sum).arg(sc[1] / sum).arg(sc[2] / sum));
            }
    return out;
}

/// A binary scorer: positives score higher on average.
QByteArray binaryFeed(int n)
{
    std::mt19937 rng(11);
    std::normal_distribution<double> pos(0.68, 0.16), neg(0.36, 0.16);
    std::bernoulli_distribution positive(0.4);
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        const bool y = positive(rng);
        const double s = std::clamp(y ? pos(rng) : neg(rng), 0.0, 1.0);
        out += record(i, s >= 0.5 ? QStringLiteral("1") : QStringLiteral("0"), y ? QStringLiteral("1") : QStringLiteral("0"),
                      QStringLiteral("\"score\":%1,").arg(s, 0, 'f', 4));
    }
    return out;
}

void saveIfAsked(QWidget &w, const char *name)
{
    const QString dir = qEnvironmentVariable("MW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(w.grab().save(QDir(dir).filePath(QLatin1String(name))));
}

int distance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

} // namespace

class TestQualityViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heatmapModelOfAKnownMatrix();
    void heatmapPixels();
    void heatmapHover();
    void statesBeforeEnoughLabels();
    void curveMapping();
    void curveViewMapsPoints();
    void multiClassCurvesAndExport();
};

void TestQualityViews::heatmapModelOfAKnownMatrix()
{
    const QualitySnapshotPtr s = snapshotOf(threeClassFeed(), {"bird", "cat", "dog"});
    QVERIFY(s);
    QCOMPARE(s->classes, kClasses);
    const QColor low(Qt::white), high(0, 0, 139);
    HeatmapModel m = HeatmapModel::build(s->confusion, s->classes, ConfusionNormalize::None, low, high);
    QCOMPARE(m.size, 3);
    for (int a = 0; a < 3; ++a)
        for (int p = 0; p < 3; ++p) {
            QCOMPARE(m.cell(a, p).count, double(kCounts[a][p]));
            QCOMPARE(m.cell(a, p).text, QString::number(kCounts[a][p]));
        }
    // Counts are coloured against the largest (50): full colour there, none at 0.
    QCOMPARE(m.cell(0, 0).intensity, 1.0);
    QCOMPARE(m.cell(0, 0).fill.rgb(), high.rgb());
    QCOMPARE(m.cell(0, 2).fill.rgb(), low.rgb());
    QCOMPARE(m.cell(1, 1).intensity, 30.0 / 50.0);
    QCOMPARE(m.cell(0, 0).textColor, QColor(Qt::white));
    QCOMPARE(m.cell(0, 2).textColor, QColor(Qt::black));

    // Row: share of the actual class, the diagonal is recall (cat: 30 of 48).
    m = HeatmapModel::build(s->confusion, s->classes, ConfusionNormalize::Row, low, high);
    QCOMPARE(m.cell(1, 1).rowShare, 30.0 / 48.0);
    QCOMPARE(m.cell(1, 1).intensity, 30.0 / 48.0);
    QCOMPARE(m.cell(1, 1).text, QStringLiteral("62.5 %"));
    QCOMPARE(s->report.perClass[1].recall.value, 30.0 / 48.0);
    // Column: share of the predicted class, the diagonal is precision (cat: 30 of 35).
    m = HeatmapModel::build(s->confusion, s->classes, ConfusionNormalize::Column, low, high);
    QCOMPARE(m.cell(1, 1).columnShare, 30.0 / 35.0);
    QCOMPARE(m.cell(1, 1).text, QStringLiteral("85.7 %"));
    QCOMPARE(s->report.perClass[1].precision.value, 30.0 / 35.0);
    QCOMPARE(m.cell(2, 0).text, QStringLiteral("0.0 %"));

    QCOMPARE(HeatmapModel::contrastingText(QColor(Qt::yellow)), QColor(Qt::black));
    QCOMPARE(HeatmapModel::contrastingText(QColor(20, 20, 60)), QColor(Qt::white));
}

void TestQualityViews::heatmapPixels()
{
    ConfusionHeatmapView view;
    QPalette pal = view.palette();
    pal.setColor(QPalette::Base, Qt::white);
    pal.setColor(QPalette::Text, Qt::black);
    pal.setColor(QPalette::Highlight, QColor(0, 0, 139));
    view.setPalette(pal);
    view.resize(480, 420);
    view.setSnapshot(snapshotOf(threeClassFeed(), {"bird", "cat", "dog"}));
    const QImage image = view.grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const HeatmapModel m = view.model();
    QCOMPARE(m.size, 3);
    const ConfusionHeatmapView::Geometry g = view.cellGeometry(QRectF(view.rect()));
    QVERIFY(g.cellW > 60.0);
    for (int a = 0; a < 3; ++a)
        for (int p = 0; p < 3; ++p) {
            // Near the cell's corner: fill, no text.
            const QPointF at = g.cellRect(a, p).topLeft() + QPointF(5.0, 5.0);
            const QRgb px = image.pixel(QPoint(int(at.x() * dpr), int(at.y() * dpr)));
            QVERIFY2(distance(px, m.cell(a, p).fill.rgb()) <= 3,
                     qPrintable(QStringLiteral("cell %1,%2: %3 vs %4").arg(a).arg(p).arg(px, 0, 16).arg(m.cell(a, p).fill.rgb(), 0, 16)));
        }
    // The number in the darkest cell is drawn in white: some pixels there are.
    const QRectF r = g.cellRect(0, 0);
    int white = 0;
    for (int y = int(r.center().y() - 6); y <= int(r.center().y() + 6); ++y)
        for (int x = int(r.center().x() - 10); x <= int(r.center().x() + 10); ++x)
            white += distance(image.pixel(QPoint(int(x * dpr), int(y * dpr))), qRgb(255, 255, 255)) < 60 ? 1 : 0;
    QVERIFY2(white > 3, qPrintable(QString::number(white)));
    saveIfAsked(view, "quality-heatmap.png");
}

void TestQualityViews::heatmapHover()
{
    ConfusionHeatmapView view;
    view.resize(480, 420);
    view.setNormalize(ConfusionNormalize::Row);
    view.setSnapshot(snapshotOf(threeClassFeed(), {"bird", "cat", "dog"}));
    const ConfusionHeatmapView::Geometry g = view.cellGeometry(QRectF(view.rect()));
    view.hoverAt(g.cellRect(1, 2).center());
    QCOMPARE(view.hoverLines(),
             (QStringList{QStringLiteral("Actual cat, predicted dog: 8"), QStringLiteral("16.7 % of actual cat (row)"),
                          QStringLiteral("40.0 % of predicted dog (column)")}));
    // A dark palette, row shares, the hover box: saved when asked.
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 34));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(61, 174, 233));
    view.setPalette(dark);
    QCOMPARE(view.model().cell(0, 0).intensity, 50.0 / 53.0); // shares on their own 0..1 scale
    saveIfAsked(view, "quality-heatmap-dark.png");
    view.hoverAt(QPointF(1.0, 1.0));
    QVERIFY(view.hoverLines().isEmpty());
}

void TestQualityViews::statesBeforeEnoughLabels()
{
    QCOMPARE(qualityStateText(nullptr), QStringLiteral("No data yet"));
    QByteArray twelve;
    for (int i = 0; i < 12; ++i)
        twelve += record(i, QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("\"score\":0.9,"));
    const QualitySnapshotPtr waiting = snapshotOf(twelve, {}, 100);
    QVERIFY(waiting);
    QCOMPARE(qualityStateText(waiting.get()), QStringLiteral("Waiting for labels (12 of 100)"));
    QCOMPARE(qualityStateText(snapshotOf({}, {}, 100).get()), QStringLiteral("No data yet"));

    ConfusionHeatmapView heatmap;
    heatmap.setSnapshot(waiting);
    QCOMPARE(heatmap.model().size, 0);
    heatmap.resize(300, 200);
    QVERIFY(!heatmap.grab().isNull());
    QualityCurveView curves;
    curves.resize(400, 200);
    curves.setSnapshot(waiting);
    curves.hoverAt(QPointF(100, 100));
    QVERIFY(curves.hoverLines().isEmpty());
}

void TestQualityViews::curveMapping()
{
    const CurveMapping m{QRectF(10, 20, 200, 100)};
    QCOMPARE(m.map(0, 0), QPointF(10, 120));
    QCOMPARE(m.map(1, 1), QPointF(210, 20));
    QCOMPARE(m.map(0.25, 0.5), QPointF(60, 70));
    QCOMPARE(m.unmap(QPointF(60, 70)), QPointF(0.25, 0.5));
    const std::vector<QPointF> pts{{0.0, 0.0}, {0.25, 0.5}, {std::nan(""), 0.5}, {1.0, 1.0}};
    QCOMPARE(m.nearest(pts, QPointF(63, 72), 10.0), 1);
    QCOMPARE(m.nearest(pts, QPointF(110, 70), 10.0), -1);
    QCOMPARE(CurveMapping::squareArea(QRectF(0, 0, 400, 200), 40, 20, 10, 30), QRectF(40 + (350 - 150) / 2.0, 20, 150, 150));
}

void TestQualityViews::curveViewMapsPoints()
{
    const QualitySnapshotPtr s = snapshotOf(binaryFeed(400));
    QVERIFY(s && s->curves.size() == 1);
    const QualityCurve &c = s->curves.front();
    QVERIFY(c.rocDefined && c.rocAuc > 0.8);

    QualityCurveView view;
    QPalette pal = view.palette();
    pal.setColor(QPalette::Base, Qt::white);
    pal.setColor(QPalette::Text, Qt::black);
    view.setPalette(pal);
    view.resize(760, 380);
    view.setSnapshot(s);
    const std::vector<QualityCurveView::PaneGeometry> panes = view.panes(QRectF(view.rect()));
    QCOMPARE(panes.size(), std::size_t(2));
    QCOMPARE(panes[0].pane, QualityCurveView::Pane::Roc);
    QCOMPARE(panes[1].pane, QualityCurveView::Pane::Pr);
    QCOMPARE(panes[0].mapping.area.width(), panes[0].mapping.area.height());
    QVERIFY(panes[0].bounds.right() <= panes[1].mapping.area.left());

    // The ROC point in the middle of the curve, hovered at its pixel.
    const std::vector<QPointF> roc = QualityCurveView::ratePoints(QualityCurveView::Pane::Roc, c);
    const std::size_t i = roc.size() / 2;
    const QPointF px = panes[0].mapping.map(roc[i].x(), roc[i].y());
    const QImage image = view.grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const QColor series = PlotStyle::seriesColor(0, false);
    QVERIFY2(distance(image.pixel(QPoint(int(px.x() * dpr), int(px.y() * dpr))), series.rgb()) < 120,
             qPrintable(QString::number(image.pixel(QPoint(int(px.x() * dpr), int(px.y() * dpr))), 16)));
    view.hoverAt(px);
    const QStringList lines = view.hoverLines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("Threshold %1").arg(QLocale().toString(c.roc[i].threshold, 'g', 4)));
    QCOMPARE(lines[1], QStringLiteral("TPR %1   FPR %2")
                           .arg(QLocale().toString(c.roc[i].tpr, 'f', 3), QLocale().toString(c.roc[i].fpr, 'f', 3)));
    // The PR pane: precision and recall at the nearest point.
    const std::vector<QPointF> pr = QualityCurveView::ratePoints(QualityCurveView::Pane::Pr, c);
    view.hoverAt(panes[1].mapping.map(pr[pr.size() / 3].x(), pr[pr.size() / 3].y()));
    QVERIFY(view.hoverLines().value(1).startsWith(QStringLiteral("Precision ")));
    saveIfAsked(view, "quality-curves.png");

    view.setCurve(dashboard::QualityCurveKind::Pr);
    QCOMPARE(view.panes(QRectF(view.rect())).size(), std::size_t(1));
    QCOMPARE(view.panes(QRectF(view.rect())).front().pane, QualityCurveView::Pane::Pr);
}

void TestQualityViews::multiClassCurvesAndExport()
{
    const QualitySnapshotPtr s = snapshotOf(threeClassFeed(), {"bird", "cat", "dog"});
    QCOMPARE(s->curves.size(), std::size_t(3));
    QCOMPARE(s->curves[1].className, QStringLiteral("cat"));
    QualityCurveView view;
    view.setSnapshot(s);
    // paintTo() draws into any device: the PNG export path.
    QImage image(QSize(800, 400), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        view.paintTo(p, QRectF(0, 0, 800, 400));
    }
    QCOMPARE(image.pixelColor(1, 1), view.palette().color(QPalette::Base));
    const QString dir = qEnvironmentVariable("MW_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("quality-curves-multiclass.png"))));
}

QTEST_MAIN(TestQualityViews)
#include "tst_quality_views.moc"
