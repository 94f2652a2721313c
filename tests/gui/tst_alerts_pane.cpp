// The alerts pane driven through its widgets, over a real AlertCoordinator
// and SQLite history on a stepped clock: select a row, press the buttons,
// fill the dialogs; the engine, the history (also after reopening the
// database) and the pane's error line say what happened.

#include "AckDialog.h"
#include "AlertFilterProxy.h"
#include "AlertRowBuilder.h"
#include "AlertTableModel.h"
#include "AlertTestSupport.h"
#include "AlertsPane.h"
#include "DurationEdit.h"
#include "SnoozeDialog.h"

#include "alerting/ManualClock.h"
#include "platform/AlertCoordinator.h"
#include "platform/AlertHistory.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace mw::alerting;
using namespace mw::alerting::test;
using namespace mw::alertsui;
using mw::platform::AlertCoordinator;
using mw::platform::AlertHistory;
using mw::platform::HistoryFilter;

namespace {

constexpr int64_t kStart = 1'700'000'000'000;
constexpr int64_t kMinute = 60'000;

struct Rig
{
    QTemporaryDir dir;
    ManualClock clock{kStart};
    ScriptedQuerier querier;
    AlertHistory history;
    std::unique_ptr<AlertCoordinator> coordinator;
    std::unique_ptr<AlertsPane> pane;

    QString path() const { return dir.filePath(QStringLiteral("h.sqlite")); }

    Rig()
    {
        history.open(path());
        coordinator = std::make_unique<AlertCoordinator>(clock, querier, &history, nullptr);
        coordinator->setRules({latencyRule()});
        pane = std::make_unique<AlertsPane>(coordinator.get(), clock, &history);
        pane->resize(1000, 600);
        pane->show();
        querier.set("lat", {series({{"model", "a"}}, 900), series({{"model", "b"}}, 700)});
        coordinator->tick();
    }
    void step(int64_t ms)
    {
        clock.advanceMs(ms);
        coordinator->tick();
    }
    template <typename T> T *child(const char *name) const
    {
        return pane->findChild<T *>(QString::fromLatin1(name));
    }
    /// Clicks the row of model=`model`; false when it is not shown.
    bool select(std::string_view model)
    {
        const QString key = QStringLiteral("local:") + QString::fromStdString(latencyAlertId(model));
        const QModelIndex source = pane->model()->index(pane->model()->rowOfKey(key), AlertTableModel::RuleColumn);
        const QModelIndex index = pane->proxy()->mapFromSource(source);
        if (!index.isValid())
            return false;
        QTableView *table = pane->table();
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return pane->currentRow() && pane->currentRow()->key == key;
    }
};

} // namespace

class TestAlertsPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void acknowledgeWithComment()
    {
        Rig rig;
        QVERIFY(rig.history.isOpen());
        QCOMPARE(rig.pane->proxy()->rowCount(), 2);
        QVERIFY(rig.select("a"));
        auto *ack = rig.child<QPushButton>("alertsAckButton");
        QVERIFY(ack->isEnabled());
        QVERIFY(!rig.child<QPushButton>("alertsUnackButton")->isEnabled());
        QVERIFY(rig.child<QTextBrowser>("alertsDetails")->toPlainText().contains(QStringLiteral("model=a")));
        QTest::mouseClick(ack, Qt::LeftButton);

        auto *dialog = rig.child<AckDialog>("alertsAckDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("ackUntilResolved"))->isChecked());
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("ackComment")), QStringLiteral("looking at the GPU"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>(QStringLiteral("ackButtons"))->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);

        const std::string id = latencyAlertId("a");
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Acknowledged));
        const Acknowledgement a = *rig.coordinator->engine().instance(id)->ack;
        QCOMPARE(a.comment, std::string("looking at the GPU"));
        QCOMPARE(a.by, AlertCoordinator::localUserName().toStdString());
        QCOMPARE(a.untilMs, std::optional<int64_t>());
        QCOMPARE(rig.pane->currentRow()->status, AlertStatus::Acknowledged); // still selected, updated
        QVERIFY(rig.child<QPushButton>("alertsUnackButton")->isEnabled());
        QVERIFY(rig.pane->errorText().isEmpty());

        HistoryFilter f;
        f.kinds = {EventKind::Acknowledged};
        QCOMPARE(rig.history.events(f)->size(), std::size_t(1));
        // The History tab lists it.
        auto *historyTable = rig.child<QTableView>("alertsHistoryTable");
        bool listed = false;
        for (int r = 0; r < historyTable->model()->rowCount(); ++r)
            listed |= historyTable->model()->index(r, 5).data().toString() == QStringLiteral("looking at the GPU");
        QVERIFY(listed);

        // It survives reopening the database.
        rig.history.close();
        AlertHistory reopened;
        QVERIFY2(reopened.open(rig.path()), qPrintable(reopened.errorString()));
        const auto stored = reopened.events(f);
        QVERIFY(stored);
        QCOMPARE(stored->size(), std::size_t(1));
        QCOMPARE(stored->front().event.instance.ack->comment, std::string("looking at the GPU"));
        const auto live = reopened.liveState();
        const auto it = std::find_if(live->instances.begin(), live->instances.end(),
                                     [&](const AlertInstance &i) { return i.id() == id; });
        QVERIFY(it != live->instances.end());
        QVERIFY(it->ack);
    }

    void acknowledgeForADuration()
    {
        Rig rig;
        QVERIFY(rig.select("b"));
        rig.pane->acknowledgeSelected();
        auto *dialog = rig.child<AckDialog>("alertsAckDialog");
        QVERIFY(dialog);
        QTest::mouseClick(dialog->forDurationButton(), Qt::LeftButton);
        QVERIFY(dialog->durationEdit()->isEnabled());
        dialog->durationEdit()->valueBox()->setValue(2);
        dialog->durationEdit()->unitBox()->setCurrentIndex(1); // hours
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(rig.coordinator->engine().instance(latencyAlertId("b"))->ack->untilMs,
                 std::optional<int64_t>(kStart + 120 * kMinute));
    }

    void snoozeFromTheMenu()
    {
        Rig rig;
        QVERIFY(rig.select("a"));
        auto *oneHour = rig.child<QAction>("snooze1h");
        QVERIFY(oneHour);
        oneHour->trigger();
        const std::string id = latencyAlertId("a");
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Snoozed));
        QCOMPARE(rig.coordinator->engine().snoozes().size(), std::size_t(1));
        QCOMPARE(rig.coordinator->engine().snoozes().front().expiresMs, kStart + 60 * kMinute);
        QCOMPARE(rig.pane->currentRow()->status, AlertStatus::Snoozed);
        QCOMPARE(rig.coordinator->engine().status(latencyAlertId("b")), std::optional(AlertStatus::Firing));

        // Un-acknowledge withdraws the snooze.
        QTest::mouseClick(rig.child<QPushButton>("alertsUnackButton"), Qt::LeftButton);
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Firing));
        QVERIFY(rig.coordinator->engine().snoozes().empty());
    }

    void snoozeCustom()
    {
        Rig rig;
        QVERIFY(rig.select("b"));
        rig.child<QAction>("snoozeCustom")->trigger();
        auto *dialog = rig.child<SnoozeDialog>("alertsSnoozeDialog");
        QVERIFY(dialog && dialog->isVisible());
        auto *value = dialog->findChild<QSpinBox *>(QStringLiteral("snoozeDurationValue"));
        auto *unit = dialog->findChild<QComboBox *>(QStringLiteral("snoozeDurationUnit"));
        unit->setCurrentIndex(0); // minutes
        value->setValue(90);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("snoozeComment")), QStringLiteral("deploy window"));
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        const std::vector<Snooze> s = rig.coordinator->engine().snoozes();
        QCOMPARE(s.size(), std::size_t(1));
        QCOMPARE(s.front().expiresMs, kStart + 90 * kMinute);
        QCOMPARE(s.front().comment, std::string("deploy window"));
        rig.step(91 * kMinute); // lapses
        QCOMPARE(rig.coordinator->engine().status(latencyAlertId("b")), std::optional(AlertStatus::Firing));
    }

    void unacknowledge()
    {
        Rig rig;
        const std::string id = latencyAlertId("a");
        QVERIFY(rig.coordinator->acknowledge(id, QStringLiteral("x")).ok());
        QVERIFY(rig.select("a"));
        QTest::mouseClick(rig.child<QPushButton>("alertsUnackButton"), Qt::LeftButton);
        QCOMPARE(rig.coordinator->engine().status(id), std::optional(AlertStatus::Firing));
        QVERIFY(!rig.child<QPushButton>("alertsUnackButton")->isEnabled());
        HistoryFilter f;
        f.kinds = {EventKind::AckCleared};
        QCOMPARE(rig.history.events(f)->size(), std::size_t(1));
    }

    void refusalIsShown()
    {
        Rig rig;
        QVERIFY(rig.select("a"));
        rig.pane->acknowledgeSelected(); // dialog open...
        auto *dialog = rig.child<AckDialog>("alertsAckDialog");
        rig.querier.set("lat", {series({{"model", "b"}}, 700)});
        rig.step(15'000); // ...while a resolves
        dialog->buttons()->button(QDialogButtonBox::Ok)->click();
        QVERIFY2(rig.pane->errorText().contains(QStringLiteral("only a pending or firing alert")),
                 qPrintable(rig.pane->errorText()));
        QVERIFY(rig.child<QLabel>("alertsError")->isVisible());
        QCOMPARE(rig.coordinator->engine().status(latencyAlertId("a")), std::optional(AlertStatus::Resolved));
    }

    void filterBar()
    {
        Rig rig;
        QTest::keyClicks(rig.child<QLineEdit>("alertsFilterText"), QStringLiteral("model=b"));
        QCOMPARE(rig.pane->proxy()->rowCount(), 1);
        rig.child<QLineEdit>("alertsFilterText")->clear();
        rig.child<QComboBox>("alertsSeverityFilter")->setCurrentIndex(2); // critical only
        QCOMPARE(rig.pane->proxy()->rowCount(), 2);
        rig.querier.set("lat", {series({{"model", "b"}}, 700)});
        rig.step(15'000);
        QCOMPARE(rig.pane->proxy()->rowCount(), 1); // active only
        rig.child<QComboBox>("alertsStateFilter")->setCurrentIndex(1);
        QCOMPARE(rig.pane->proxy()->rowCount(), 2);
    }

    void doubleClickShowsThePanel()
    {
        Rig rig;
        rig.pane->setRulePanels({{latencyRule().id, 7}});
        QSignalSpy spy(rig.pane.get(), &AlertsPane::showPanelRequested);
        QVERIFY(rig.select("a"));
        QTableView *table = rig.pane->table();
        const QModelIndex index = table->currentIndex();
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.front().front().toInt(), 7);
    }

    void showAlertSelectsIt()
    {
        Rig rig;
        rig.child<QLineEdit>("alertsFilterText")->setText(QStringLiteral("model=b"));
        QVERIFY(rig.pane->showAlert(QString::fromStdString(latencyAlertId("a"))));
        QCOMPARE(rig.pane->currentRow()->instanceId, latencyAlertId("a"));
        QVERIFY(!rig.pane->showAlert(QStringLiteral("nope")));
    }

    /// The dock used to start a quarter of the window tall, the details area
    /// taking room before anything was selected. The pane asks for a strip,
    /// and the details show only for a selection, beside the table in a wide
    /// pane, below it in a tall one, the table keeping the larger part.
    void startsAsAStripDetailsOnlyForASelection()
    {
        Rig rig;
        auto *details = rig.child<QTextBrowser>("alertsDetails");
        auto *split = rig.child<QSplitter>("alertsSplitter");
        QTableView *table = rig.pane->table();
        QVERIFY(details->isHidden());

        const QSize hint = rig.pane->sizeHint();
        QVERIFY2(hint.height() <= 12 * rig.pane->fontMetrics().height(), qPrintable(QString::number(hint.height())));
        rig.pane->resize(1200, hint.height());
        // At that height the table still shows both alerts.
        QTRY_VERIFY(table->viewport()->height() >= 2 * table->verticalHeader()->defaultSectionSize());

        QVERIFY(rig.select("a"));
        QVERIFY(details->isVisible());
        QVERIFY(details->toPlainText().contains(QStringLiteral("model=a")));
        QCOMPARE(split->orientation(), Qt::Horizontal);
        QVERIFY(details->geometry().left() > table->geometry().right());
        QVERIFY2(table->width() > details->width(), qPrintable(QStringLiteral("%1 %2").arg(table->width()).arg(details->width())));
        QCOMPARE(rig.pane->height(), hint.height()); // showing them asks for no more height

        table->clearSelection();
        QVERIFY(!rig.pane->currentRow());
        QVERIFY(details->isHidden());

        rig.pane->resize(500, 700); // floating, or docked at a side
        QVERIFY(rig.select("b"));
        QCOMPARE(split->orientation(), Qt::Vertical);
        QVERIFY(details->isVisible());
        QVERIFY(details->toPlainText().contains(QStringLiteral("model=b")));
        QVERIFY(details->geometry().top() > table->geometry().bottom());
        QVERIFY(table->height() > details->height());
    }

    /// With MW_ALERTS_SCREENSHOT=FILE.png: a populated pane, grabbed to FILE.
    void screenshot()
    {
        const QString path = qEnvironmentVariable("MW_ALERTS_SCREENSHOT");
        if (path.isEmpty())
            QSKIP("set MW_ALERTS_SCREENSHOT=FILE.png to grab the pane");
        Rig rig;
        AlertRule slow = latencyRule();
        slow.id = "serving/SlowStart";
        slow.name = "SlowStart";
        slow.expr = "start";
        slow.forMs = 5 * kMinute;
        slow.severity = Severity::Warning;
        slow.unit = ValueUnit::Seconds;
        rig.coordinator->setRules({latencyRule(), slow});
        rig.querier.set("lat", {series({{"model", "resnet50"}}, 912), series({{"model", "bert-base"}}, 733),
                                series({{"model", "llama-7b"}}, 1204)});
        rig.querier.set("start", {series({{"model", "whisper"}}, 742)});
        rig.step(15'000);
        rig.coordinator->acknowledge(latencyAlertId("bert-base"), QStringLiteral("rolling back to v41"));
        rig.coordinator->snoozeInstance(latencyAlertId("llama-7b"), 60 * kMinute, QStringLiteral("load test"));
        mw::PromAlert p;
        p.labels = {{"alertname", "TargetDown"}, {"instance", "gpu-3:8501"}, {"job", "tfserving"}, {"severity", "critical"}};
        p.state = "firing";
        p.activeAt = "2023-11-14T22:10:00Z";
        p.value = 1;
        rig.pane->model()->setExternalRows(QStringLiteral("prometheus prod"),
                                           {AlertRowBuilder::fromPrometheus(QStringLiteral("prod"), p)});
        rig.pane->resize(1100, 560);
        QVERIFY(rig.select("resnet50"));
        rig.pane->showError(QStringLiteral("alertmanager lab: connection refused by 127.0.0.1:9093 (is Alertmanager running on that port?)"));
        QApplication::processEvents();
        QVERIFY(rig.pane->grab().save(path));
    }
};

QTEST_MAIN(TestAlertsPane)
#include "tst_alerts_pane.moc"
