// The alert rules dialog driven through its widgets (found by objectName) on
// the shipped demo dashboard: a threshold typed as "750ms" on a µs rule, a
// new `for`, a rule added and one removed come back exactly (values, ids,
// order, source, panel); an expression that does not parse disables OK and
// shows the parser's message; new and duplicated rules get importer-style
// ids while existing rules keep theirs; Enter in the list goes to the form
// and Delete removes; the dialog remembers its size; the edited document
// saved and read back is equal. Cancel, Escape and the close button ask
// before discarding changes (and only then); an Escape that closes the
// expression's completion popup stays in the popup; a text that does not
// read stays with its rule while another rule is shown.

#include "AlertRulesDialog.h"
#include "DialogTestSupport.h"
#include "ExpressionEdit.h"
#include "RuleEditorForm.h"
#include "RuleListModel.h"
#include "dashboard/DashboardFile.h"
#include "dashboard/DocumentJson.h"
#include "promql/Ast.h"

#include <nlohmann/json.hpp>

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace mw;
using namespace mw::rulesui;
using dashboard::DocumentRule;

namespace {

using test::demoDocument;

using test::child;

QPushButton *okButton(AlertRulesDialog &d) { return test::dialogButton(d, QDialogButtonBox::Ok); }

/// Replaces a line edit's text as typing does.
void type(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

void choose(QComboBox *box, const QVariant &data)
{
    const int i = box->findData(data);
    QVERIFY2(i >= 0, qPrintable(data.toString()));
    box->setCurrentIndex(i);
}

/// The rules as the document file writes them: a readable diff on failure.
std::string rulesText(const std::vector<DocumentRule> &rules)
{
    dashboard::Document d = demoDocument();
    d.rules = rules;
    return dashboard::documentToJson(d).at("rules").dump(2);
}

std::unique_ptr<AlertRulesDialog> openOn(const dashboard::Document &d)
{
    auto dialog = std::make_unique<AlertRulesDialog>(d);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        qWarning("dialog not exposed");
    return dialog;
}

QPushButton *cancelButton(AlertRulesDialog &d) { return test::dialogButton(d, QDialogButtonBox::Cancel); }

/// While it lives, answers each modal message box with `answer` once it is
/// shown (the question runs its own event loop, from which the timer fires)
/// and notes what was asked. Also a guard: a question not expected is
/// answered and counted instead of blocking the test.
class Answerer
{
public:
    struct Question
    {
        QString name;
        QString text;
        QMessageBox::StandardButtons buttons;
        QMessageBox::StandardButton defaultButton = QMessageBox::NoButton;
    };

    explicit Answerer(QMessageBox::StandardButton answer)
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this, answer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || !box->isVisible() || m_answered.contains(box))
                return;
            m_answered.append(box);
            asked.append({box->objectName(), box->text(), box->standardButtons(),
                          box->standardButton(box->defaultButton())});
            box->button(answer)->click();
        });
        m_timer.start();
    }

    QList<Question> asked;

private:
    QTimer m_timer;
    QList<QPointer<QMessageBox>> m_answered;
};

void checkTheQuestion(const Answerer::Question &q)
{
    QCOMPARE(q.name, QStringLiteral("discardRulesBox"));
    QCOMPARE(q.text, QStringLiteral("Discard the changes to the alert rules?"));
    QCOMPARE(q.buttons, QMessageBox::Discard | QMessageBox::Cancel);
    QCOMPARE(q.defaultButton, QMessageBox::Cancel); // Enter keeps editing
}

} // namespace

class TestAlertsRulesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelWatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_alerts_rules_dialog"));
        QSettings().remove(QStringLiteral("alertRulesDialog"));
    }

    void showsTheDocumentsRules()
    {
        const dashboard::Document d = demoDocument();
        auto dialog = openOn(d);
        QCOMPARE(dialog->model()->rowCount(), 4);
        QCOMPARE(dialog->currentRow(), 0);
        QVERIFY(dialog->isValid());
        QVERIFY(okButton(*dialog)->isEnabled());
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleName")->text(), QStringLiteral("HighLatency"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleId")->text(), QStringLiteral("tfserving/HighLatency"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleThreshold")->text(), QStringLiteral("500000"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdUnit")->text(), QStringLiteral("\u00b5s"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdHint")->text(), QStringLiteral("= 500ms"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleClearThreshold")->text(), QStringLiteral("400000"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleFor")->text(), QStringLiteral("1m"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleInterval")->text(), QStringLiteral("15s"));
        QCOMPARE(child<QComboBox>(dialog.get(), "rulePanel")->currentData().toInt(), 2);
        QCOMPARE(child<QComboBox>(dialog.get(), "ruleSource")->currentText(), QStringLiteral("Default (demo)"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleSummary")->text(),
                 QStringLiteral("Mean latency is {{ $value | humanizeDuration }}"));
        // Untouched, OK gives back exactly what came in.
        okButton(*dialog)->click();
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(rulesText(dialog->rules()), rulesText(d.rules));
        QVERIFY(dialog->document() == d);
    }

    void editAddRemoveComeBackExactly()
    {
        const dashboard::Document d = demoDocument();
        auto dialog = openOn(d);

        // HighLatency: 750 ms typed with its unit on a µs rule, for 5m.
        auto *threshold = child<QLineEdit>(dialog.get(), "ruleThreshold");
        type(threshold, QStringLiteral("750ms"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdHint")->text(), QStringLiteral("= 750000 \u00b5s"));
        type(child<QLineEdit>(dialog.get(), "ruleFor"), QStringLiteral("5m"));
        QCOMPARE(dialog->model()->index(0, RuleListModel::ConditionColumn).data().toString(),
                 QStringLiteral("> 750ms for 5m, clears < 400ms"));

        // A new rule after it: named as typed (the name is selected for typing).
        QTest::mouseClick(child<QPushButton>(dialog.get(), "addRule"), Qt::LeftButton);
        QCOMPARE(dialog->currentRow(), 1);
        QVERIFY(!okButton(*dialog)->isEnabled()); // no expression yet
        QTest::keyClicks(child<QLineEdit>(dialog.get(), "ruleName"), QStringLiteral("P99Latency"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleId")->text(), QStringLiteral("tfserving/P99Latency"));
        const std::string expr = "histogram_quantile(0.99, sum by (le) (rate(:tensorflow:serving:request_latency_bucket[1m])))";
        child<editor::ExpressionEdit>(dialog.get(), "ruleExpr")->setPlainText(QString::fromStdString(expr));
        choose(child<QComboBox>(dialog.get(), "rulePanel"), 2); // the latency panel: its unit is µs
        QCOMPARE(child<QComboBox>(dialog.get(), "ruleUnit")->currentData().toInt(), int(alerting::ValueUnit::Microseconds));
        type(child<QLineEdit>(dialog.get(), "ruleThreshold"), QStringLiteral("500ms"));
        choose(child<QComboBox>(dialog.get(), "ruleSeverity"), int(alerting::Severity::Critical));
        QTest::keyClicks(child<QLineEdit>(dialog.get(), "ruleSummary"), QStringLiteral("p99 is {{ $value | humanizeDuration }}"));
        QVERIFY2(okButton(*dialog)->isEnabled(), qPrintable(child<QLabel>(dialog.get(), "rulesProblem")->text()));
        QCOMPARE(dialog->model()->index(1, RuleListModel::ConditionColumn).data().toString(),
                 QStringLiteral("> 500ms for 5m"));

        // AccuracyDrop goes (Delete in the list).
        dialog->selectRow(2);
        QCOMPARE(dialog->model()->rule(2).rule.id, std::string("tfserving/AccuracyDrop"));
        dialog->list()->setFocus();
        QTest::keyClick(dialog->list(), Qt::Key_Delete);
        QCOMPARE(dialog->model()->rowCount(), 4);

        QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        std::vector<DocumentRule> expected = d.rules;
        expected[0].rule.threshold = 750'000;
        expected[0].rule.forMs = 300'000;
        DocumentRule added;
        added.rule.id = "tfserving/P99Latency";
        added.rule.name = "P99Latency";
        added.rule.group = "tfserving";
        added.rule.expr = expr;
        added.rule.kind = alerting::ConditionKind::Threshold;
        added.rule.op = alerting::CompareOp::Greater;
        added.rule.threshold = 500'000;
        added.rule.intervalMs = 15'000; // the group's
        added.rule.forMs = 300'000;
        added.rule.severity = alerting::Severity::Critical;
        added.rule.unit = alerting::ValueUnit::Microseconds;
        added.rule.annotations = {{"summary", "p99 is {{ $value | humanizeDuration }}"}};
        added.panelId = 2;
        added.source = "";
        expected.insert(expected.begin() + 1, added);
        expected.erase(expected.begin() + 2); // AccuracyDrop
        QCOMPARE(rulesText(dialog->rules()), rulesText(expected));
        QVERIFY(dialog->rules() == expected);
        QCOMPARE(dialog->rules()[2].source, std::string("demo-feed")); // RecallLow's own source kept

        // Round trip: the edited document saved and read back is equal.
        const dashboard::Document edited = dialog->document();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("edited.json"));
        const std::optional<std::string> saveError = dashboard::DashboardFile::save(path, edited);
        QVERIFY2(!saveError, saveError ? saveError->c_str() : "");
        const dashboard::DashboardFile::LoadResult back = dashboard::DashboardFile::load(path);
        QVERIFY(back.ok());
        QVERIFY(back.read.warnings.empty());
        QCOMPARE(rulesText(back.read.document->rules), rulesText(expected));
        QVERIFY(*back.read.document == edited);
    }

    void invalidExpressionDisablesOkWithTheParsersMessage()
    {
        auto dialog = openOn(demoDocument());
        const std::string bad = "sum(rate(:tensorflow:serving:request_count[1m])";
        child<editor::ExpressionEdit>(dialog.get(), "ruleExpr")->setPlainText(QString::fromStdString(bad));
        const promql::ParseResult parsed = promql::parse(bad);
        QVERIFY(parsed.error);
        QVERIFY(!okButton(*dialog)->isEnabled());
        QVERIFY(!dialog->isValid());
        auto *error = child<QLabel>(dialog.get(), "ruleExprError");
        QVERIFY(error->isVisible());
        const QString message = QString::fromStdString(parsed.error->message);
        QCOMPARE(error->text(), QStringLiteral("%1:%2: %3").arg(parsed.error->line).arg(parsed.error->column).arg(message));
        QVERIFY(child<QLabel>(dialog.get(), "rulesProblem")->text().contains(message));
        QVERIFY(dialog->model()->problem(0).contains(message));
        // OK does nothing while a rule is invalid, even when asked directly.
        dialog->accept();
        QVERIFY(dialog->isVisible());

        child<editor::ExpressionEdit>(dialog.get(), "ruleExpr")->setPlainText(QString::fromStdString(bad + ")"));
        QVERIFY(okButton(*dialog)->isEnabled());
        QVERIFY(!error->isVisible());
        QCOMPARE(child<QLabel>(dialog.get(), "rulesProblem")->text(), QString());
    }

    void unreadableTextsDisableOk()
    {
        auto dialog = openOn(demoDocument());
        auto *threshold = child<QLineEdit>(dialog.get(), "ruleThreshold");
        type(threshold, QStringLiteral("fast"));
        QVERIFY(!okButton(*dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog.get(), "ruleThresholdError")->isVisible());
        type(threshold, QStringLiteral("500000"));
        QVERIFY(okButton(*dialog)->isEnabled());

        auto *forEdit = child<QLineEdit>(dialog.get(), "ruleFor");
        type(forEdit, QStringLiteral("5 minutes"));
        QVERIFY(!okButton(*dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog.get(), "ruleForError")->text().contains(QStringLiteral("5m")));
        type(forEdit, QStringLiteral("5m"));

        // The clear threshold must be on the resolving side of a > rule.
        auto *clear = child<QLineEdit>(dialog.get(), "ruleClearThreshold");
        type(clear, QStringLiteral("600ms"));
        QVERIFY(!okButton(*dialog)->isEnabled());
        QCOMPARE(child<QLabel>(dialog.get(), "ruleClearThresholdError")->text(),
                 QStringLiteral("Must be at or below the threshold for > and >=."));
        type(clear, QString());
        QVERIFY(okButton(*dialog)->isEnabled());
        QCOMPARE(dialog->rules()[0].rule.clearThreshold, std::optional<double>());

        // A zero interval is refused (on the Evaluation tab, which gets a mark).
        auto *interval = child<QLineEdit>(dialog.get(), "ruleInterval");
        type(interval, QStringLiteral("0s"));
        QVERIFY(!okButton(*dialog)->isEnabled());
        QCOMPARE(child<QLabel>(dialog.get(), "ruleIntervalError")->text(), QStringLiteral("Must be longer than 0s."));
        auto *tabs = child<QTabWidget>(dialog.get(), "ruleTabs");
        QVERIFY(!tabs->tabIcon(1).isNull());
        type(interval, QStringLiteral("30s"));
        QVERIFY(okButton(*dialog)->isEnabled());
        QVERIFY(tabs->tabIcon(1).isNull());
        QCOMPARE(dialog->rules()[0].rule.intervalMs, int64_t(30'000));
    }

    void filterRulesHideTheThreshold()
    {
        auto dialog = openOn(demoDocument());
        choose(child<QComboBox>(dialog.get(), "ruleKind"), int(alerting::ConditionKind::Filter));
        QVERIFY(!child<QLineEdit>(dialog.get(), "ruleThreshold")->isVisible());
        QVERIFY(!child<QLineEdit>(dialog.get(), "ruleClearThreshold")->isVisible());
        child<editor::ExpressionEdit>(dialog.get(), "ruleExpr")->setPlainText(QStringLiteral("up == 0"));
        QVERIFY(okButton(*dialog)->isEnabled());
        const DocumentRule r = dialog->rules()[0]; // a copy: rules() returns a value
        QCOMPARE(r.rule.kind, alerting::ConditionKind::Filter);
        QCOMPARE(r.rule.clearThreshold, std::optional<double>()); // a filter rule has none
        QCOMPARE(dialog->model()->index(0, RuleListModel::ConditionColumn).data().toString(),
                 QStringLiteral("any series for 1m"));
    }

    void idsOfNewAndDuplicatedRules()
    {
        const dashboard::Document d = demoDocument();
        auto dialog = openOn(d);
        // An existing rule keeps its id when renamed: its alerts and history are kept by it.
        type(child<QLineEdit>(dialog.get(), "ruleName"), QStringLiteral("SlowPredictions"));
        QCOMPARE(dialog->rules()[0].rule.id, std::string("tfserving/HighLatency"));
        QCOMPARE(dialog->rules()[0].rule.name, std::string("SlowPredictions"));
        type(child<QLineEdit>(dialog.get(), "ruleName"), QStringLiteral("HighLatency"));

        // A duplicate is a new rule: "#2", as the rule-file importer names repeats.
        QTest::mouseClick(child<QPushButton>(dialog.get(), "duplicateRule"), Qt::LeftButton);
        QCOMPARE(dialog->currentRow(), 1);
        DocumentRule copy = d.rules[0];
        copy.rule.id = "tfserving/HighLatency#2";
        QCOMPARE(rulesText({dialog->rules()[1]}), rulesText({copy}));
        // ...that follows its name and group until OK.
        type(child<QLineEdit>(dialog.get(), "ruleGroup"), QStringLiteral("latency"));
        QCOMPARE(dialog->rules()[1].rule.id, std::string("latency/HighLatency"));
        type(child<QLineEdit>(dialog.get(), "ruleGroup"), QStringLiteral("tfserving"));
        QCOMPARE(dialog->rules()[1].rule.id, std::string("tfserving/HighLatency#2"));

        // Two new rules of the same name: #2 for the second.
        QTest::mouseClick(child<QPushButton>(dialog.get(), "addRule"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(dialog.get(), "addRule"), Qt::LeftButton);
        QCOMPARE(dialog->rules()[2].rule.id, std::string("tfserving/NewAlert"));
        QCOMPARE(dialog->rules()[3].rule.id, std::string("tfserving/NewAlert#2"));
        QCOMPARE(dialog->model()->rowCount(), 7);
    }

    void keyboardInTheList()
    {
        auto dialog = openOn(demoDocument());
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        dialog->selectRow(1);
        dialog->list()->setFocus();
        QTRY_VERIFY(dialog->list()->hasFocus());
        QTest::keyClick(dialog->list(), Qt::Key_Return);
        QVERIFY(dialog->isVisible()); // Enter edits, it does not press OK
        QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(dialog.get(), "ruleName"));
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleName")->text(), QStringLiteral("AccuracyDrop"));

        dialog->list()->setFocus();
        QTest::keyClick(dialog->list(), Qt::Key_Delete);
        QCOMPARE(dialog->model()->rowCount(), 3);
        QCOMPARE(dialog->model()->rowOfId("tfserving/AccuracyDrop"), -1);
        QCOMPARE(dialog->currentRow(), 1);
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleName")->text(), QStringLiteral("RecallLow"));
    }

    void aThresholdTypedWithAUnitIsShownInTheRulesUnit()
    {
        auto dialog = openOn(demoDocument());
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        auto *threshold = child<QLineEdit>(dialog.get(), "ruleThreshold");
        threshold->setFocus();
        QTRY_VERIFY(threshold->hasFocus());
        type(threshold, QStringLiteral("0.75 s"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdHint")->text(), QStringLiteral("= 750000 \u00b5s"));
        child<QLineEdit>(dialog.get(), "ruleFor")->setFocus(); // leaving the field
        QCOMPARE(threshold->text(), QStringLiteral("750000"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdHint")->text(), QStringLiteral("= 750ms"));
        QCOMPARE(dialog->rules()[0].rule.threshold, 750'000.0);
        // A ratio rule takes a percentage.
        dialog->selectRow(2);
        type(threshold, QStringLiteral("75%"));
        QCOMPARE(dialog->rules()[2].rule.threshold, 0.75);
        QCOMPARE(child<QLabel>(dialog.get(), "ruleThresholdUnit")->text(), QString());
    }

    void labelsThroughTheTable()
    {
        auto dialog = openOn(demoDocument());
        auto *table = child<QTableWidget>(dialog.get(), "ruleLabelsTable");
        QCOMPARE(table->rowCount(), 1); // team=ml
        QTest::mouseClick(child<QToolButton>(dialog.get(), "ruleLabelsAdd"), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("service")); // "team" is taken
        table->item(1, 1)->setText(QStringLiteral("predict"));
        QCOMPARE(dialog->rules()[0].rule.labels,
                 (std::map<std::string, std::string>{{"service", "predict"}, {"team", "ml"}}));
        table->item(1, 0)->setText(QStringLiteral("team")); // twice
        QVERIFY(!okButton(*dialog)->isEnabled());
        QCOMPARE(child<QLabel>(dialog.get(), "ruleLabelsError")->text(), QStringLiteral("“team” is used twice."));
        table->item(1, 0)->setText(QStringLiteral("model-name")); // not a label name
        QVERIFY(!okButton(*dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog.get(), "ruleLabelsError")->text().contains(QStringLiteral("model-name")));
        table->setCurrentCell(1, 0);
        QTest::mouseClick(child<QToolButton>(dialog.get(), "ruleLabelsRemove"), Qt::LeftButton);
        QVERIFY(okButton(*dialog)->isEnabled());
        QCOMPARE(dialog->rules()[0].rule.labels, (std::map<std::string, std::string>{{"team", "ml"}}));
    }

    void removingEveryRuleShowsTheEmptyPage()
    {
        auto dialog = openOn(demoDocument());
        for (int i = 0; i < 4; ++i)
            QTest::mouseClick(child<QPushButton>(dialog.get(), "removeRule"), Qt::LeftButton);
        QCOMPARE(dialog->model()->rowCount(), 0);
        QVERIFY(child<QLabel>(dialog.get(), "rulesEmpty")->isVisible());
        QVERIFY(!child<QPushButton>(dialog.get(), "removeRule")->isEnabled());
        QVERIFY(okButton(*dialog)->isEnabled());
        QVERIFY(dialog->rules().empty());
    }

    void remembersItsSize()
    {
        const QSize size(960, 640);
        {
            auto dialog = openOn(demoDocument());
            dialog->resize(size);
            QTest::mouseClick(child<QDialogButtonBox>(dialog.get(), "buttons")->button(QDialogButtonBox::Cancel),
                              Qt::LeftButton);
            QCOMPARE(dialog->result(), int(QDialog::Rejected));
        }
        AlertRulesDialog again(demoDocument());
        QCOMPARE(again.size(), size);
    }

    void cancelWithChangesAsksBeforeDiscarding()
    {
        const dashboard::Document d = demoDocument();
        auto dialog = openOn(d);
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        type(child<QLineEdit>(dialog.get(), "ruleThreshold"), QStringLiteral("1s"));
        dialog->selectRow(2);
        QTest::mouseClick(child<QPushButton>(dialog.get(), "removeRule"), Qt::LeftButton);
        QVERIFY(dialog->hasChanges());
        std::vector<DocumentRule> edited = d.rules;
        edited[0].rule.threshold = 1'000'000;
        edited.erase(edited.begin() + 2);
        QVERIFY(dialog->rules() == edited);

        {
            // "Cancel" (keep editing): the dialog stays, with the edits.
            Answerer keepEditing(QMessageBox::Cancel);
            QTest::mouseClick(cancelButton(*dialog), Qt::LeftButton);
            QCOMPARE(keepEditing.asked.size(), 1);
            checkTheQuestion(keepEditing.asked.front());
            QVERIFY(dialog->isVisible());
            QVERIFY(dialog->rules() == edited);
            QCOMPARE(dialog->model()->rowCount(), 3);

            // Escape and the window's close button ask the same.
            dialog->selectRow(0);
            QCOMPARE(child<QLineEdit>(dialog.get(), "ruleThreshold")->text(), QStringLiteral("1000000"));
            dialog->activateWindow(); // the question had it
            QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
            child<QLineEdit>(dialog.get(), "ruleName")->setFocus();
            QTRY_VERIFY(child<QLineEdit>(dialog.get(), "ruleName")->hasFocus());
            QTest::keyClick(dialog->windowHandle(), Qt::Key_Escape);
            QCOMPARE(keepEditing.asked.size(), 2);
            checkTheQuestion(keepEditing.asked.back());
            QVERIFY(dialog->isVisible());
            QVERIFY(!dialog->close());
            QCOMPARE(keepEditing.asked.size(), 3);
            QVERIFY(dialog->isVisible());
            QVERIFY(dialog->rules() == edited);
        }

        // "Discard": closed as Cancel closes it, so the caller keeps its document.
        Answerer discard(QMessageBox::Discard);
        QTest::mouseClick(cancelButton(*dialog), Qt::LeftButton);
        QCOMPARE(discard.asked.size(), 1);
        checkTheQuestion(discard.asked.front());
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void discardInTheModalDialogReturnsRejected()
    {
        // As Alerts > Edit alert rules… runs it: exec(), the document replaced only when accepted.
        const dashboard::Document d = demoDocument();
        dashboard::Document document = d;
        AlertRulesDialog dialog(document);
        Answerer discard(QMessageBox::Discard);
        bool drove = false;
        QTimer::singleShot(0, &dialog, [&] {
            QTRY_VERIFY(dialog.isVisible());
            drove = true;
            type(child<QLineEdit>(&dialog, "ruleFor"), QStringLiteral("10m"));
            QTest::mouseClick(child<QPushButton>(&dialog, "addRule"), Qt::LeftButton);
            QTest::mouseClick(cancelButton(dialog), Qt::LeftButton);
        });
        const int result = dialog.exec();
        QVERIFY(drove);
        QCOMPARE(result, int(QDialog::Rejected));
        QCOMPARE(discard.asked.size(), 1);
        checkTheQuestion(discard.asked.front());
        if (result == QDialog::Accepted)
            document = dialog.document();
        QVERIFY(document == d);
    }

    void cancelWithoutChangesClosesAtOnce()
    {
        auto dialog = openOn(demoDocument());
        // Edits undone are no change; so is looking at other rules.
        auto *threshold = child<QLineEdit>(dialog.get(), "ruleThreshold");
        type(threshold, QStringLiteral("1s"));
        type(threshold, QStringLiteral("fast"));
        type(threshold, QStringLiteral("500000"));
        dialog->selectRow(3);
        dialog->selectRow(0);
        QVERIFY(!dialog->hasChanges());
        Answerer guard(QMessageBox::Discard);
        QTest::mouseClick(cancelButton(*dialog), Qt::LeftButton);
        QVERIFY(guard.asked.isEmpty());
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));

        // Nor does the window's close button ask.
        auto again = openOn(demoDocument());
        QVERIFY(again->close());
        QVERIFY(guard.asked.isEmpty());
    }

    void escapeInTheCompletionPopupDoesNotCloseTheDialog()
    {
        auto dialog = openOn(demoDocument());
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog.get()));
        auto *expr = child<editor::ExpressionEdit>(dialog.get(), "ruleExpr");
        expr->setFocus();
        QTRY_VERIFY(expr->hasFocus());
        // Ctrl+Space as typed, through the window (function names at least).
        QTest::keyClick(dialog->windowHandle(), Qt::Key_Space, Qt::ControlModifier);
        QAbstractItemView *popup = expr->completer()->popup();
        QTRY_VERIFY(popup->isVisible());

        Answerer guard(QMessageBox::Cancel);
        // Escape as the window system delivers it (to the window; Qt gives it to the popup).
        QTest::keyClick(dialog->windowHandle(), Qt::Key_Escape);
        QVERIFY(!popup->isVisible());
        QVERIFY(dialog->isVisible());
        QVERIFY(guard.asked.isEmpty());
        QCOMPARE(dialog->result(), 0);
        QCOMPARE(QApplication::focusWidget(), expr);

        // The next Escape is the dialog's: nothing changed, so it closes at once.
        QTest::keyClick(dialog->windowHandle(), Qt::Key_Escape);
        QVERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QVERIFY(guard.asked.isEmpty());
    }

    void anUnreadableThresholdSurvivesSwitchingRules()
    {
        const dashboard::Document d = demoDocument();
        auto dialog = openOn(d);
        auto *threshold = child<QLineEdit>(dialog.get(), "ruleThreshold");
        auto *thresholdError = child<QLabel>(dialog.get(), "ruleThresholdError");
        auto *forEdit = child<QLineEdit>(dialog.get(), "ruleFor");
        auto *forError = child<QLabel>(dialog.get(), "ruleForError");
        auto *problem = child<QLabel>(dialog.get(), "rulesProblem");
        auto *tabs = child<QTabWidget>(dialog.get(), "ruleTabs");
        const auto marked = [&](int row) {
            return !dialog->model()->index(row, RuleListModel::NameColumn).data(Qt::DecorationRole).isNull();
        };

        type(threshold, QStringLiteral("fast"));
        const QString error = thresholdError->text();
        QVERIFY(error.startsWith(QStringLiteral("Not a number")));
        const QString rowProblem = dialog->model()->problem(0);
        QVERIFY(rowProblem.contains(error));

        // Another rule: HighLatency keeps its mark, OK stays disabled.
        dialog->selectRow(1);
        QCOMPARE(child<QLineEdit>(dialog.get(), "ruleName")->text(), QStringLiteral("AccuracyDrop"));
        QVERIFY(!thresholdError->isVisible());
        QCOMPARE(dialog->model()->problem(0), rowProblem);
        QVERIFY(marked(0));
        QVERIFY(!marked(1));
        QVERIFY(!okButton(*dialog)->isEnabled());
        QVERIFY(problem->text().startsWith(QStringLiteral("HighLatency")));
        // Only the text differs from the document: still a change to ask about.
        QVERIFY(dialog->rules() == d.rules);
        QVERIFY(dialog->hasChanges());

        // A duration that does not read, on this rule: two rules to fix.
        type(forEdit, QStringLiteral("5 minutes"));
        QVERIFY(marked(1));
        QVERIFY(problem->text().startsWith(QStringLiteral("2 rules cannot be saved yet.")));
        dialog->selectRow(2);
        QVERIFY(!forError->isVisible());
        QVERIFY(marked(0) && marked(1) && !marked(2));

        // Back on HighLatency: what was typed, with its error.
        dialog->selectRow(0);
        QCOMPARE(threshold->text(), QStringLiteral("fast"));
        QVERIFY(thresholdError->isVisible());
        QCOMPARE(thresholdError->text(), error);
        QVERIFY(child<QLabel>(dialog.get(), "ruleThresholdHint")->text().isEmpty());
        QVERIFY(!tabs->tabIcon(0).isNull());
        QCOMPARE(dialog->model()->problem(0), rowProblem);
        QVERIFY(!okButton(*dialog)->isEnabled());
        QCOMPARE(dialog->rules()[0].rule.threshold, 500'000.0); // the last good value meanwhile
        dialog->selectRow(1);
        QCOMPARE(forEdit->text(), QStringLiteral("5 minutes"));
        QVERIFY(forError->isVisible());
        QVERIFY(forError->text().contains(QStringLiteral("5m")));

        // A duplicate copies what the form shows.
        QTest::mouseClick(child<QPushButton>(dialog.get(), "duplicateRule"), Qt::LeftButton);
        QCOMPARE(dialog->currentRow(), 2);
        QCOMPARE(forEdit->text(), QStringLiteral("5 minutes"));
        QVERIFY(marked(2));
        QVERIFY(problem->text().startsWith(QStringLiteral("3 rules cannot be saved yet.")));

        // Removing a rule removes its problem: AccuracyDrop and its copy go.
        QTest::mouseClick(child<QPushButton>(dialog.get(), "removeRule"), Qt::LeftButton);
        dialog->selectRow(1);
        QTest::mouseClick(child<QPushButton>(dialog.get(), "removeRule"), Qt::LeftButton);
        QCOMPARE(dialog->model()->rowCount(), 3);
        QCOMPARE(dialog->model()->rowOfId("tfserving/AccuracyDrop"), -1);
        QCOMPARE(dialog->model()->problemCount(), 1);
        QVERIFY(!okButton(*dialog)->isEnabled());
        QCOMPARE(dialog->currentRow(), 1);
        QVERIFY(!forError->isVisible());

        // Fixed: OK is enabled and the value is the rule's.
        dialog->selectRow(0);
        QCOMPARE(threshold->text(), QStringLiteral("fast"));
        type(threshold, QStringLiteral("600ms"));
        QVERIFY(!thresholdError->isVisible());
        QVERIFY(!marked(0));
        QVERIFY2(okButton(*dialog)->isEnabled(), qPrintable(problem->text()));
        dialog->selectRow(2);
        dialog->selectRow(0);
        QCOMPARE(threshold->text(), QStringLiteral("600000"));
        QVERIFY(!thresholdError->isVisible());
        QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        std::vector<DocumentRule> expected = d.rules;
        expected[0].rule.threshold = 600'000;
        expected.erase(expected.begin() + 1);
        QCOMPARE(rulesText(dialog->rules()), rulesText(expected));
    }

    void aLabelNamedTwiceSurvivesSwitchingRules()
    {
        auto dialog = openOn(demoDocument());
        auto *table = child<QTableWidget>(dialog.get(), "ruleLabelsTable");
        QTest::mouseClick(child<QToolButton>(dialog.get(), "ruleLabelsAdd"), Qt::LeftButton);
        table->item(1, 0)->setText(QStringLiteral("team"));
        table->item(1, 1)->setText(QStringLiteral("sre"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleLabelsError")->text(), QStringLiteral("“team” is used twice."));
        dialog->selectRow(1);
        QVERIFY(!dialog->model()->problem(0).isEmpty());
        dialog->selectRow(0);
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("team"));
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("ml"));
        QCOMPARE(table->item(1, 0)->text(), QStringLiteral("team"));
        QCOMPARE(table->item(1, 1)->text(), QStringLiteral("sre"));
        QCOMPARE(child<QLabel>(dialog.get(), "ruleLabelsError")->text(), QStringLiteral("“team” is used twice."));
        QVERIFY(!okButton(*dialog)->isEnabled());
        table->item(1, 0)->setText(QStringLiteral("oncall"));
        QVERIFY(okButton(*dialog)->isEnabled());
        QCOMPARE(dialog->rules()[0].rule.labels,
                 (std::map<std::string, std::string>{{"oncall", "sre"}, {"team", "ml"}}));
    }
};

QTEST_MAIN(TestAlertsRulesDialog)
#include "tst_alerts_rules_dialog.moc"
