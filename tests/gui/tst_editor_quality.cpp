// PanelEditorDialog on the quality kinds, driven through its widgets on the
// shipped demo dashboard: a curve panel and a confusion matrix show their
// kind's human name and current option, an option changed comes back in the
// edited panel exactly, and the document round-trips through the writer; a
// panel turned into a quality kind on a source that kind cannot draw shows
// dashboard::checkPanelSources' message and disables OK until a fitting
// source is chosen, whether the kinds come from the document or from the
// running backends; switching kinds keeps the queries; fields a kind does
// not read are hidden.

#include "BackendFactory.h"
#include "DialogTestSupport.h"
#include "DisplayOptionsEditor.h"
#include "ExpressionEdit.h"
#include "FeedBackend.h"
#include "PanelEditorDialog.h"
#include "PanelKinds.h"
#include "PanelPreview.h"
#include "QueryListEditor.h"
#include "QueryRowEditor.h"
#include "ScoreBucketBackend.h"
#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentCheck.h"
#include "dashboard/DocumentJson.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <map>
#include <memory>

#include <nlohmann/json.hpp>

using namespace mw;
using namespace mw::editor;
using dashboard::ConfusionNormalize;
using dashboard::Document;
using dashboard::Panel;
using dashboard::PanelKind;
using dashboard::QualityCurveKind;

namespace {

constexpr int64_t kFrom = 1'764'000'000'000;
constexpr int64_t kTo = kFrom + 3'600'000;

using test::demoDocument;

QStringList sourceNames(const Document &doc)
{
    QStringList names;
    for (const dashboard::Source &s : doc.sources)
        names << QString::fromStdString(s.name);
    return names;
}

/// As the app opens the editor (app/gui/PanelEditing.cpp), on panel `id`.
std::unique_ptr<PanelEditorDialog> makeDialog(const Document &doc, const Panel &panel,
                                              PanelEditorDialog::BackendLookup lookup = {})
{
    if (!lookup)
        lookup = [](const QString &) -> view::SourceBackend * { return nullptr; };
    const QStringList names = sourceNames(doc);
    return std::make_unique<PanelEditorDialog>(panel, names, names.value(0), std::move(lookup), kFrom, kTo);
}

using test::child;

QPushButton *button(PanelEditorDialog &d, QDialogButtonBox::StandardButton which) { return test::dialogButton(d, which); }

void choose(QComboBox *combo, int data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(QStringLiteral("no item %1 in %2").arg(data).arg(combo->objectName())));
    combo->setCurrentIndex(index);
}

void chooseSource(PanelEditorDialog &d, const char *name)
{
    auto *source = child<QComboBox>(&d, "source");
    const int index = source->findData(QString::fromLatin1(name));
    QVERIFY(index >= 0);
    source->setCurrentIndex(index);
}

/// checkPanelSources' message for `panel` in `doc` as the dialog shows it
/// (first letter capitalised); empty when it has none.
QString documentMessage(Document doc, const Panel &panel)
{
    for (Panel &p : doc.panels) {
        if (p.id == panel.id)
            p = panel;
    }
    for (const dashboard::Issue &issue : dashboard::checkPanelSources(doc)) {
        if (issue.pointer.rfind("/panels/", 0) == 0) {
            QString text = QString::fromStdString(issue.message);
            text[0] = text[0].toUpper();
            return text;
        }
    }
    return {};
}

/// `doc` with panel `edited` in place, written and read back.
void roundTrip(Document doc, const Panel &edited, Document *written, Document *read)
{
    for (Panel &p : doc.panels) {
        if (p.id == edited.id)
            p = edited;
    }
    *written = doc;
    const dashboard::ReadResult r = dashboard::documentFromJson(dashboard::documentToJson(doc));
    QVERIFY2(r.document, r.error ? r.error->message.c_str() : "");
    QVERIFY(r.warnings.empty());
    *read = *r.document;
}

