// The window's alerting end to end on the real demo model server: the demo
// dashboard's HighLatency rule (with a short `for` and window, so the test
// takes seconds) goes pending then firing when the latency fault is on, is
// acknowledged through the alerts pane with a comment, comes back
// acknowledged after a restart of the window on the same SQLite history,
// and resolves when the fault stops; its firing period is drawn as a band on
// the latency panel.

#include "AlertsPane.h"
#include "AppAlertsSupport.h"
#include "AppAlerts.h"
#include "DashboardView.h"
#include "DemoBackends.h"
#include "DemoServerFixture.h"
#include "MainWindow.h"
#include "PanelModel.h"
#include "PanelWidget.h"
#include "TimeSeriesPlot.h"
#include "TimeseriesBody.h"
#include "demo/DemoServer.h"
#include "demo/FaultInjector.h"
#include "platform/AlertCoordinator.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <map>
#include <memory>

using namespace mw;
using mw::test::highLatency;
using mw::test::quickDemo;

namespace {

constexpr int kTimeoutMs = 60'000;

} // namespace

class TestAppAlerts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QString error;
        m_demo = test::startDemoServer(&error);
        QVERIFY2(m_demo, qPrintable(error));
    }

    void firesAcknowledgedSurvivesRestartResolves()
    {
        const QString history = m_dir.filePath(QStringLiteral("alerts.sqlite"));
        std::string id;
        {
            ui::MainWindow w(app::backendMaker(m_demo.get()));
            app::AppAlerts alerts(w, history);
            QVERIFY2(alerts.historyError().isEmpty(), qPrintable(alerts.historyError()));
            QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
            w.showNewDocument(quickDemo(w));
            w.show();
            m_demo->faults().setActive(demo::Fault::Latency, true);
            QTRY_VERIFY_WITH_TIMEOUT(highLatency(alerts) && highLatency(alerts)->state == alerting::AlertState::Firing,
                                     kTimeoutMs);
            id = highLatency(alerts)->id();
            QVERIFY(highLatency(alerts)->value > 500'000); // µs

            // Acknowledge through the pane: select the row, press the button, write a comment.
            QVERIFY(alerts.pane()->showAlert(QString::fromStdString(id)));
            auto *ack = alerts.pane()->findChild<QAbstractButton *>(QStringLiteral("alertsAckButton"));
            QVERIFY(ack && ack->isEnabled());
            QTimer::singleShot(0, this, [] {
                QWidget *dialog = QApplication::activeModalWidget();
                QTRY_VERIFY(dialog = QApplication::activeModalWidget());
                dialog->findChild<QPlainTextEdit *>(QStringLiteral("ackComment"))->setPlainText(QStringLiteral("rolling back"));
                dialog->findChild<QDialogButtonBox *>(QStringLiteral("ackButtons"))->button(QDialogButtonBox::Ok)->click();
            });
            ack->click();
            QTRY_VERIFY_WITH_TIMEOUT(highLatency(alerts)->ack.has_value(), 5000);
            QCOMPARE(highLatency(alerts)->ack->comment, std::string("rolling back"));

            // The firing period shows as a band on the latency panel.
            auto *body = qobject_cast<ui::TimeseriesBody *>(w.dashboardView()->panelWidget(2)->body());
            QVERIFY(body);
            w.session()->refreshNow();
            QTRY_VERIFY_WITH_TIMEOUT(!body->plot()->timeBands().empty(), 15'000);
        }
        // A restart on the same history: still acknowledged, no new announcement needed.
        {
            ui::MainWindow w(app::backendMaker(m_demo.get()));
            app::AppAlerts alerts(w, history);
            QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
            w.showNewDocument(quickDemo(w));
            QTRY_VERIFY_WITH_TIMEOUT(highLatency(alerts).has_value(), 5000);
            QCOMPARE(highLatency(alerts)->id(), id);
            QVERIFY(highLatency(alerts)->ack.has_value());
            QCOMPARE(highLatency(alerts)->ack->comment, std::string("rolling back"));

            m_demo->faults().setActive(demo::Fault::Latency, false);
            QTRY_VERIFY_WITH_TIMEOUT(!highLatency(alerts) || highLatency(alerts)->state == alerting::AlertState::Resolved ||
                                         highLatency(alerts)->state == alerting::AlertState::Inactive,
                                     kTimeoutMs);
        }
    }

    void driftFiresTheQualityRules()
    {
        // RecallLow reads the labeled feed, BucketAucLow the score-bucket
        // areas (each its own source): 20 s windows, 20 labels at least,
        // `for` 3 s, so the drift shows in seconds.
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        app::AppAlerts alerts(w, m_dir.filePath(QStringLiteral("drift.sqlite")));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        dashboard::Document d = w.documentController()->document();
        for (dashboard::Source &s : d.sources) {
            if (s.kind == dashboard::SourceKind::Feed) {
                s.feed.windowMs = 20'000;
                s.feed.minSamples = 20;
                s.feed.evaluationIntervalMs = 1'000;
            }
            if (s.kind == dashboard::SourceKind::ScoreBuckets) {
                dashboard::ScoreBucketOptions &b = s.scoreBuckets;
                for (std::string *expr : {&b.positives, &b.negatives})
                    *expr = QString::fromStdString(*expr).replace(QStringLiteral("[5m]"), QStringLiteral("[20s]")).toStdString();
                b.minSamples = 20;
                b.evaluationIntervalMs = 1'000;
            }
        }
        const std::map<std::string, std::string> sources = {{"tfserving/RecallLow", "demo-feed"},
                                                            {"tfserving/BucketAucLow", "demo-buckets"}};
        std::size_t found = 0;
        for (dashboard::DocumentRule &r : d.rules) {
            if (const auto it = sources.find(r.rule.id); it != sources.end()) {
                ++found;
                QCOMPARE(r.source, it->second);
                r.rule.forMs = 3'000;
                r.rule.intervalMs = 1'000;
            }
        }
        QCOMPARE(found, sources.size());
        w.showNewDocument(d);
        const auto recallLow = [&] { return test::instanceOf(alerts, "tfserving/RecallLow"); };
        // Healthy first: the guard lets values through and none is below 0.8.
        view::SourceBackend *feed = w.session()->backend("demo-feed");
        QVERIFY(feed);
        QTRY_VERIFY_WITH_TIMEOUT(!feed->ruleQuerier().instant("modelwatch_quality_recall{average=\"macro\"}", feed->nowMs()).series.empty(),
                                 kTimeoutMs);
        QVERIFY(!recallLow() || recallLow()->state != alerting::AlertState::Firing);
        const auto aucLow = [&] { return test::instanceOf(alerts, "tfserving/BucketAucLow"); };
        view::SourceBackend *buckets = w.session()->backend("demo-buckets");
        QVERIFY(buckets);
        QTRY_VERIFY_WITH_TIMEOUT(!buckets->ruleQuerier().instant("modelwatch_quality_roc_auc", buckets->nowMs()).series.empty(),
                                 kTimeoutMs);
        QVERIFY(!aucLow() || aucLow()->state != alerting::AlertState::Firing);
        // The areas' panel draws the source's series.
        const view::PanelModel *areas = w.session()->panelModel(12);
        QVERIFY(areas);
        QTRY_VERIFY_WITH_TIMEOUT(areas->frame().state == view::PanelState::Ready && !areas->frame().series.empty(), kTimeoutMs);

        m_demo->faults().setActive(demo::Fault::AccuracyDrift, true);
        QTRY_VERIFY_WITH_TIMEOUT(recallLow() && recallLow()->state == alerting::AlertState::Firing, kTimeoutMs);
        QVERIFY(recallLow()->value < 0.8);
        QTRY_VERIFY_WITH_TIMEOUT(aucLow() && aucLow()->state == alerting::AlertState::Firing, kTimeoutMs);
        QVERIFY(aucLow()->value < 0.8);
        m_demo->faults().setActive(demo::Fault::AccuracyDrift, false);
    }

private:
    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAppAlerts)
#include "tst_app_alerts.moc"
