// PanelEditorDialog driven through its widgets (found by objectName), with
// no data source: an untouched dialog gives the panel back unchanged, edits
// land in exactly the fields shown, an expression that does not parse
// disables OK and says why, thresholds come back ascending, and kinds and
// options the editor does not know survive.

#include "DisplayOptionsEditor.h"
#include "DialogTestSupport.h"
#include "ExpressionEdit.h"
#include "PanelEditorDialog.h"
#include "PanelPreview.h"
#include "QueryListEditor.h"
#include "QueryRowEditor.h"
#include "ThresholdTableEditor.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace mw;
using namespace mw::editor;
using dashboard::LegendCalc;
using dashboard::Panel;
using dashboard::PanelKind;
using dashboard::Threshold;
using dashboard::ThresholdStyle;

namespace {

constexpr int64_t kFrom = 1'764'000'000'000;
constexpr int64_t kTo = kFrom + 3'600'000;

Panel latencyPanel()
{
    Panel p;
    p.id = 7;
    p.title = "Request latency";
    p.description = "p99 of the predict API";
    p.kind = PanelKind::Timeseries;
    p.unit = presets::Unit::Microseconds;
    p.grid = {0, 8, 12, 8};
    p.queries = {{"A", "histogram_quantile(0.99, sum by (le) (rate(:tensorflow:serving:request_latency_bucket[1m])))",
                  "p99", false},
                 {"B", "sum(rate(:tensorflow:serving:request_count[1m]))", "{{model_name}}", true}};
    p.thresholds = {{250'000, alerting::Severity::Warning, "", ThresholdStyle::Line},
                    {500'000, alerting::Severity::Critical, "#aa0000", ThresholdStyle::Band}};
    p.timeseries.legendCalcs = {LegendCalc::Max, LegendCalc::Last}; // not the checkboxes' order
    p.stat.sparkline = false;
    return p;
}

std::unique_ptr<PanelEditorDialog> makeDialog(const Panel &panel, QStringList sources = {QStringLiteral("demo")})
{
    auto lookup = [](const QString &) -> view::SourceBackend * { return nullptr; };
    return std::make_unique<PanelEditorDialog>(panel, sources, QStringLiteral("demo"), lookup, kFrom, kTo);
}

using test::child;

QPushButton *okButton(PanelEditorDialog &d) { return test::dialogButton(d, QDialogButtonBox::Ok); }

/// Types into a line edit as a user would: select all, type.
void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestEditorDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void untouchedDialogReturnsThePanel();
    void editsThroughTheWidgets();
    void invalidExpressionDisablesOk();
    void thresholdsComeBackAscending();
    void queriesAddRemoveReorder();
    void unknownKindIsKept();
    void sourceComboOnlyWithSeveralSources();
    void completerOffersFunctionsWithoutASource();
};

void TestEditorDialog::untouchedDialogReturnsThePanel()
{
    const Panel p = latencyPanel();
    auto d = makeDialog(p);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    QVERIFY(d->isValid());
    QVERIFY(okButton(*d)->isEnabled());
    QCOMPARE(d->panel(), p);
    okButton(*d)->click();
    QCOMPARE(d->result(), int(QDialog::Accepted));
    QCOMPARE(d->panel(), p);
    QCOMPARE(d->preview()->errorText(), QString()); // no source: a message, not an error
}

void TestEditorDialog::editsThroughTheWidgets()
{
    const Panel p = latencyPanel();
    auto d = makeDialog(p);
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));

    retype(child<QLineEdit>(d.get(), "title"), QStringLiteral("Throughput"));
    auto *description = child<QPlainTextEdit>(d.get(), "description");
    description->selectAll();
    QTest::keyClicks(description, QStringLiteral("Requests per second"));
    auto *unit = child<QComboBox>(d.get(), "unit");
    unit->setCurrentIndex(unit->findText(QStringLiteral("Requests per second")));
    QVERIFY(unit->currentIndex() > 0);

    QWidget *row1 = child<QWidget>(d.get(), "query1");
    auto *expr = child<ExpressionEdit>(row1, "expression");
    expr->selectAll();
    QTest::keyClicks(expr, QStringLiteral("sum by (model_name) (rate(x_total[5m]))"));
    expr->completer()->popup()->hide();
    retype(child<QLineEdit>(row1, "legend"), QStringLiteral("{{model_name}} req/s"));
    child<QCheckBox>(row1, "hidden")->click();

    child<QCheckBox>(d.get(), "calc_max")->click(); // off
    child<QCheckBox>(d.get(), "calc_mean")->click(); // on

    auto *thresholds = child<ThresholdTableEditor>(d.get(), "thresholds");
    retype(child<QLineEdit>(thresholds, "value0"), QStringLiteral("100"));
    auto *severity = child<QComboBox>(thresholds, "severity0");
    severity->setCurrentIndex(severity->findData(int(alerting::Severity::Info)));
    retype(child<QLineEdit>(thresholds, "color0"), QStringLiteral("teal"));
    auto *style = child<QComboBox>(thresholds, "style0");
    style->setCurrentIndex(style->findData(int(ThresholdStyle::Band)));

    Panel want = p;
    want.title = "Throughput";
    want.description = "Requests per second";
    want.unit = presets::Unit::RequestsPerSecond;
    want.queries[1] = {"B", "sum by (model_name) (rate(x_total[5m]))", "{{model_name}} req/s", false};
    want.timeseries.legendCalcs = {LegendCalc::Last, LegendCalc::Mean};
    want.thresholds[0] = {100, alerting::Severity::Info, "teal", ThresholdStyle::Band};
    QVERIFY(d->isValid());
    std::vector<Panel> applied;
    connect(d.get(), &PanelEditorDialog::applied, this, [&applied](const Panel &panel) { applied.push_back(panel); });
    child<QDialogButtonBox>(d.get(), "buttons")->button(QDialogButtonBox::Apply)->click();
    QCOMPARE(applied.size(), std::size_t(1));
    QCOMPARE(applied[0], want);
    okButton(*d)->click();
    QCOMPARE(d->result(), int(QDialog::Accepted));
    QCOMPARE(d->panel(), want);
    QCOMPARE(d->windowTitle(), QStringLiteral("Edit panel “Request latency”"));

    // Kind: stat options appear and are edited; the timeseries ones stay.
    auto *kind = child<QComboBox>(d.get(), "kind");
    kind->setCurrentIndex(kind->findData(int(PanelKind::Stat)));
    auto *reduce = child<QComboBox>(d.get(), "reduce");
    QVERIFY(reduce->isVisibleTo(d.get()));
    QVERIFY(!child<QCheckBox>(d.get(), "calc_last")->isVisibleTo(d.get()));
    reduce->setCurrentIndex(reduce->findData(int(dashboard::StatReduce::Max)));
    child<QCheckBox>(d.get(), "sparkline")->click();
    want.kind = PanelKind::Stat;
    want.stat.reduce = dashboard::StatReduce::Max;
    want.stat.sparkline = true;
    QCOMPARE(d->panel(), want);
}

void TestEditorDialog::invalidExpressionDisablesOk()
{
    auto d = makeDialog(latencyPanel());
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    QSignalSpy validity(d.get(), &PanelEditorDialog::validityChanged);
    QWidget *row0 = child<QWidget>(d.get(), "query0");
    auto *expr = child<ExpressionEdit>(row0, "expression");
    auto *error = child<QLabel>(row0, "error");
    QVERIFY(!error->isVisible());

    expr->selectAll();
    QTest::keyClicks(expr, QStringLiteral("up{job=}"));
    QVERIFY(!d->isValid());
    QVERIFY(!okButton(*d)->isEnabled());
    QVERIFY(!child<QDialogButtonBox>(d.get(), "buttons")->button(QDialogButtonBox::Apply)->isEnabled());
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("1:8: unexpected \"}\" in label matching, expected string"));
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);
    QCOMPARE(expr->extraSelections().size(), 1);
    QCOMPARE(expr->extraSelections().at(0).cursor.selectionStart(), 7);

    // OK does nothing while invalid, even through accept().
    d->accept();
    QVERIFY(d->isVisible());

    QTest::keyClick(expr, Qt::Key_Left);
    QTest::keyClicks(expr, QStringLiteral("\"x\""));
    QCOMPARE(expr->expression(), QStringLiteral("up{job=\"x\"}"));
    QVERIFY(d->isValid());
    QVERIFY(okButton(*d)->isEnabled());
    QVERIFY(!error->isVisible());
    QVERIFY(expr->extraSelections().isEmpty());
}

