#pragma once

// A running dashboard on screen: the panel grid in a scroll area, one
// PanelWidget per panel of the document fed by its PanelModel, hover and
// zoom synced across all plots, repaints through one frame clock. The
// document is the caller's: this view shows it and reports edits.

#include "DashboardSession.h"
#include "GridPlacement.h"
#include "PlotTypes.h"

#include <QScrollArea>
#include <QTimer>

#include <functional>
#include <map>

namespace mw {
class PlotCursor;
class FrameClock;
} // namespace mw

namespace mw::ui {

class DashboardGrid;
class PanelWidget;

class DashboardView : public QScrollArea
{
    Q_OBJECT
public:
    explicit DashboardView(view::DashboardSession *session, QWidget *parent = nullptr);
    ~DashboardView() override;

    /// Shows `document` (panels added, removed, updated by id) and hands it to the session.
    void setDocument(const dashboard::Document &document);
    view::DashboardSession *session() const { return m_session; }
    DashboardGrid *grid() const { return m_grid; }
    PanelWidget *panelWidget(int panelId) const;
    PlotCursor *plotCursor() const { return m_cursor; }

    /// Alert periods for a panel's chart (from the alerting layer).
    using BandProvider = std::function<std::vector<TimeBand>(int panelId, int64_t fromMs, int64_t toMs)>;
    void setBandProvider(BandProvider provider);
    void updateBands();

    /// True when every panel has an answer (ready, no data or error).
    bool allPanelsAnswered() const;
    /// Every panel rendered into one image of the grid's size.
    QImage renderImage();

public Q_SLOTS:
    void resetZoom();

Q_SIGNALS:
    void layoutEdited(const std::vector<mw::view::GridItem> &items);
    void editPanelRequested(int panelId);
    void duplicatePanelRequested(int panelId);
    void removePanelRequested(int panelId);
    void exportImageRequested(int panelId);
    void exportCsvRequested(int panelId);
    void copyImageRequested(int panelId);
    void allAnswered();

private:
    PanelWidget *createPanel(const dashboard::Panel &panel);
    void attachModel(PanelWidget *w);
    void onFrame(int panelId);

    view::DashboardSession *m_session;
    DashboardGrid *m_grid;
    PlotCursor *m_cursor;
    FrameClock *m_clock;
    BandProvider m_bands;
    dashboard::Document m_doc;
    QTimer m_zoomSettle;
};

} // namespace mw::ui
