#pragma once

// The application window: assembles the dashboard view, the toolbar (time
// range, refresh, pause), the variables bar, the status bar with each
// source's health, the menus and shortcuts. It holds no data: the document
// is the DocumentController's, the running dashboard the DashboardSession's.

#include "DashboardSession.h"
#include "DocumentController.h"
#include "presets/Dashboard.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QLabel;
class QMenu;

namespace mw::ui {

class DashboardView;
class RefreshPicker;
class SourceStatusBar;
class Theme;
class TimeRangePicker;
class VariableBar;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(view::DashboardSession::BackendMaker maker, QWidget *parent = nullptr);
    ~MainWindow() override;

    view::DocumentController *documentController() { return &m_doc; }
    view::DashboardSession *session() { return m_session; }
    DashboardView *dashboardView() const { return m_view; }
    Theme *theme() const { return m_theme; }
    /// Opens a file; errors go to a message box unless `error` is given.
    bool openFile(const QString &path, QString *error = nullptr);
    bool openExample(const QString &name, QString *error = nullptr);
    /// Shows a document that is not a file yet (a preset, an import).
    void showNewDocument(dashboard::Document document);
    /// Adds a menu before Panel (the Demo menu, the Alerts menu).
    void addExtraMenu(QMenu *menu);
    /// Asks the user about unsaved changes: true when it is fine to go on.
    bool confirmDiscard();
    /// Opens the panel editor for `panelId` (the editor library's dialog).
    using PanelEditor = std::function<bool(QWidget *parent, dashboard::Panel &panel, MainWindow &window)>;
    void setPanelEditor(PanelEditor editor) { m_editor = std::move(editor); }
    /// Applies an edited document (marks it modified).
    void applyEdit(dashboard::Document document);

public Q_SLOTS:
    void newDashboard();
    void openDialog();
    bool save();
    bool saveAs();
    void importGrafana();
    void connectToServer();
    void exportDashboardImage();
    void addPanel(dashboard::PanelKind kind);
    /// Adds a model server preset panel (throughput, latency p50/p95/p99, memory...).
    void addPresetPanel(const presets::Panel &preset);
    void editPanel(int panelId);
    void removePanel(int panelId);
    void duplicatePanel(int panelId);
    void exportPanelImage(int panelId);
    void exportPanelCsv(int panelId);
    void copyPanelImage(int panelId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void rebuildRecentMenu();
    void fillPresetMenu(QMenu *menu);
    void rebuildExamplesMenu();
    void onDocumentReplaced();
    void onDocumentEdited();
    void updateTitle();
    void showError(const QString &title, const QString &text);

    view::DocumentController m_doc;
    view::DashboardSession *m_session;
    DashboardView *m_view;
    VariableBar *m_variables;
    TimeRangePicker *m_range;
    RefreshPicker *m_refresh;
    SourceStatusBar *m_status;
    QLabel *m_rangeError;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_refreshNow = nullptr;
    QAction *m_resetZoom = nullptr;
    PanelEditor m_editor;
    Theme *m_theme = nullptr;
};

} // namespace mw::ui
