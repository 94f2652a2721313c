// The main window on the real demo model server (in-process, scraped over
// loopback): the demo dashboard fills in, a panel is edited through the real
// editor dialog, saved and reopened equal, zoom is shared, variables reach
// the queries, bad files are refused with their place, unsaved changes are
// asked about. Offscreen; every wait is bounded.

#include "DashboardGrid.h"
#include "DashboardView.h"
#include "DemoBackends.h"
#include "DemoServerFixture.h"
#include "MainWindow.h"
#include "PanelEditing.h"
#include "PanelWidget.h"
#include "SourceStatusBar.h"
#include "QualityBody.h"
#include "QualityCurveView.h"
#include "TimeSeriesPlot.h"
#include "Theme.h"
#include "TimeseriesBody.h"
#include "demo/DemoServer.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <cmath>
#include <memory>

using namespace mw;

namespace {

constexpr int kTimeoutMs = 40'000;

bool panelHasData(ui::MainWindow &w, int id)
{
    view::PanelModel *m = w.session()->panelModel(id);
    if (!m || m->frame().state != view::PanelState::Ready)
        return false;
    for (const view::PanelSeries &s : m->frame().series) {
        for (const Point &p : *s.points) {
            if (std::isfinite(p.v))
                return true;
        }
    }
    return false;
}

/// Runs `f` on the next modal dialog once it is shown.
void onNextModal(std::function<void(QWidget *)> f)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, f] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            f(modal);
        }
    });
    timer->start();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        m_demo = test::startDemoServer(&error);
        QVERIFY2(m_demo, qPrintable(error));
        QVERIFY(m_dir.isValid());
    }

    void demoDashboardFillsIn()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QString error;
        QVERIFY2(w.openExample(QString::fromLatin1(app::kDemoExample), &error), qPrintable(error));
        w.show();
        QVERIFY(!w.isWindowModified());
        // Throughput, latency, memory and the labels-pending stat fill in
        // from the scrapes; the quality stats once labels have arrived.
        for (int id : {1, 2, 3, 6})
            QTRY_VERIFY2_WITH_TIMEOUT(panelHasData(w, id), qPrintable(QStringLiteral("panel %1").arg(id)), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(panelHasData(w, 4), kTimeoutMs);
        const auto *status = w.findChild<ui::SourceStatusBar *>();
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->texts().join(u' ').contains(u"demo: up"), kTimeoutMs);
        // The widgets show what the models hold.
        ui::PanelWidget *latency = w.dashboardView()->panelWidget(2);
        QVERIFY(latency);
        QVERIFY(latency->messageText().isEmpty());
        auto *body = qobject_cast<ui::TimeseriesBody *>(latency->body());
        QVERIFY(body);
        QCOMPARE(body->plot()->series().size(), std::size_t{3});
        QCOMPARE(body->plot()->series()[1].name, QStringLiteral("p95"));

        // The score-bucket curve panel (input 2) draws a ROC curve from the counters.
        auto *curves = qobject_cast<ui::QualityBody *>(w.dashboardView()->panelWidget(11)->body());
        QVERIFY(curves);
        QTRY_VERIFY_WITH_TIMEOUT(curves->curveView()->snapshot() && !curves->curveView()->snapshot()->curves.empty(), kTimeoutMs);
        const view::QualityCurve &roc = curves->curveView()->snapshot()->curves.front();
        QVERIFY(roc.rocDefined);
        QVERIFY2(roc.rocAuc > 0.8 && roc.rocAuc <= 1.0, qPrintable(QString::number(roc.rocAuc)));
        QVERIFY(roc.positives > 0 && roc.negatives > 0);
    }

    void editSaveReopen()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        w.setPanelEditor(app::panelEditor());
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        const dashboard::Document before = w.documentController()->document();
        bool sawDialog = false;
        onNextModal([&](QWidget *modal) {
            sawDialog = modal->objectName() == u"panelEditor";
            auto *title = modal->findChild<QLineEdit *>(QStringLiteral("title"));
            auto *buttons = modal->findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
            if (!title || !buttons) {
                modal->close();
                return;
            }
            title->selectAll();
            QTest::keyClicks(title, QStringLiteral("Requests per second"));
            buttons->button(QDialogButtonBox::Ok)->click();
        });
        w.editPanel(1);
        QVERIFY(sawDialog);
        const dashboard::Document edited = w.documentController()->document();
        QCOMPARE(edited.panel(1)->title, std::string("Requests per second"));
        QVERIFY(w.isWindowModified());
        // Only the title changed.
        dashboard::Document expected = before;
        expected.panels[0].title = "Requests per second";
        QVERIFY(edited == expected);
        QCOMPARE(w.dashboardView()->panelWidget(1)->panel().title, std::string("Requests per second"));

        const QString path = m_dir.filePath(QStringLiteral("edited.modelwatch.json"));
        QString error;
        QVERIFY2(w.documentController()->saveAs(path, &error), qPrintable(error));
        QVERIFY(!w.isWindowModified());
        ui::MainWindow again(app::backendMaker(m_demo.get()));
        QVERIFY2(again.openFile(path, &error), qPrintable(error));
        QVERIFY(again.documentController()->document() == edited);
        QVERIFY(again.documentController()->recentFiles().contains(QFileInfo(path).absoluteFilePath()));
    }

    void zoomIsShared()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(panelHasData(w, 1) && panelHasData(w, 3), kTimeoutMs);
        auto *a = qobject_cast<ui::TimeseriesBody *>(w.dashboardView()->panelWidget(1)->body());
        auto *b = qobject_cast<ui::TimeseriesBody *>(w.dashboardView()->panelWidget(3)->body());
        QVERIFY(a && b);
        const TimeRange full = a->plot()->timeRange();
        const TimeRange zoom{full.t0 + full.span() / 4, full.t1 - full.span() / 4};
        const int64_t fullStep = w.session()->panelModel(3)->frame().stepMs;
        a->plot()->setTimeRange(zoom);
        QCOMPARE(b->plot()->timeRange().t0, zoom.t0);
        QCOMPARE(b->plot()->timeRange().t1, zoom.t1);
        QVERIFY(b->plot()->isZoomed());
        // Once the gesture settles, the panels fetch the zoomed window, not
        // coarser than before, and stop following the clock.
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->isZoomed(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->panelModel(3)->frame().fromMs, int64_t{zoom.t0}, 10'000);
        QCOMPARE(w.session()->panelModel(3)->frame().toMs, int64_t{zoom.t1});
        QVERIFY(w.session()->panelModel(3)->frame().stepMs <= fullStep);
        auto *picker = w.findChild<QToolButton *>(QStringLiteral("timeRange"));
        QVERIFY(picker && picker->text().startsWith(u"Zoomed"));
        w.dashboardView()->resetZoom();
        QVERIFY(!a->plot()->isZoomed());
        QVERIFY(!b->plot()->isZoomed());
        QVERIFY(!w.session()->isZoomed());
        QCOMPARE(picker->text(), QStringLiteral("Last 10 minutes"));
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->panelModel(3)->frame().fromMs < zoom.t0, 10'000);
    }

    void variablesReachQueries()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        view::VariableModel *vars = w.session()->variables();
        QTRY_VERIFY_WITH_TIMEOUT(vars->options(0).contains(u"demo"), kTimeoutMs);
        view::PanelModel *m = w.session()->panelModel(1);
        QVERIFY(QString::fromStdString(m->lastExpressions().at(0)).contains(u"model_name=~\".*\""));
        // Pick the model in the bar's menu, as a user does.
        auto *button = w.findChild<QToolButton *>(QStringLiteral("var-model"));
        QVERIFY(button && button->menu());
        QAction *demoAction = nullptr;
        for (QAction *a : button->menu()->actions()) {
            if (a->text() == u"demo")
                demoAction = a;
        }
        QVERIFY(demoAction);
        demoAction->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QString::fromStdString(m->lastExpressions().at(0)).contains(u"model_name=~\"demo\""), 5000);
        QCOMPARE(w.documentController()->document().variables[0].current, std::vector<std::string>{"demo"});
        QTRY_VERIFY_WITH_TIMEOUT(panelHasData(w, 1), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("demo"), 5000);
    }

    void badFileIsRefusedWithItsPlace()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        const dashboard::Document before = w.documentController()->document();
        const QString path = m_dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"schemaVersion": 2, "title": "x", "panels": [{"id": "one"}]})");
        f.close();
        QString error;
        QVERIFY(!w.openFile(path, &error));
        QVERIFY2(error.contains(u"/panels/0/id"), qPrintable(error));
        QVERIFY(w.documentController()->document() == before);
        QCOMPARE(w.dashboardView()->grid()->panelWidgets().size(), before.panels.size());
    }

    void unsavedChangesAreAskedAbout()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        const std::size_t panels = w.documentController()->document().panels.size();
        w.duplicatePanel(1);
        QVERIFY(w.isWindowModified());
        const dashboard::Document &doc = w.documentController()->document();
        QCOMPARE(doc.panels.size(), panels + 1);
        QCOMPARE(doc.panels.back().title, doc.panels.front().title + " (copy)");
        QVERIFY(w.dashboardView()->panelWidget(doc.panels.back().id));
        // Cancel keeps the window open; Discard lets it close.
        QString seen;
        onNextModal([&](QWidget *modal) {
            seen = modal->objectName();
            if (auto *box = qobject_cast<QMessageBox *>(modal))
                box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!w.close());
        QCOMPARE(seen, QStringLiteral("unsavedBox"));
        onNextModal([&](QWidget *modal) {
            if (auto *box = qobject_cast<QMessageBox *>(modal))
                box->button(QMessageBox::Discard)->click();
        });
        QVERIFY(w.close());
    }

    void presetPanelFillsIn()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        auto *menu = w.findChild<QMenu *>(QStringLiteral("presetPanelsMenu"));
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QStringList titles;
        QAction *latency = nullptr;
        for (QAction *a : menu->actions()) {
            titles << a->text();
            if (!latency && a->isEnabled() && a->text().contains(u"atency"))
                latency = a;
        }
        QVERIFY2(latency, qPrintable(titles.join(u", ")));
        const std::size_t before = w.documentController()->document().panels.size();
        latency->trigger();
        const dashboard::Document &d = w.documentController()->document();
        QCOMPARE(d.panels.size(), before + 1);
        const dashboard::Panel &added = d.panels.back();
        QVERIFY(!added.queries.empty());
        QVERIFY(QString::fromStdString(added.queries[0].expr).contains(u":tensorflow:serving:"));
        QTRY_VERIFY_WITH_TIMEOUT(panelHasData(w, added.id), kTimeoutMs);
    }

    void dragMovesAndResizesPanels()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ui::DashboardGrid *grid = w.dashboardView()->grid();
        ui::PanelWidget *panel = w.dashboardView()->panelWidget(1);
        QWidget *title = panel->findChild<QWidget *>(QStringLiteral("title"));
        QVERIFY(title);
        const dashboard::GridPos before = w.documentController()->document().panel(1)->grid;
        // Drag the header one column-width right and three rows down: the
        // panel lands there and the panels in the way move down.
        const QPoint start = title->rect().center();
        const int colW = grid->cellRect({0, 0, 1, 1}).width();
        const QPoint delta(colW * 4, grid->rowHeight() * 3);
        // The header moves with the pointer: aim at fixed screen positions.
        const QPoint globalStart = title->mapToGlobal(start);
        QTest::mousePress(title, Qt::LeftButton, {}, start);
        for (int i = 1; i <= 4; ++i)
            QTest::mouseMove(title, title->mapFromGlobal(globalStart + delta * i / 4));
        QTest::mouseRelease(title, Qt::LeftButton, {}, title->mapFromGlobal(globalStart + delta));
        const dashboard::GridPos after = w.documentController()->document().panel(1)->grid;
        QVERIFY2(after.x == before.x + 4, qPrintable(QStringLiteral("x %1 -> %2").arg(before.x).arg(after.x)));
        QVERIFY(w.isWindowModified());
        for (const dashboard::Panel &a : w.documentController()->document().panels) {
            for (const dashboard::Panel &b : w.documentController()->document().panels)
                QVERIFY(a.id == b.id || !view::overlaps(a.grid, b.grid));
        }
        QCOMPARE(panel->geometry(), grid->cellRect(after));
        // The corner grip resizes (here: two columns narrower, two rows taller).
        const QPoint corner(panel->width() - 3, panel->height() - 3);
        const QPoint grow(-colW * 2, grid->rowHeight() * 2);
        QTest::mousePress(panel, Qt::LeftButton, {}, corner);
        QTest::mouseMove(panel, corner + grow / 2);
        QTest::mouseMove(panel, corner + grow);
        QTest::mouseRelease(panel, Qt::LeftButton, {}, corner + grow);
        const dashboard::GridPos resized = w.documentController()->document().panel(1)->grid;
        QCOMPARE(resized.w, after.w - 2);
        QCOMPARE(resized.h, after.h + 2);
    }

    void darkThemeReachesThePanels()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        w.show();
        auto *dark = w.findChild<QAction *>(QStringLiteral("theme-dark"));
        auto *system = w.findChild<QAction *>(QStringLiteral("theme-system"));
        QVERIFY(dark && system);
        dark->trigger();
        QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.5f);
        QTRY_VERIFY(w.dashboardView()->panelWidget(1)->palette().color(QPalette::Base).lightnessF() < 0.5f);
        QCOMPARE(ui::Theme::savedMode(), ui::Theme::Mode::Dark);
        system->trigger();
        QCOMPARE(ui::Theme::savedMode(), ui::Theme::Mode::System);
    }

    void pausingStopsTheClock()
    {
        ui::MainWindow w(app::backendMaker(m_demo.get()));
        QVERIFY(w.openExample(QString::fromLatin1(app::kDemoExample)));
        QTRY_VERIFY_WITH_TIMEOUT(panelHasData(w, 1), kTimeoutMs);
        QSignalSpy refreshed(w.session(), &view::DashboardSession::refreshed);
        auto *pause = w.findChild<QAction *>(QStringLiteral("actionPause"));
        QVERIFY(pause);
        pause->trigger();
        QVERIFY(w.session()->isPaused());
        refreshed.clear();
        // The demo dashboard refreshes every 5 s: nothing in 6 s while paused.
        QVERIFY(!refreshed.wait(6000));
        pause->trigger();
        QVERIFY(!w.session()->isPaused());
        QVERIFY(refreshed.count() >= 1 || refreshed.wait(6000));
    }

private:
    std::unique_ptr<demo::DemoServer> m_demo;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
