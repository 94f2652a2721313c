#pragma once

// The dashboard's panels on a 24-column grid (the document's gridPos): the
// column width follows the window, a row is a fixed height. Dragging a
// panel's header moves it, its corner resizes it, snapping to the grid; the
// grid reports the new places and the document decides (layoutEdited).

#include "GridPlacement.h"

#include <QPointer>
#include <QWidget>

#include <map>

namespace mw::ui {

class PanelWidget;

class DashboardGrid : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardGrid(QWidget *parent = nullptr);

    /// Takes `panel` (reparented) at `pos`.
    void addPanel(PanelWidget *panel, const dashboard::GridPos &pos);
    /// Deletes the panel.
    void removePanel(int panelId);
    void setPanelPos(int panelId, const dashboard::GridPos &pos);
    PanelWidget *panelWidget(int panelId) const;
    std::vector<PanelWidget *> panelWidgets() const;
    void clear();

    int rowHeight() const;
    /// The pixel rectangle of a grid position at the current width.
    QRect cellRect(const dashboard::GridPos &pos) const;
    /// The grid cell under a point (x column, y row).
    QPoint cellAt(QPoint p) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {320, 200}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override;

Q_SIGNALS:
    /// The user moved or resized panels: their new places (all that changed).
    void layoutEdited(const std::vector<mw::view::GridItem> &items);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void relayout();
    void onMoveDrag(int id, QPoint global, int phase);
    void onResizeDrag(int id, QPoint global, int phase);
    /// One step of a move (resize false) or resize drag: phase 0 press, 1 move, 2 release.
    void drag(int id, QPoint global, int phase, bool resize);
    void finishDrag(int id, const dashboard::GridPos &target);
    int columnWidth() const;
    int contentRows() const;

    struct Entry
    {
        QPointer<PanelWidget> widget;
        dashboard::GridPos pos;
    };
    std::map<int, Entry> m_entries;
    // The drag in progress.
    int m_dragId = 0;
    QPoint m_dragStart;
    dashboard::GridPos m_dragFrom;
    dashboard::GridPos m_preview;
    bool m_dragging = false;
};

} // namespace mw::ui
