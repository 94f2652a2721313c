#include "DashboardGrid.h"

#include "PanelWidget.h"

#include <QPainter>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>

namespace mw::ui {

using dashboard::GridPos;
using dashboard::kGridColumns;

namespace {

constexpr int kGap = 6;

} // namespace

DashboardGrid::DashboardGrid(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dashboardGrid"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

int DashboardGrid::rowHeight() const { return std::max(24, fontMetrics().height() * 2); }

int DashboardGrid::columnWidth() const { return std::max(8, (width() - kGap) / kGridColumns); }

QRect DashboardGrid::cellRect(const GridPos &pos) const
{
    const double colW = static_cast<double>(width() - kGap) / kGridColumns;
    const int x0 = kGap + static_cast<int>(std::lround(pos.x * colW));
    const int x1 = static_cast<int>(std::lround((pos.x + pos.w) * colW));
    const int y0 = kGap + pos.y * rowHeight();
    const int y1 = (pos.y + pos.h) * rowHeight();
    return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

QPoint DashboardGrid::cellAt(QPoint p) const
{
    const double colW = static_cast<double>(width() - kGap) / kGridColumns;
    return {std::clamp(static_cast<int>((p.x() - kGap) / colW), 0, kGridColumns - 1), std::max(0, (p.y() - kGap) / rowHeight())};
}

int DashboardGrid::contentRows() const
{
    int rows = 0;
    for (const auto &[id, e] : m_entries)
        rows = std::max(rows, e.pos.y + e.pos.h);
    if (m_dragging)
        rows = std::max(rows, m_preview.y + m_preview.h);
    return rows;
}

int DashboardGrid::heightForWidth(int) const { return contentRows() * rowHeight() + kGap * 2; }

QSize DashboardGrid::sizeHint() const { return {1200, heightForWidth(1200)}; }

void DashboardGrid::addPanel(PanelWidget *panel, const GridPos &pos)
{
    panel->setParent(this);
    m_entries[panel->panelId()] = {panel, pos};
    connect(panel, &PanelWidget::moveDragged, this, &DashboardGrid::onMoveDrag);
    connect(panel, &PanelWidget::resizeDragged, this, &DashboardGrid::onResizeDrag);
    panel->show();
    relayout();
}

void DashboardGrid::removePanel(int panelId)
{
    const auto it = m_entries.find(panelId);
    if (it == m_entries.end())
        return;
    delete it->second.widget.data();
    m_entries.erase(it);
    relayout();
}

void DashboardGrid::setPanelPos(int panelId, const GridPos &pos)
{
    const auto it = m_entries.find(panelId);
    if (it == m_entries.end() || it->second.pos == pos)
        return;
    it->second.pos = pos;
    relayout();
}

PanelWidget *DashboardGrid::panelWidget(int panelId) const
{
    const auto it = m_entries.find(panelId);
    return it == m_entries.end() ? nullptr : it->second.widget.data();
}

std::vector<PanelWidget *> DashboardGrid::panelWidgets() const
{
    std::vector<PanelWidget *> out;
    for (const auto &[id, e] : m_entries) {
        if (e.widget)
            out.push_back(e.widget);
    }
    return out;
}

void DashboardGrid::clear()
{
    for (auto &[id, e] : m_entries)
        delete e.widget.data();
    m_entries.clear();
    relayout();
}

void DashboardGrid::relayout()
{
    for (auto &[id, e] : m_entries) {
        if (!e.widget || (m_dragging && id == m_dragId))
            continue;
        e.widget->setGeometry(cellRect(e.pos));
    }
    setMinimumHeight(heightForWidth(width()));
    updateGeometry();
    update();
}

void DashboardGrid::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void DashboardGrid::paintEvent(QPaintEvent *)
{
    if (!m_dragging)
        return;
    QPainter p(this);
    QColor c = palette().color(QPalette::Highlight);
    c.setAlphaF(0.18f);
    p.fillRect(cellRect(m_preview), c);
    c.setAlphaF(0.8f);
    p.setPen(QPen(c, 1, Qt::DashLine));
    p.drawRect(cellRect(m_preview).adjusted(0, 0, -1, -1));
}

void DashboardGrid::onMoveDrag(int id, QPoint global, int phase) { drag(id, global, phase, false); }

void DashboardGrid::onResizeDrag(int id, QPoint global, int phase) { drag(id, global, phase, true); }

void DashboardGrid::drag(int id, QPoint global, int phase, bool resize)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->second.widget)
        return;
    PanelWidget *w = it->second.widget;
    const QPoint local = mapFromGlobal(global);
    if (phase == 0) {
        m_dragId = id;
        m_dragStart = local;
        m_dragFrom = it->second.pos;
        m_preview = m_dragFrom;
        return;
    }
    if (m_dragId != id)
        return;
    const QPoint delta = local - m_dragStart;
    if (phase == 2) {
        if (m_dragging)
            finishDrag(id, m_preview);
        m_dragId = 0;
        return;
    }
    // A move starts after a few pixels, so a click on the header stays a click.
    if (!resize && !m_dragging && delta.manhattanLength() < 6)
        return;
    m_dragging = true;
    const QRect from = cellRect(m_dragFrom);
    const int cols = static_cast<int>(std::lround(static_cast<double>(delta.x()) / columnWidth()));
    const int rows = static_cast<int>(std::lround(static_cast<double>(delta.y()) / rowHeight()));
    GridPos p = m_dragFrom;
    if (resize) {
        w->resize(std::max(80, from.width() + delta.x()), std::max(60, from.height() + delta.y()));
        p.w = std::max(2, p.w + cols);
        p.h = std::max(2, p.h + rows);
    } else {
        w->raise();
        w->move(from.topLeft() + delta);
        p.x += cols;
        p.y += rows;
    }
    m_preview = view::clampToGrid(p);
    update();
}

void DashboardGrid::finishDrag(int id, const GridPos &target)
{
    m_dragging = false;
    std::vector<view::GridItem> items;
    for (const auto &[pid, e] : m_entries)
        items.push_back({pid, e.pos});
    const std::vector<view::GridItem> placed = view::placeOnGrid(items, id, target);
    std::vector<view::GridItem> changed;
    for (const view::GridItem &g : placed) {
        Entry &e = m_entries[g.id];
        if (!(e.pos == g.pos))
            changed.push_back(g);
        e.pos = g.pos;
    }
    relayout();
    if (!changed.empty())
        Q_EMIT layoutEdited(changed);
}

} // namespace mw::ui
