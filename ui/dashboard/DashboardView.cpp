#include "DashboardView.h"

#include "DashboardGrid.h"
#include "FrameClock.h"
#include "PanelWidget.h"
#include "PlotCursor.h"
#include "TimeSeriesPlot.h"
#include "TimeseriesBody.h"

#include <QPainter>
#include <QScrollBar>

#include <set>

namespace mw::ui {

DashboardView::DashboardView(view::DashboardSession *session, QWidget *parent)
    : QScrollArea(parent), m_session(session), m_grid(new DashboardGrid), m_cursor(new PlotCursor(this)),
      m_clock(new FrameClock(this))
{
    setObjectName(QStringLiteral("dashboardView"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setWidget(m_grid);
    connect(m_grid, &DashboardGrid::layoutEdited, this, &DashboardView::layoutEdited);
    // Zooming or panning on a chart fetches that window at full resolution
    // (once the gesture settles); resetting goes back to the dashboard's range.
    m_zoomSettle.setSingleShot(true);
    m_zoomSettle.setInterval(250);
    connect(m_cursor, &PlotCursor::timeRangeChanged, &m_zoomSettle, qOverload<>(&QTimer::start));
    connect(&m_zoomSettle, &QTimer::timeout, this, [this] {
        if (const std::optional<TimeRange> r = m_cursor->timeRange())
            m_session->setZoom(std::make_pair(r->t0, r->t1));
        else
            m_session->setZoom(std::nullopt);
    });
    connect(m_session, &view::DashboardSession::panelsChanged, this, [this] {
        for (PanelWidget *w : m_grid->panelWidgets())
            attachModel(w);
    });
}

DashboardView::~DashboardView() = default;

void DashboardView::setDocument(const dashboard::Document &document)
{
    m_doc = document;
    std::set<int> ids;
    for (const dashboard::Panel &p : document.panels) {
        ids.insert(p.id);
        PanelWidget *w = m_grid->panelWidget(p.id);
        if (!w) {
            w = createPanel(p);
            m_grid->addPanel(w, p.grid);
        } else {
            w->setPanel(p);
            m_grid->setPanelPos(p.id, p.grid);
        }
        w->setRuleThresholds(dashboard::ruleThresholds(document, p.id));
    }
    for (PanelWidget *w : m_grid->panelWidgets()) {
        if (!ids.count(w->panelId()))
            m_grid->removePanel(w->panelId());
    }
    m_session->setDocument(document);
    for (PanelWidget *w : m_grid->panelWidgets())
        attachModel(w);
}

PanelWidget *DashboardView::createPanel(const dashboard::Panel &panel)
{
    auto *w = new PanelWidget(panel);
    connect(w, &PanelWidget::editRequested, this, &DashboardView::editPanelRequested);
    connect(w, &PanelWidget::duplicateRequested, this, &DashboardView::duplicatePanelRequested);
    connect(w, &PanelWidget::removeRequested, this, &DashboardView::removePanelRequested);
    connect(w, &PanelWidget::exportImageRequested, this, &DashboardView::exportImageRequested);
    connect(w, &PanelWidget::exportCsvRequested, this, &DashboardView::exportCsvRequested);
    connect(w, &PanelWidget::copyImageRequested, this, &DashboardView::copyImageRequested);
    if (auto *ts = qobject_cast<TimeseriesBody *>(w->body())) {
        ts->setPlotCursor(m_cursor);
        ts->setFrameClock(m_clock);
    }
    return w;
}

void DashboardView::attachModel(PanelWidget *w)
{
    view::PanelModel *m = m_session->panelModel(w->panelId());
    if (!m)
        return;
    if (auto *ts = qobject_cast<TimeseriesBody *>(w->body())) {
        ts->setPlotCursor(m_cursor);
        ts->setFrameClock(m_clock);
    }
    if (w->body())
        w->body()->setBackend(m->backend());
    const int id = w->panelId();
    disconnect(m, &view::PanelModel::frameChanged, this, nullptr);
    connect(m, &view::PanelModel::frameChanged, this, [this, id] { onFrame(id); });
    onFrame(id);
}

void DashboardView::onFrame(int panelId)
{
    PanelWidget *w = m_grid->panelWidget(panelId);
    view::PanelModel *m = m_session->panelModel(panelId);
    if (!w || !m)
        return;
    w->showFrame(m->frame());
    if (m_bands) {
        if (auto *ts = qobject_cast<TimeseriesBody *>(w->body()))
            ts->setAlertBands(m_bands(panelId, m->frame().fromMs, m->frame().toMs));
    }
    if (allPanelsAnswered())
        Q_EMIT allAnswered();
}

PanelWidget *DashboardView::panelWidget(int panelId) const { return m_grid->panelWidget(panelId); }

void DashboardView::setBandProvider(BandProvider provider)
{
    m_bands = std::move(provider);
    updateBands();
}

void DashboardView::updateBands()
{
    if (!m_bands)
        return;
    for (PanelWidget *w : m_grid->panelWidgets()) {
        auto *ts = qobject_cast<TimeseriesBody *>(w->body());
        if (ts)
            ts->setAlertBands(m_bands(w->panelId(), w->frame().fromMs, w->frame().toMs));
    }
}

bool DashboardView::allPanelsAnswered() const
{
    for (PanelWidget *w : m_grid->panelWidgets()) {
        const view::PanelFrame &f = w->frame();
        if (f.state == view::PanelState::Idle || f.state == view::PanelState::Loading || f.loading)
            return false;
    }
    return true;
}

void DashboardView::resetZoom()
{
    m_cursor->resetTimeRange();
    m_zoomSettle.stop();
    m_session->setZoom(std::nullopt);
}

QImage DashboardView::renderImage()
{
    // Bring every plot's prepared frame up to date, then paint the grid.
    for (PanelWidget *w : m_grid->panelWidgets()) {
        if (auto *ts = qobject_cast<TimeseriesBody *>(w->body()))
            ts->plot()->prepareFrame();
    }
    const qreal dpr = devicePixelRatioF();
    QImage image(m_grid->size() * dpr, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(palette().color(QPalette::Window));
    QPainter p(&image);
    const std::vector<PanelWidget *> panels = m_grid->panelWidgets();
    for (PanelWidget *w : panels)
        w->setPrinting(true);
    m_grid->render(&p);
    for (PanelWidget *w : panels)
        w->setPrinting(false);
    return image;
}

} // namespace mw::ui