bool legendShown(PanelEditorDialog &d, int row)
{
    QWidget *r = child<QWidget>(d.queryList(), row == 0 ? "query0" : "query1");
    return child<QLineEdit>(r, "legend")->isVisibleTo(&d);
}

} // namespace

class TestEditorQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curvePanelShowsItsKindAndOption();
    void bucketQueriesCurvePanel();
    void confusionMatrixShowsItsNormalization();
    void timeseriesToConfusionMatrixNeedsAFeed();
    void sourceKindsFromTheRunningBackends();
    void switchingKindsKeepsTheQueries();
};

void TestEditorQuality::curvePanelShowsItsKindAndOption()
{
    const Document doc = demoDocument();
    const Panel original = *doc.panel(8); // both curves of demo-feed's window
    QCOMPARE(original.kind, PanelKind::QualityCurve);
    auto d = makeDialog(doc, original);
    d->setSources(doc.sources);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));

    auto *kind = child<QComboBox>(d.get(), "kind");
    QCOMPARE(kind->currentText(), QStringLiteral("ROC and PR curves"));
    QCOMPARE(kind->count(), 4); // every kind is known: no raw id added
    auto *curve = child<QComboBox>(d.get(), "curve");
    QVERIFY(curve->isVisible());
    QCOMPARE(curve->currentData().toInt(), int(QualityCurveKind::Both));
    QCOMPARE(curve->currentText(), QStringLiteral("Both, side by side"));
    QVERIFY(!child<QComboBox>(d.get(), "normalize")->isVisible());
    QVERIFY(!child<QComboBox>(d.get(), "reduce")->isVisible());

    // No unit or thresholds for curves; a hint says what the queries are for.
    QVERIFY(!child<QComboBox>(d.get(), "unit")->isVisible());
    QVERIFY(!child<QWidget>(d.get(), "thresholds")->isVisible());
    QVERIFY(child<QueryListEditor>(d.get(), "queries")->isVisible());
    auto *hint = child<QLabel>(d.get(), "queryHint");
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("A for the positives, B for the negatives")));
    QCOMPARE(d->preview()->note(), PanelKinds::fields(PanelKind::QualityCurve).previewNote);
    QCOMPARE(child<QLabel>(d.get(), "previewMessage")->text(),
             QStringLiteral("The curves appear on the dashboard once the source has data."));
    QVERIFY(!child<QLabel>(d.get(), "sourceProblem")->isVisible());
    QVERIFY(button(*d, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(d->panel(), original);

    choose(curve, int(QualityCurveKind::Pr));
    Panel want = original;
    want.qualityCurve.curve = QualityCurveKind::Pr;
    QCOMPARE(d->panel(), want);
    button(*d, QDialogButtonBox::Ok)->click();
    QCOMPARE(d->result(), int(QDialog::Accepted));
    QCOMPARE(d->panel(), want);

    Document written;
    Document read;
    roundTrip(doc, d->panel(), &written, &read);
    QCOMPARE(read.panel(8)->qualityCurve.curve, QualityCurveKind::Pr);
    QVERIFY(read == written);
}

void TestEditorQuality::bucketQueriesCurvePanel()
{
    const Document doc = demoDocument();
    const Panel original = *doc.panel(11); // queries A and B on the first source (scrape)
    QVERIFY(original.source.empty());
    auto d = makeDialog(doc, original);
    d->setSources(doc.sources);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    QCOMPARE(child<QComboBox>(d.get(), "kind")->currentText(), QStringLiteral("ROC and PR curves"));
    QCOMPARE(child<QComboBox>(d.get(), "curve")->currentData().toInt(), int(original.qualityCurve.curve));
    QVERIFY(d->isValid());
    QVERIFY(!legendShown(*d, 0)); // the curves name nothing by the legend
    QCOMPARE(d->panel(), original);

    // Without B there is no curve on a scrape source: the document's rule, in place.
    QSignalSpy validity(d.get(), &PanelEditorDialog::validityChanged);
    child<QToolButton>(child<QWidget>(d->queryList(), "query1"), "remove")->click();
    Panel onlyA = original;
    onlyA.queries.pop_back();
    QCOMPARE(d->panel(), onlyA);
    const QString message = documentMessage(doc, onlyA);
    QVERIFY(message.startsWith(QStringLiteral("A quality_curve panel reads a feed source")));
    auto *problem = child<QLabel>(d.get(), "sourceProblem");
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), message);
    QVERIFY(!button(*d, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!button(*d, QDialogButtonBox::Apply)->isEnabled());
    QCOMPARE(validity.count(), 1);
    d->accept(); // refused while invalid
    QVERIFY(d->isVisible());

    // The score_buckets source needs no queries.
    chooseSource(*d, "demo-buckets");
    QVERIFY(!problem->isVisible());
    QVERIFY(button(*d, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(validity.count(), 2);
    onlyA.source = "demo-buckets";
    QCOMPARE(documentMessage(doc, onlyA), QString());
    QCOMPARE(d->panel(), onlyA);
}

void TestEditorQuality::confusionMatrixShowsItsNormalization()
{
    const Document doc = demoDocument();
    const Panel original = *doc.panel(9);
    QCOMPARE(original.kind, PanelKind::ConfusionMatrix);
    auto d = makeDialog(doc, original);
    d->setSources(doc.sources);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));

    QCOMPARE(child<QComboBox>(d.get(), "kind")->currentText(), QStringLiteral("Confusion matrix"));
    auto *normalize = child<QComboBox>(d.get(), "normalize");
    QVERIFY(normalize->isVisible());
    QCOMPARE(normalize->currentData().toInt(), int(ConfusionNormalize::Row));
    QCOMPARE(normalize->currentText(), QStringLiteral("Share of each actual class (recall)"));
    QStringList items;
    for (int i = 0; i < normalize->count(); ++i)
        items << normalize->itemText(i);
    QCOMPARE(items, (QStringList{QStringLiteral("Counts"), QStringLiteral("Share of each actual class (recall)"),
                                 QStringLiteral("Share of each predicted class (precision)")}));
    QVERIFY(!child<QComboBox>(d.get(), "curve")->isVisible());
    // No unit, thresholds, legends or queries: it counts the feed's predictions.
    QVERIFY(!child<QComboBox>(d.get(), "unit")->isVisible());
    QVERIFY(!child<QWidget>(d.get(), "thresholds")->isVisible());
    QVERIFY(!child<QueryListEditor>(d.get(), "queries")->isVisible());
    QVERIFY(child<QLabel>(d.get(), "queryHint")->isVisible());
    QCOMPARE(d->preview()->note(), PanelKinds::fields(PanelKind::ConfusionMatrix).previewNote);
    QVERIFY(!d->preview()->note().isEmpty());
    QVERIFY(d->isValid());
    QCOMPARE(d->panel(), original);

    choose(normalize, int(ConfusionNormalize::Column));
    Panel want = original;
    want.confusionMatrix.normalize = ConfusionNormalize::Column;
    QCOMPARE(d->panel(), want);
    std::vector<Panel> applied;
    connect(d.get(), &PanelEditorDialog::applied, this, [&applied](const Panel &p) { applied.push_back(p); });
    button(*d, QDialogButtonBox::Apply)->click();
    QCOMPARE(applied.size(), std::size_t(1));
    QCOMPARE(applied[0], want);

    Document written;
    Document read;
    roundTrip(doc, d->panel(), &written, &read);
    QCOMPARE(read.panel(9)->confusionMatrix.normalize, ConfusionNormalize::Column);
    QVERIFY(read == written);
}