void TestEditorDialog::thresholdsComeBackAscending()
{
    auto d = makeDialog(latencyPanel());
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    auto *thresholds = child<ThresholdTableEditor>(d.get(), "thresholds");
    auto *note = child<QLabel>(thresholds, "orderNote");
    QVERIFY(!note->isVisibleTo(thresholds));

    child<QPushButton>(thresholds, "addThreshold")->click();
    QCOMPARE(thresholds->table()->rowCount(), 3);
    retype(child<QLineEdit>(thresholds, "value2"), QStringLiteral("1000000"));
    QVERIFY(!note->isVisibleTo(thresholds));
    retype(child<QLineEdit>(thresholds, "value2"), QStringLiteral("50"));
    QVERIFY(note->isVisibleTo(thresholds));
    QVERIFY(!thresholds->isAscending());

    const Panel got = d->panel();
    QCOMPARE(got.thresholds.size(), std::size_t(3));
    QCOMPARE(got.thresholds[0].value, 50.0);
    QCOMPARE(got.thresholds[1].value, 250'000.0);
    QCOMPARE(got.thresholds[2].value, 500'000.0);

    okButton(*d)->click(); // the table shows the order that was saved
    QVERIFY(thresholds->isAscending());
    QVERIFY(!note->isVisibleTo(thresholds));
    QCOMPARE(child<QLineEdit>(thresholds, "value0")->text(), QStringLiteral("50"));

    thresholds->table()->setCurrentCell(0, 0);
    child<QPushButton>(thresholds, "removeThreshold")->click();
    QCOMPARE(d->panel().thresholds, latencyPanel().thresholds);
}

void TestEditorDialog::queriesAddRemoveReorder()
{
    auto d = makeDialog(latencyPanel());
    auto *list = child<QueryListEditor>(d.get(), "queries");
    child<QPushButton>(list, "addQuery")->click();
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->row(2)->query().refId, std::string("C"));
    QVERIFY(!d->isValid()); // an empty expression is not a query yet
    QTest::keyClicks(list->row(2)->expressionEdit(), QStringLiteral("up"));
    list->row(2)->expressionEdit()->completer()->popup()->hide();
    QVERIFY(d->isValid());

    child<QToolButton>(child<QWidget>(list, "query2"), "moveUp")->click();
    child<QToolButton>(child<QWidget>(list, "query0"), "remove")->click();
    QTRY_COMPARE(list->findChildren<QueryRowEditor *>().size(), 2); // the removed row is deleted later
    const Panel got = d->panel();
    QCOMPARE(got.queries.size(), std::size_t(2));
    QCOMPARE(got.queries[0].refId, std::string("C"));
    QCOMPARE(got.queries[0].expr, std::string("up"));
    QCOMPARE(got.queries[1], latencyPanel().queries[1]);
    QVERIFY(!child<QToolButton>(child<QWidget>(list, "query0"), "moveUp")->isEnabled());
    QVERIFY(!child<QToolButton>(child<QWidget>(list, "query1"), "moveDown")->isEnabled());

    child<QPushButton>(list, "addQuery")->click();
    QCOMPARE(list->row(2)->query().refId, std::string("A")); // the free one
}

void TestEditorDialog::unknownKindIsKept()
{
    Panel p = latencyPanel();
    p.kind = static_cast<PanelKind>(200); // a kind added after this editor
    auto d = makeDialog(p);
    auto *kind = child<QComboBox>(d.get(), "kind");
    QCOMPARE(kind->count(), 5); // the four kinds it knows, and this one
    QCOMPARE(kind->currentData().toInt(), 200);
    QCOMPARE(d->panel(), p);
    retype(child<QLineEdit>(d.get(), "title"), QStringLiteral("Quality"));
    Panel want = p;
    want.title = "Quality";
    QCOMPARE(d->panel(), want);

    // A quality kind is known now (it showed its raw id, "quality_curve"):
    // its human name, and the panel back unchanged.
    Panel curve = latencyPanel();
    curve.kind = PanelKind::QualityCurve;
    curve.qualityCurve.curve = dashboard::QualityCurveKind::Roc;
    auto q = makeDialog(curve);
    QCOMPARE(child<QComboBox>(q.get(), "kind")->currentText(), QStringLiteral("ROC and PR curves"));
    QCOMPARE(child<QComboBox>(q.get(), "kind")->count(), 4);
    QCOMPARE(q->panel(), curve);
}

void TestEditorDialog::sourceComboOnlyWithSeveralSources()
{
    auto one = makeDialog(latencyPanel());
    one->show();
    QVERIFY(QTest::qWaitForWindowExposed(one.get()));
    QVERIFY(!child<QComboBox>(one.get(), "source")->isVisible());
    QCOMPARE(one->sourceName(), QStringLiteral("demo"));

    auto two = makeDialog(latencyPanel(), {QStringLiteral("demo"), QStringLiteral("prometheus")});
    two->show();
    QVERIFY(QTest::qWaitForWindowExposed(two.get()));
    auto *source = child<QComboBox>(two.get(), "source");
    QVERIFY(source->isVisible());
    QCOMPARE(source->count(), 3);
    QCOMPARE(source->currentText(), QStringLiteral("Default (demo)"));
    source->setCurrentIndex(source->findData(QStringLiteral("prometheus")));
    QCOMPARE(two->sourceName(), QStringLiteral("prometheus"));
    Panel want = latencyPanel();
    want.source = "prometheus";
    QCOMPARE(two->panel(), want);

    // A source the document no longer has is kept and shown as such.
    auto gone = makeDialog(want, {QStringLiteral("demo"), QStringLiteral("other")});
    QCOMPARE(child<QComboBox>(gone.get(), "source")->currentText(),
             QStringLiteral("prometheus (not in this dashboard)"));
    QCOMPARE(gone->panel(), want);
}

void TestEditorDialog::completerOffersFunctionsWithoutASource()
{
    auto d = makeDialog(latencyPanel());
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d.get()));
    auto *expr = child<ExpressionEdit>(child<QWidget>(d.get(), "query0"), "expression");
    expr->setFocus();
    expr->selectAll();
    QTest::keyClicks(expr, QStringLiteral("histogram_q"));
    QTest::keyClick(expr, Qt::Key_Space, Qt::ControlModifier);
    QCompleter *c = expr->completer();
    QTRY_VERIFY(c->popup()->isVisible());
    QCOMPARE(c->completionCount(), 1);
    QCOMPARE(c->currentCompletion(), QStringLiteral("histogram_quantile"));
    QTest::keyClick(c->popup(), Qt::Key_Return);
    QCOMPARE(expr->expression(), QStringLiteral("histogram_quantile("));
    QVERIFY(!c->popup()->isVisible());
}

QTEST_MAIN(TestEditorDialog)
#include "tst_editor_dialog.moc"
