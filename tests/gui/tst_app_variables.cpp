// View > Dashboard variables… in the window, on the real demo model server:
// the action is in the View menu; the preview shows the `model` variable's
// label values from the session's primary source; a custom variable added
// through the dialog replaces the document's variables in one edit
// (modified, written by Save as) and appears in the variable bar, and an
// edited label shows there too; Cancel leaves the document as it was.

#include "DemoBackends.h"
#include "DemoServerFixture.h"
#include "MainWindow.h"
#include "VariableEditing.h"
#include "VariableForm.h"
#include "VariablesDialog.h"
#include "dashboard/DashboardFile.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace mw;

namespace {

constexpr int kTimeoutMs = 30'000;

/// Runs `drive` on the variables dialog once it is shown modally (the
/// caller then opens it), and says whether it ran.
std::shared_ptr<bool> whenDialogOpens(QObject *context, std::function<void(variablesui::VariablesDialog &)> drive)
{
    auto ran = std::make_shared<bool>(false);
    QTimer::singleShot(0, context, [drive = std::move(drive), ran] {
        variablesui::VariablesDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = qobject_cast<variablesui::VariablesDialog *>(QApplication::activeModalWidget())));
        *ran = true;
        drive(*dialog);
        if (dialog->isVisible())
            static_cast<QDialog *>(dialog)->done(QDialog::Rejected); // no question, whatever was edited
    });
    return ran;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

QPushButton *okButton(QDialog &d)
{
    return d.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Ok);
}

/// The text of the bar's label before the control of `name`, or empty.
QString barLabel(ui::MainWindow &w, const QString &name)
{
    QWidget *bar = w.findChild<QWidget *>(QStringLiteral("variableBar"));
    if (!bar)
        return {};
    QWidget *control = bar->findChild<QWidget *>(QStringLiteral("var-") + name);
    if (!control)
        return {};
    for (QLabel *l : bar->findChildren<QLabel *>()) {
        if (l->buddy() == control)
            return l->text();
    }
    return {};
}

} // namespace

class TestAppVariables : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelWatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_app_variables"));
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = test::startDemoServer(&error, test::withLoad(50));
        QVERIFY2(m_demo, qPrintable(error));
    }

    void theActionIsInTheViewMenu()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QAction *action = app::addVariableEditing(w);
        QCOMPARE(action->objectName(), QStringLiteral("actionEditVariables"));
        QMenu *menu = nullptr;
        for (QAction *a : w.menuBar()->actions()) {
            if (a->menu() && a->menu()->actions().contains(action))
                menu = a->menu();
        }
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(w.findChild<QAction *>(QStringLiteral("actionResetZoom"))));
        // After the time actions, in its own group before the Theme menu.
        const QList<QAction *> actions = menu->actions();
        const qsizetype at = actions.indexOf(action);
        QVERIFY(at > 0 && at + 1 < actions.size());
        QVERIFY(actions.at(at - 1)->isSeparator());
        QVERIFY(actions.at(at + 1)->isSeparator());
    }

    void aVariableAddedAppearsInTheBar()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QAction *action = app::addVariableEditing(w);
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(barLabel(w, QStringLiteral("model")), QStringLiteral("Model"));
        const dashboard::Document before = w.documentController()->document();

        QString preview;
        const auto ran = whenDialogOpens(this, [&preview](variablesui::VariablesDialog &d) {
            // The demo serves its models under model_name: the preview lists them.
            QTRY_VERIFY2_WITH_TIMEOUT(d.form()->previewText().startsWith(QStringLiteral("Preview values (")),
                                      qPrintable(d.form()->previewText()), kTimeoutMs);
            preview = d.form()->previewText();
            type(d.findChild<QLineEdit *>(QStringLiteral("variableLabel")), QStringLiteral("Served model"));
            QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("addVariable")), Qt::LeftButton);
            type(d.findChild<QLineEdit *>(QStringLiteral("variableName")), QStringLiteral("region"));
            type(d.findChild<QLineEdit *>(QStringLiteral("variableLabel")), QStringLiteral("Region"));
            d.findChild<QComboBox *>(QStringLiteral("variableKind"))->setCurrentIndex(1);
            QTest::keyClicks(d.findChild<QPlainTextEdit *>(QStringLiteral("variableOptions")), QStringLiteral("eu, us, asia"));
            d.findChild<QCheckBox *>(QStringLiteral("variableMulti"))->click();
            QPushButton *ok = okButton(d);
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        });
        action->trigger();
        QVERIFY(*ran);
        QVERIFY2(!preview.contains(QStringLiteral("error")), qPrintable(preview));

        const dashboard::Document &after = w.documentController()->document();
        QVERIFY(w.documentController()->isModified());
        QCOMPARE(after.variables.size(), std::size_t(2));
        QCOMPARE(after.variables[0].label, std::string("Served model"));
        const dashboard::Variable &region = after.variables[1];
        QCOMPARE(region.name, std::string("region"));
        QCOMPARE(region.kind, dashboard::VariableKind::Custom);
        QCOMPARE(region.options, (std::vector<std::string>{"eu", "us", "asia"}));
        QCOMPARE(region.current, (std::vector<std::string>{"eu"}));
        QVERIFY(region.multi);
        dashboard::Document rest = after;
        rest.variables = before.variables;
        QVERIFY(rest == before);

        // The bar shows both, with their labels, in order.
        QTRY_COMPARE(barLabel(w, QStringLiteral("region")), QStringLiteral("Region"));
        QCOMPARE(barLabel(w, QStringLiteral("model")), QStringLiteral("Served model"));
        QCOMPARE(w.session()->variables()->variables().size(), std::size_t(2));
        QCOMPARE(w.session()->variables()->options(1), (QStringList{QStringLiteral("eu"), QStringLiteral("us"), QStringLiteral("asia")}));
        auto *regionButton = w.findChild<QToolButton *>(QStringLiteral("var-region"));
        QVERIFY(regionButton); // multi: a button with a checkable menu

        // Save writes them.
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("saved.json"));
        QVERIFY2(w.documentController()->saveAs(path, &error), qPrintable(error));
        const dashboard::DashboardFile::LoadResult saved = dashboard::DashboardFile::load(path);
        QVERIFY(saved.ok());
        QVERIFY(saved.read.document->variables == after.variables);
    }

    void cancelLeavesTheDocument()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QAction *action = app::addVariableEditing(w);
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        const dashboard::Document before = w.documentController()->document();
        const auto ran = whenDialogOpens(this, [](variablesui::VariablesDialog &d) {
            QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("removeVariable")), Qt::LeftButton);
            QVERIFY(d.hasChanges());
        });
        action->trigger();
        QVERIFY(*ran);
        QVERIFY(w.documentController()->document() == before);
        QVERIFY(!w.documentController()->isModified());
    }

private:
    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAppVariables)
#include "tst_app_variables.moc"
