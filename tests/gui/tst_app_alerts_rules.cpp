// Alerts > Edit alert rules… in the window, on the real demo model server:
// a rule added through the dialog (`vector(1) > 0`, for 0s) replaces the
// document's rules in one edit (modified, saved by Save as) and starts
// being evaluated by AppAlerts, its firing alert in the alerts pane; Cancel
// leaves the document as it was; the pane's button and the menu open the
// same dialog.

#include "AlertRulesDialog.h"
#include "AlertTableModel.h"
#include "AlertsPane.h"
#include "AppAlerts.h"
#include "AppAlertsSupport.h"
#include "DemoBackends.h"
#include "DemoServerFixture.h"
#include "ExpressionEdit.h"
#include "MainWindow.h"
#include "dashboard/DashboardFile.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace mw;

namespace {

constexpr int kTimeoutMs = 30'000;

/// Runs `drive` on the rules dialog once it is shown modally (the caller
/// then opens it), and says whether it ran.
std::shared_ptr<bool> whenDialogOpens(QObject *context, std::function<void(rulesui::AlertRulesDialog &)> drive)
{
    auto ran = std::make_shared<bool>(false);
    QTimer::singleShot(0, context, [drive = std::move(drive), ran] {
        rulesui::AlertRulesDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = qobject_cast<rulesui::AlertRulesDialog *>(QApplication::activeModalWidget())));
        *ran = true;
        drive(*dialog);
        if (dialog->isVisible())
            static_cast<QDialog *>(dialog)->done(QDialog::Rejected); // no question, whatever was edited
    });
    return ran;
}

void type(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

QDialogButtonBox *buttons(QDialog &d) { return d.findChild<QDialogButtonBox *>(QStringLiteral("buttons")); }

QAction *editAction(ui::MainWindow &w) { return w.findChild<QAction *>(QStringLiteral("actionEditAlertRules")); }

} // namespace

class TestAppAlertsRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ModelWatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_app_alerts_rules"));
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = test::startDemoServer(&error);
        QVERIFY2(m_demo, qPrintable(error));
    }

    void theMenuAndThePaneOpenTheDialog()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        app::AppAlerts alerts(w, m_dir.filePath(QStringLiteral("open.sqlite")));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        QAction *action = editAction(w);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        // First in the Alerts menu.
        QMenu *menu = nullptr;
        for (QAction *a : w.menuBar()->actions()) {
            if (a->menu() && a->menu()->actions().contains(action))
                menu = a->menu();
        }
        QVERIFY(menu);
        QCOMPARE(menu->actions().front(), action);

        auto *button = alerts.pane()->findChild<QToolButton *>(QStringLiteral("alertsEditRulesButton"));
        QVERIFY(button);
        int rows = -1;
        const auto ran = whenDialogOpens(this, [&rows](rulesui::AlertRulesDialog &d) { rows = d.list()->model()->rowCount(); });
        button->click();
        QVERIFY(*ran);
        QCOMPARE(rows, 4);
    }

    void cancelLeavesTheDocument()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        app::AppAlerts alerts(w, m_dir.filePath(QStringLiteral("cancel.sqlite")));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        const dashboard::Document before = w.documentController()->document();
        const auto ran = whenDialogOpens(this, [](rulesui::AlertRulesDialog &d) {
            type(d.findChild<QLineEdit *>(QStringLiteral("ruleThreshold")), QStringLiteral("1s"));
            QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("removeRule")), Qt::LeftButton);
            // Cancel with changes asks first: Discard.
            QTimer::singleShot(0, &d, [] {
                QMessageBox *box = nullptr;
                QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())));
                QCOMPARE(box->objectName(), QStringLiteral("discardRulesBox"));
                box->button(QMessageBox::Discard)->click();
            });
            QTest::mouseClick(buttons(d)->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            QVERIFY(!d.isVisible());
        });
        editAction(w)->trigger();
        QVERIFY(*ran);
        QVERIFY(w.documentController()->document() == before);
        QVERIFY(!w.documentController()->isModified());
    }

    void aRuleAddedThroughTheDialogIsEvaluated()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        app::AppAlerts alerts(w, m_dir.filePath(QStringLiteral("added.sqlite")));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        const dashboard::Document before = w.documentController()->document();
        QVERIFY(!test::instanceOf(alerts, "tfserving/AlwaysOn"));

        const auto ran = whenDialogOpens(this, [](rulesui::AlertRulesDialog &d) {
            QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("addRule")), Qt::LeftButton);
            QTest::keyClicks(d.findChild<QLineEdit *>(QStringLiteral("ruleName")), QStringLiteral("AlwaysOn"));
            d.findChild<editor::ExpressionEdit *>(QStringLiteral("ruleExpr"))->setPlainText(QStringLiteral("vector(1)"));
            type(d.findChild<QLineEdit *>(QStringLiteral("ruleThreshold")), QStringLiteral("0"));
            type(d.findChild<QLineEdit *>(QStringLiteral("ruleFor")), QStringLiteral("0s"));
            type(d.findChild<QLineEdit *>(QStringLiteral("ruleInterval")), QStringLiteral("1s"));
            QPushButton *ok = buttons(d)->button(QDialogButtonBox::Ok);
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        });
        editAction(w)->trigger();
        QVERIFY(*ran);

        // One edit: the document's rules with the new one after the first.
        const dashboard::Document &after = w.documentController()->document();
        QVERIFY(w.documentController()->isModified());
        QCOMPARE(after.rules.size(), before.rules.size() + 1);
        const dashboard::DocumentRule &added = after.rules[1];
        QCOMPARE(added.rule.id, std::string("tfserving/AlwaysOn"));
        QCOMPARE(added.rule.expr, std::string("vector(1)"));
        QCOMPARE(added.rule.kind, alerting::ConditionKind::Threshold);
        QCOMPARE(added.rule.op, alerting::CompareOp::Greater);
        QCOMPARE(added.rule.threshold, 0.0);
        QCOMPARE(added.rule.forMs, int64_t(0));
        QCOMPARE(added.rule.intervalMs, int64_t(1'000));
        dashboard::Document rest = after;
        rest.rules.erase(rest.rules.begin() + 1);
        QVERIFY(rest == before);

        // AppAlerts runs it: vector(1) > 0 with no `for` fires at once.
        QTRY_VERIFY_WITH_TIMEOUT(test::instanceOf(alerts, "tfserving/AlwaysOn")
                                     && test::instanceOf(alerts, "tfserving/AlwaysOn")->state == alerting::AlertState::Firing,
                                 kTimeoutMs);
        const auto inPane = [&] {
            for (const alertsui::AlertRow &row : alerts.pane()->model()->rows()) {
                if (row.ruleId == "tfserving/AlwaysOn")
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(inPane(), kTimeoutMs);

        // Save writes them.
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("saved.json"));
        QVERIFY2(w.documentController()->saveAs(path, &error), qPrintable(error));
        const dashboard::DashboardFile::LoadResult saved = dashboard::DashboardFile::load(path);
        QVERIFY(saved.ok());
        QVERIFY(saved.read.document->rules == after.rules);
    }

private:
    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAppAlertsRules)
#include "tst_app_alerts_rules.moc"
