#include "MainWindow.h"

#include "DashboardView.h"
#include "dashboard/PresetDocument.h"
#include "presets/PresetBuilder.h"
#include "RefreshPicker.h"
#include "SourceStatusBar.h"
#include "Theme.h"
#include "TimeRangePicker.h"
#include "VariableBar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace mw::ui {

MainWindow::MainWindow(view::DashboardSession::BackendMaker maker, QWidget *parent)
    : QMainWindow(parent), m_session(new view::DashboardSession(std::move(maker), this)),
      m_view(new DashboardView(m_session, this)), m_variables(new VariableBar(m_session->variables(), this)),
      m_range(new TimeRangePicker(this)), m_refresh(new RefreshPicker(this)), m_status(new SourceStatusBar(m_session, this)),
      m_rangeError(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setUnifiedTitleAndToolBarOnMac(true);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_variables);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    buildActions();
    buildMenus();
    buildToolBar();
    statusBar()->addWidget(m_status, 1);
    m_rangeError->setObjectName(QStringLiteral("rangeError"));
    statusBar()->addPermanentWidget(m_rangeError);

    connect(&m_doc, &view::DocumentController::documentReplaced, this, &MainWindow::onDocumentReplaced);
    connect(&m_doc, &view::DocumentController::documentEdited, this, &MainWindow::onDocumentEdited);
    connect(&m_doc, &view::DocumentController::modifiedChanged, this, &MainWindow::setWindowModified);
    connect(&m_doc, &view::DocumentController::pathChanged, this, &MainWindow::updateTitle);
    connect(&m_doc, &view::DocumentController::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
    connect(m_session, &view::DashboardSession::rangeError, m_rangeError, &QLabel::setText);
    connect(m_session, &view::DashboardSession::refreshed, m_rangeError, &QLabel::clear);
    connect(m_session, &view::DashboardSession::zoomChanged, this, [this] {
        const std::optional<view::ResolvedRange> r = m_session->resolvedRange();
        if (m_session->isZoomed() && r)
            m_range->setText(tr("Zoomed: %1 (Ctrl+0 resets)")
                                 .arg(view::describeRange(view::absoluteRange(r->fromMs, r->toMs))));
        else
            m_range->setRange(m_doc.document().time);
    });
    connect(m_range, &TimeRangePicker::rangeChosen, this, [this](const dashboard::TimeRange &r) {
        dashboard::Document d = m_doc.document();
        d.time = r;
        applyEdit(std::move(d));
    });
    connect(m_refresh, &RefreshPicker::refreshChosen, this, [this](dashboard::Refresh r) {
        dashboard::Document d = m_doc.document();
        d.refresh = r;
        applyEdit(std::move(d));
    });
    connect(m_view, &DashboardView::layoutEdited, this, [this](const std::vector<view::GridItem> &items) {
        dashboard::Document d = m_doc.document();
        for (const view::GridItem &g : items) {
            for (dashboard::Panel &p : d.panels) {
                if (p.id == g.id)
                    p.grid = g.pos;
            }
        }
        applyEdit(std::move(d));
    });
    connect(m_view, &DashboardView::editPanelRequested, this, &MainWindow::editPanel);
    connect(m_view, &DashboardView::removePanelRequested, this, &MainWindow::removePanel);
    connect(m_view, &DashboardView::duplicatePanelRequested, this, &MainWindow::duplicatePanel);
    connect(m_view, &DashboardView::exportImageRequested, this, &MainWindow::exportPanelImage);
    connect(m_view, &DashboardView::exportCsvRequested, this, &MainWindow::exportPanelCsv);
    connect(m_view, &DashboardView::copyImageRequested, this, &MainWindow::copyPanelImage);
    // A variable picked in the bar is part of the document (saved with it).
    connect(m_session->variables(), &view::VariableModel::selectionChanged, this, [this] {
        dashboard::Document d = m_doc.document();
        const auto &vars = m_session->variables()->variables();
        for (std::size_t i = 0; i < d.variables.size() && i < vars.size(); ++i)
            d.variables[i].current = vars[i].current;
        if (!(d == m_doc.document()))
            m_doc.edit(std::move(d)); // the session has it already
    });
    resize(1280, 860);
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    m_refreshNow = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Refresh now"), this);
    m_refreshNow->setObjectName(QStringLiteral("actionRefresh"));
    m_refreshNow->setShortcuts({QKeySequence::Refresh, QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(m_refreshNow, &QAction::triggered, m_session, &view::DashboardSession::refreshNow);

    m_pause = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause live updates"), this);
    m_pause->setObjectName(QStringLiteral("actionPause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_pause, &QAction::toggled, this, [this](bool on) {
        m_session->setPaused(on);
        m_pause->setText(on ? tr("&Resume live updates") : tr("&Pause live updates"));
    });

    m_resetZoom = new QAction(QIcon::fromTheme(QStringLiteral("zoom-original")), tr("Reset &zoom"), this);
    m_resetZoom->setObjectName(QStringLiteral("actionResetZoom"));
    m_resetZoom->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::Key_Escape)});
    connect(m_resetZoom, &QAction::triggered, m_view, &DashboardView::resetZoom);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New dashboard"), QKeySequence::New, this,
                    &MainWindow::newDashboard);
    file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), QKeySequence::Open, this,
                    &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_examplesMenu = file->addMenu(tr("E&xample dashboards"));
    file->addAction(QIcon::fromTheme(QStringLiteral("network-connect")), tr("&Connect to server…"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::connectToServer);
    file->addAction(tr("&Import Grafana dashboard…"), this, &MainWindow::importGrafana);
    file->addSeparator();
    file->addAction(QIcon::fromTheme(QStringLiteral("document-save")), tr("&Save"), QKeySequence::Save, this,
                    &MainWindow::save);
    file->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("Save &as…"), QKeySequence::SaveAs, this,
                    &MainWindow::saveAs);
    file->addAction(tr("&Export dashboard as PNG…"), this, &MainWindow::exportDashboardImage);
    file->addSeparator();
    file->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), QKeySequence::Quit, this,
                    &QWidget::close);
    rebuildRecentMenu();
    rebuildExamplesMenu();

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_refreshNow);
    m_viewMenu->addAction(m_pause);
    m_viewMenu->addAction(m_resetZoom);
    m_viewMenu->addAction(tr("&Absolute time range…"), m_range, &TimeRangePicker::chooseAbsolute);
    m_viewMenu->addSeparator();
    m_theme = new Theme(this);
    if (Theme::savedMode() != Theme::Mode::System)
        m_theme->setMode(Theme::savedMode());
    m_viewMenu->addMenu(m_theme->makeMenu(this));

    QMenu *panel = menuBar()->addMenu(tr("&Panel"));
    panel->addAction(tr("Add &time series panel"), this, [this] { addPanel(dashboard::PanelKind::Timeseries); });
    panel->addAction(tr("Add &stat panel"), this, [this] { addPanel(dashboard::PanelKind::Stat); });
    QMenu *presetsMenu = panel->addMenu(tr("Add &preset panel"));
    presetsMenu->setObjectName(QStringLiteral("presetPanelsMenu"));
    connect(presetsMenu, &QMenu::aboutToShow, this, [this, presetsMenu] { fillPresetMenu(presetsMenu); });
}

