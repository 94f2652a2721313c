// The dashboard variables dialog driven through its widgets (found by
// objectName) on the shipped demo dashboard: the `model` query variable's
// label edited and a custom variable added (three options, multi) and moved
// up come back exactly, in the bar's order; an invalid name, a duplicate
// name, an empty query and a custom variable without options each disable
// OK with a message in place and above the buttons; Cancel (and Escape)
// ask before discarding changes, and only then; a renamed variable's note
// says panels keep $old; duplicate and remove; the edited document saved
// and read back is equal.

#include "VariableCheck.h"
#include "DialogTestSupport.h"
#include "VariableForm.h"
#include "VariablesDialog.h"
#include "dashboard/DashboardFile.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace mw;
using namespace mw::variablesui;
using dashboard::Variable;
using dashboard::VariableKind;

namespace {

using test::demoDocument;

using test::child;

QPushButton *okButton(QDialog &d) { return test::dialogButton(d, QDialogButtonBox::Ok); }
QPushButton *cancelButton(QDialog &d) { return test::dialogButton(d, QDialogButtonBox::Cancel); }

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

void click(QDialog &d, const char *button) { QTest::mouseClick(child<QPushButton>(&d, button), Qt::LeftButton); }

/// Answers the discard question (once it is shown) with `answer`; says whether it was asked.
std::shared_ptr<bool> answerDiscard(QObject *context, QMessageBox::StandardButton answer)
{
    auto asked = std::make_shared<bool>(false);
    QTimer::singleShot(0, context, [asked, answer] {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
        QCOMPARE(box->objectName(), QStringLiteral("discardVariablesBox"));
        *asked = true;
        box->button(answer)->click();
    });
    return asked;
}

} // namespace

class TestVariablesDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelWatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_variables_dialog"));
        QCOMPARE(demoDocument().variables.size(), std::size_t(1));
    }

    void showsTheDocumentsVariables()
    {
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto *list = child<QListWidget>(&d, "variableList");
        QCOMPARE(list->count(), 1);
        QCOMPARE(d.currentRow(), 0);
        QVERIFY(list->item(0)->text().contains(QStringLiteral("$model")));
        QCOMPARE(child<QLineEdit>(&d, "variableName")->text(), QStringLiteral("model"));
        QCOMPARE(child<QLineEdit>(&d, "variableLabel")->text(), QStringLiteral("Model"));
        QCOMPARE(child<QComboBox>(&d, "variableKind")->currentIndex(), 0);
        QCOMPARE(child<QLineEdit>(&d, "variableQuery")->text(),
                 QStringLiteral("label_values(:tensorflow:serving:request_count, model_name)"));
        QVERIFY(child<QLineEdit>(&d, "variableQuery")->isVisible());
        QVERIFY(!child<QPlainTextEdit>(&d, "variableOptions")->isVisible());
        QVERIFY(child<QCheckBox>(&d, "variableMulti")->isChecked());
        QVERIFY(child<QCheckBox>(&d, "variableIncludeAll")->isChecked());
        QCOMPARE(child<QLabel>(&d, "variableNameNote")->text(), QStringLiteral("Panels refer to it as $model."));
        // No source given: the preview says so.
        QVERIFY(child<QLabel>(&d, "variablePreview")->text().contains(QStringLiteral("no source")));
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(!child<QPushButton>(&d, "moveVariableUp")->isEnabled());
        QVERIFY(!child<QPushButton>(&d, "moveVariableDown")->isEnabled());
        QVERIFY(!d.hasChanges());
    }

    void editAddMoveUpAndOk()
    {
        const std::vector<Variable> before = demoDocument().variables;
        VariablesDialog d(before);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        type(child<QLineEdit>(&d, "variableLabel"), QStringLiteral("Served model"));

        click(d, "addVariable");
        QCOMPARE(d.currentRow(), 1);
        QCOMPARE(child<QLineEdit>(&d, "variableName")->text(), QStringLiteral("var"));
        // A new query variable has no query yet: OK waits for one.
        QVERIFY(!okButton(d)->isEnabled());
        type(child<QLineEdit>(&d, "variableName"), QStringLiteral("region"));
        type(child<QLineEdit>(&d, "variableLabel"), QStringLiteral("Region"));
        child<QComboBox>(&d, "variableKind")->setCurrentIndex(1);
        QVERIFY(child<QPlainTextEdit>(&d, "variableOptions")->isVisible());
        QVERIFY(!child<QLineEdit>(&d, "variableQuery")->isVisible());
        QVERIFY(!okButton(d)->isEnabled()); // no options yet
        QVERIFY(child<QLabel>(&d, "variableOptionsProblem")->isVisible());
        auto *options = child<QPlainTextEdit>(&d, "variableOptions");
        options->setFocus();
        QTest::keyClicks(options, QStringLiteral("eu, us"));
        QTest::keyClick(options, Qt::Key_Return);
        QTest::keyClicks(options, QStringLiteral("asia"));
        child<QCheckBox>(&d, "variableMulti")->click();
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(!child<QLabel>(&d, "variableOptionsProblem")->isVisible());

        QVERIFY(child<QPushButton>(&d, "moveVariableUp")->isEnabled());
        QVERIFY(!child<QPushButton>(&d, "moveVariableDown")->isEnabled());
        click(d, "moveVariableUp");
        QCOMPARE(d.currentRow(), 0);
        QCOMPARE(child<QLineEdit>(&d, "variableName")->text(), QStringLiteral("region"));
        auto *list = child<QListWidget>(&d, "variableList");
        QCOMPARE(list->item(0)->text(), QStringLiteral("$region  —  Region"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("$model  —  Served model"));
        QVERIFY(d.hasChanges());

        QTest::mouseClick(okButton(d), Qt::LeftButton);
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Accepted));

        Variable region;
        region.name = "region";
        region.label = "Region";
        region.kind = VariableKind::Custom;
        region.options = {"eu", "us", "asia"};
        region.current = {"eu"}; // the first option, as the bar would pick
        region.multi = true;
        Variable model = before.front();
        model.label = "Served model";
        const std::vector<Variable> expected{region, model};
        QCOMPARE(d.variables().size(), expected.size());
        QVERIFY(d.variables()[0] == expected[0]);
        QVERIFY(d.variables()[1] == expected[1]);
    }

    void problemsDisableOk_data()
    {
        QTest::addColumn<QString>("field"); // the line edit typed into
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("problemLabel");
        QTest::addColumn<QString>("says");
        QTest::newRow("digit first") << "variableName" << "1model" << "variableNameProblem" << "not a name";
        QTest::newRow("dash") << "variableName" << "model-name" << "variableNameProblem" << "not a name";
        QTest::newRow("empty name") << "variableName" << "" << "variableNameProblem" << "needs a name";
        QTest::newRow("empty query") << "variableQuery" << "" << "variableQueryProblem" << "needs a query";
        QTest::newRow("not label_values") << "variableQuery" << "sum(up)" << "variableQueryProblem" << "label_values";
    }
    void problemsDisableOk()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, problemLabel);
        QFETCH(QString, says);
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto *edit = d.findChild<QLineEdit *>(field);
        auto *problem = d.findChild<QLabel *>(problemLabel);
        QVERIFY(edit && problem);
        QVERIFY(!problem->isVisible());
        const QString was = edit->text();
        type(edit, text);
        QVERIFY(!okButton(d)->isEnabled());
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(says), qPrintable(problem->text()));
        QVERIFY(child<QLabel>(&d, "variablesProblem")->text().contains(problem->text()));
        QVERIFY(!child<QListWidget>(&d, "variableList")->item(0)->icon().isNull());
        // Fixed: OK again, the messages gone.
        type(edit, was);
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(!problem->isVisible());
        QVERIFY(child<QLabel>(&d, "variablesProblem")->text().isEmpty());
    }

    void duplicateNameDisablesOk()
    {
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        click(d, "addVariable");
        type(child<QLineEdit>(&d, "variableQuery"), QStringLiteral("label_values(job)"));
        QVERIFY(okButton(d)->isEnabled());
        type(child<QLineEdit>(&d, "variableName"), QStringLiteral("model"));
        QVERIFY(!okButton(d)->isEnabled());
        QVERIFY(child<QLabel>(&d, "variableNameProblem")->text().contains(QStringLiteral("Another variable is named 'model'")));
        // Both rows are marked; the first names it above the buttons.
        auto *list = child<QListWidget>(&d, "variableList");
        QVERIFY(!list->item(0)->icon().isNull());
        QVERIFY(!list->item(1)->icon().isNull());
        QVERIFY(child<QLabel>(&d, "variablesProblem")->text().contains(QStringLiteral("2 variables")));
        // OK cannot be forced while invalid.
        d.accept();
        QVERIFY(d.isVisible());
        type(child<QLineEdit>(&d, "variableName"), QStringLiteral("job"));
        QVERIFY(okButton(d)->isEnabled());
    }

    void kindSwitchKeepsTheQueryText()
    {
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto *kind = child<QComboBox>(&d, "variableKind");
        kind->setCurrentIndex(1);
        QVERIFY(!okButton(d)->isEnabled()); // a custom variable without options
        QCOMPARE(d.variables()[0].kind, VariableKind::Custom);
        QVERIFY(d.variables()[0].query.empty());
        kind->setCurrentIndex(0);
        QVERIFY(okButton(d)->isEnabled());
        QVERIFY(d.variables() == demoDocument().variables);
        QVERIFY(!d.hasChanges());
    }

    void renameNoteSaysPanelsKeepTheOldName()
    {
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        type(child<QLineEdit>(&d, "variableName"), QStringLiteral("served"));
        const QString note = child<QLabel>(&d, "variableNameNote")->text();
        QVERIFY2(note.contains(QStringLiteral("$served")) && note.contains(QStringLiteral("$model references are not rewritten")),
                 qPrintable(note));
        // A new variable has no old name to warn about.
        click(d, "addVariable");
        QCOMPARE(child<QLabel>(&d, "variableNameNote")->text(), QStringLiteral("Panels refer to it as $var."));
    }

    void duplicateAndRemove()
    {
        const std::vector<Variable> before = demoDocument().variables;
        VariablesDialog d(before);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        click(d, "duplicateVariable");
        QCOMPARE(d.variables().size(), std::size_t(2));
        QCOMPARE(d.currentRow(), 1);
        Variable copy = before.front();
        copy.name = "model2";
        QVERIFY(d.variables()[1] == copy);
        QVERIFY(okButton(d)->isEnabled());
        click(d, "removeVariable");
        QVERIFY(d.variables() == before);
        click(d, "removeVariable");
        QVERIFY(d.variables().empty());
        QVERIFY(child<QLabel>(&d, "variablesEmpty")->isVisible());
        QVERIFY(!child<QPushButton>(&d, "removeVariable")->isEnabled());
        QVERIFY(okButton(d)->isEnabled()); // no variables is a valid dashboard
    }

    void cancelAsksOnlyWithChanges()
    {
        {
            VariablesDialog d(demoDocument().variables);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            QTest::mouseClick(cancelButton(d), Qt::LeftButton);
            QVERIFY(!d.isVisible()); // nothing changed: no question
            QCOMPARE(d.result(), int(QDialog::Rejected));
        }
        VariablesDialog d(demoDocument().variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        type(child<QLineEdit>(&d, "variableLabel"), QStringLiteral("Changed"));
        // Asked, and kept open on Cancel.
        auto asked = answerDiscard(&d, QMessageBox::Cancel);
        QTest::mouseClick(cancelButton(d), Qt::LeftButton);
        QVERIFY(*asked);
        QVERIFY(d.isVisible());
        // Escape asks too; Discard closes.
        asked = answerDiscard(&d, QMessageBox::Discard);
        QTest::keyClick(&d, Qt::Key_Escape);
        QVERIFY(*asked);
        QVERIFY(!d.isVisible());
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }

    void savedAndReadBackIsEqual()
    {
        dashboard::Document doc = demoDocument();
        VariablesDialog d(doc.variables);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        click(d, "addVariable");
        type(child<QLineEdit>(&d, "variableName"), QStringLiteral("env"));
        child<QComboBox>(&d, "variableKind")->setCurrentIndex(1);
        QTest::keyClicks(child<QPlainTextEdit>(&d, "variableOptions"), QStringLiteral("prod,staging"));
        child<QCheckBox>(&d, "variableIncludeAll")->click();
        click(d, "addVariable");
        type(child<QLineEdit>(&d, "variableQuery"), QStringLiteral("label_values(job)"));
        QTest::mouseClick(okButton(d), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        doc.variables = d.variables();
        QCOMPARE(doc.variables.size(), std::size_t(3));
        QCOMPARE(doc.variables[1].current, (std::vector<std::string>{"$__all"}));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("vars.modelwatch.json"));
        const std::optional<std::string> error = dashboard::DashboardFile::save(path, doc);
        QVERIFY2(!error, error ? error->c_str() : "");
        const dashboard::DashboardFile::LoadResult back = dashboard::DashboardFile::load(path);
        QVERIFY2(back.ok(), back.ok() ? "" : back.read.error->message.c_str());
        QVERIFY(back.read.document->variables == doc.variables);
        QVERIFY(*back.read.document == doc);
    }
};

QTEST_MAIN(TestVariablesDialog)
#include "tst_variables_dialog.moc"