void TestEditorQuality::timeseriesToConfusionMatrixNeedsAFeed()
{
    const Document doc = demoDocument();
    const Panel original = *doc.panel(1); // a time series on the first source, demo (scrape)
    QCOMPARE(original.kind, PanelKind::Timeseries);
    auto d = makeDialog(doc, original);
    d->setSources(doc.sources);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    auto *problem = child<QLabel>(d.get(), "sourceProblem");
    QVERIFY(!problem->isVisible());
    QVERIFY(child<QComboBox>(d.get(), "unit")->isVisible());
    QSignalSpy validity(d.get(), &PanelEditorDialog::validityChanged);

    choose(child<QComboBox>(d.get(), "kind"), int(PanelKind::ConfusionMatrix));
    Panel want = original;
    want.kind = PanelKind::ConfusionMatrix;
    const QString message = documentMessage(doc, want);
    QCOMPARE(message, QStringLiteral("A confusion_matrix panel reads a feed source: name one in \"source\" "
                                     "(the first source, 'demo', is a scrape source)"));
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), message);
    QVERIFY(!d->isValid());
    QVERIFY(!button(*d, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!button(*d, QDialogButtonBox::Apply)->isEnabled());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);

    // Naming the scrape source: the message for a named source.
    chooseSource(*d, "demo");
    want.source = "demo";
    QCOMPARE(problem->text(), documentMessage(doc, want));
    QVERIFY(problem->text().endsWith(QStringLiteral("'demo' is a scrape source")));
    QVERIFY(!button(*d, QDialogButtonBox::Ok)->isEnabled());

    chooseSource(*d, "demo-feed");
    want.source = "demo-feed";
    QCOMPARE(documentMessage(doc, want), QString());
    QVERIFY(!problem->isVisible());
    QVERIFY(d->isValid());
    QVERIFY(button(*d, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(validity.count(), 2);
    QCOMPARE(d->panel(), want); // queries and the time series options kept
    button(*d, QDialogButtonBox::Ok)->click();
    QCOMPARE(d->result(), int(QDialog::Accepted));

    // The writer keeps a kind's own options only: the document read back is
    // what was written, and writes the same bytes again.
    Document written;
    Document read;
    roundTrip(doc, d->panel(), &written, &read);
    const Panel &back = *read.panel(1);
    QCOMPARE(back.kind, PanelKind::ConfusionMatrix);
    QCOMPARE(back.source, std::string("demo-feed"));
    QCOMPARE(back.queries, original.queries);
    QCOMPARE(back.confusionMatrix, want.confusionMatrix);
    QCOMPARE(dashboard::documentToText(read), dashboard::documentToText(written));
    QVERIFY(dashboard::checkPanelSources(read).empty());
}

void TestEditorQuality::sourceKindsFromTheRunningBackends()
{
    // The app hands the editor a backend lookup only: the kinds come from
    // the backends (none started here).
    const Document doc = demoDocument();
    std::map<QString, std::unique_ptr<view::SourceBackend>> backends;
    for (const dashboard::Source &s : doc.sources) {
        std::unique_ptr<view::SourceBackend> b;
        if (s.kind == dashboard::SourceKind::Feed)
            b = std::make_unique<view::FeedBackend>(s);
        else if (s.kind == dashboard::SourceKind::ScoreBuckets)
            b = std::make_unique<view::ScoreBucketBackend>(s);
        else {
            QString error;
            b = view::makeBackend(s, &error);
            QVERIFY2(b, qPrintable(error));
        }
        QVERIFY(PanelSourceCheck::kindOf(b.get()) == s.kind);
        backends[QString::fromStdString(s.name)] = std::move(b);
    }
    QVERIFY(!PanelSourceCheck::kindOf(nullptr));
    auto lookup = [&backends](const QString &name) -> view::SourceBackend * {
        const auto it = backends.find(name);
        return it == backends.end() ? nullptr : it->second.get();
    };

    const Panel original = *doc.panel(1);
    auto d = makeDialog(doc, original, lookup);
    auto *problem = child<QLabel>(d.get(), "sourceProblem");
    choose(child<QComboBox>(d.get(), "kind"), int(PanelKind::ConfusionMatrix));
    Panel want = original;
    want.kind = PanelKind::ConfusionMatrix;
    QCOMPARE(problem->text(), documentMessage(doc, want));
    QVERIFY(!button(*d, QDialogButtonBox::Ok)->isEnabled());

    chooseSource(*d, "demo-buckets"); // a score_buckets source has no matrix
    want.source = "demo-buckets";
    QVERIFY(!documentMessage(doc, want).isEmpty());
    QCOMPARE(problem->text(), documentMessage(doc, want));
    QVERIFY(!d->isValid());

    choose(child<QComboBox>(d.get(), "kind"), int(PanelKind::QualityCurve)); // but it has curves
    want.kind = PanelKind::QualityCurve;
    QCOMPARE(problem->text(), QString());
    QVERIFY(d->isValid());

    // On the scrape source a curve panel needs queries A and B; the time
    // series had A only.
    chooseSource(*d, "demo");
    want.source = "demo";
    QCOMPARE(problem->text(), documentMessage(doc, want));
    QVERIFY(!d->isValid());
    child<QPushButton>(d->queryList(), "addQuery")->click();
    QCOMPARE(d->queryList()->row(1)->query().refId, std::string("B"));
    QTest::keyClicks(d->queryList()->row(1)->expressionEdit(),
                     QStringLiteral("sum by (le) (increase(model_score_negative_bucket[10m]))"));
    d->queryList()->row(1)->expressionEdit()->completer()->popup()->hide();
    want.queries.push_back({"B", "sum by (le) (increase(model_score_negative_bucket[10m]))", "", false});
    QCOMPARE(d->panel(), want);
    QCOMPARE(documentMessage(doc, want), QString());
    QCOMPARE(problem->text(), QString());
    QVERIFY(d->isValid());
}

void TestEditorQuality::switchingKindsKeepsTheQueries()
{
    const Document doc = demoDocument();
    const Panel original = *doc.panel(2); // a time series with three queries and thresholds
    auto d = makeDialog(doc, original);
    d->setSources(doc.sources);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    auto *kind = child<QComboBox>(d.get(), "kind");
    QVERIFY(legendShown(*d, 0));
    QVERIFY(child<QWidget>(d.get(), "thresholds")->isVisible());
    QCOMPARE(d->preview()->note(), QString());

    // A typed query survives every kind.
    child<QPushButton>(d->queryList(), "addQuery")->click();
    const int last = d->queryList()->count() - 1;
    QTest::keyClicks(d->queryList()->row(last)->expressionEdit(), QStringLiteral("up"));
    d->queryList()->row(last)->expressionEdit()->completer()->popup()->hide();
    const std::vector<dashboard::Query> typed = d->panel().queries;
    QCOMPARE(typed.size(), original.queries.size() + 1);

    for (const PanelKind k : {PanelKind::QualityCurve, PanelKind::ConfusionMatrix, PanelKind::Stat,
                              PanelKind::Timeseries}) {
        choose(kind, int(k));
        QCOMPARE(d->panel().kind, k);
        QCOMPARE(d->panel().queries, typed);
        const KindFields fields = PanelKinds::fields(k);
        QCOMPARE(legendShown(*d, 0), fields.legend);
        QCOMPARE(child<QComboBox>(d.get(), "unit")->isVisible(), fields.unit);
        QCOMPARE(child<QWidget>(d.get(), "thresholds")->isVisible(), fields.thresholds);
        QCOMPARE(d->queryList()->isVisible(), fields.queries);
        QCOMPARE(d->preview()->note(), fields.previewNote);
    }
    Panel want = original;
    want.queries = typed;
    QCOMPARE(d->panel(), want);
}

QTEST_MAIN(TestEditorQuality)
#include "tst_editor_quality.moc"