void MainWindow::addExtraMenu(QMenu *menu)
{
    menu->setParent(this, menu->windowFlags());
    const QList<QAction *> actions = menuBar()->actions();
    menuBar()->insertMenu(actions.size() > 2 ? actions.at(2) : nullptr, menu);
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = addToolBar(tr("Dashboard"));
    bar->setObjectName(QStringLiteral("dashboardToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_range);
    bar->addWidget(m_refresh);
    bar->addAction(m_pause);
    bar->addAction(m_refreshNow);
    bar->addAction(m_resetZoom);
}

void MainWindow::fillPresetMenu(QMenu *menu)
{
    menu->clear();
    const presets::ServerKind kind = m_doc.document().server;
    std::vector<presets::PresetPanel> panels = presets::PresetBuilder::panels(kind);
    const std::vector<presets::PresetPanel> process = presets::PresetBuilder::panels(presets::Collector::Process);
    panels.insert(panels.end(), process.begin(), process.end());
    if (kind == presets::ServerKind::Unknown) {
        QAction *hint = menu->addAction(tr("This dashboard's model server is not known: process panels only"));
        hint->setEnabled(false);
    }
    for (const presets::PresetPanel &pp : panels) {
        const presets::Panel preset = pp.panel;
        menu->addAction(QString::fromStdString(preset.title), this, [this, preset] { addPresetPanel(preset); });
    }
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_doc.recentFiles();
    for (const QString &f : files)
        m_recentMenu->addAction(QFileInfo(f).fileName(), this, [this, f] {
            if (confirmDiscard())
                openFile(f);
        })->setToolTip(f);
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear list"), &m_doc, &view::DocumentController::clearRecentFiles);
    }
}

void MainWindow::rebuildExamplesMenu()
{
    m_examplesMenu->clear();
    for (const QString &name : view::DocumentController::exampleNames())
        m_examplesMenu->addAction(name, this, [this, name] {
            if (confirmDiscard())
                openExample(name);
        });
}

void MainWindow::onDocumentReplaced()
{
    const dashboard::Document &d = m_doc.document();
    m_range->setRange(d.time);
    m_refresh->setRefresh(d.refresh);
    m_view->setDocument(d);
    m_variables->rebuild();
    m_status->refresh();
    updateTitle();
}

void MainWindow::onDocumentEdited()
{
    const dashboard::Document &d = m_doc.document();
    m_range->setRange(d.time);
    m_refresh->setRefresh(d.refresh);
    // The bar is rebuilt when a definition changed (added, removed, renamed,
    // new options or kind), not for a new selection: that comes from the bar
    // itself, whose open dropdown must survive it.
    const auto definitions = [](std::vector<dashboard::Variable> v) {
        for (dashboard::Variable &x : v)
            x.current.clear();
        return v;
    };
    const bool varsChanged = definitions(d.variables) != definitions(m_session->variables()->variables());
    m_session->setRefresh(d.refresh);
    m_view->setDocument(d);
    if (varsChanged)
        m_variables->rebuild();
    updateTitle();
}

void MainWindow::applyEdit(dashboard::Document document) { m_doc.edit(std::move(document)); }

void MainWindow::updateTitle()
{
    setWindowTitle(m_doc.displayName() + QStringLiteral(" \u2014 ModelWatch"));
    setWindowFilePath(m_doc.path());
    setWindowModified(m_doc.isModified());
}

void MainWindow::showError(const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorBox"));
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

bool MainWindow::confirmDiscard()
{
    if (!m_doc.isModified())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The dashboard \"%1\" has changes that are not saved.")
                        .arg(QString::fromStdString(m_doc.document().title)),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (confirmDiscard())
        event->accept();
    else
        event->ignore();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().value(0).isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = event->mimeData()->urls().value(0).toLocalFile();
    if (!path.isEmpty() && confirmDiscard())
        openFile(path);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        // Colours that carry meaning (thresholds, series) follow the palette.
        m_view->setDocument(m_doc.document());
    }
}

} // namespace mw::ui
