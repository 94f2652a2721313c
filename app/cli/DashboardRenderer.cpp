#include "DashboardRenderer.h"

#include "BackendFactory.h"
#include "DashboardGrid.h"
#include "DashboardSession.h"
#include "DashboardView.h"
#include "PanelWidget.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPainter>

#include <algorithm>

namespace mw::cli {

DashboardRenderer::DashboardRenderer(dashboard::Document document, RenderOptions options, QObject *parent)
    : QObject(parent), m_doc(std::move(document)), m_options(options),
      m_session(std::make_unique<view::DashboardSession>(&view::makeBackend))
{
    m_view = std::make_unique<ui::DashboardView>(m_session.get());
    m_warmup.setSingleShot(true);
    m_timeout.setSingleShot(true);
    connect(&m_warmup, &QTimer::timeout, this, &DashboardRenderer::lastRefresh);
    connect(&m_timeout, &QTimer::timeout, this, [this] { finish(true); });
    connect(m_view.get(), &ui::DashboardView::allAnswered, this, &DashboardRenderer::checkAnswered);
}

DashboardRenderer::~DashboardRenderer()
{
    m_view.reset();
    m_session.reset();
}

int64_t DashboardRenderer::defaultWarmupMs(const dashboard::Document &document)
{
    int64_t slowest = 0;
    for (const dashboard::Source &s : document.sources) {
        if (s.kind == dashboard::SourceKind::Scrape)
            slowest = std::max(slowest, s.scrapeIntervalMs);
        else if (s.kind == dashboard::SourceKind::Feed)
            slowest = std::max(slowest, s.feed.evaluationIntervalMs);
        else if (s.kind == dashboard::SourceKind::ScoreBuckets)
            slowest = std::max(slowest, s.scoreBuckets.evaluationIntervalMs);
    }
    return slowest > 0 ? 2 * slowest + 1000 : 0;
}

void DashboardRenderer::start()
{
    if (m_phase != Phase::Idle)
        return;
    // No refresh clock and no eager refreshes: the renderer says when.
    m_session->setPaused(true);
    m_session->setNowOverride(QDateTime::currentMSecsSinceEpoch());

    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setAttribute(Qt::WA_DontShowOnScreen);
    m_view->resize(m_options.width, m_options.height > 0 ? m_options.height : 600);
    m_view->show();
    m_view->setDocument(m_doc);
    if (m_options.height <= 0)
        m_view->resize(m_options.width, contentHeight());

    for (const dashboard::Source &s : m_doc.sources) {
        const QString why = m_session->backendError(s.name);
        if (!why.isEmpty())
            m_result.sourceErrors << QString::fromStdString(s.name) + u": " + why;
    }
    if (m_options.warmupMs > 0) {
        m_phase = Phase::WarmingUp;
        m_warmup.start(static_cast<int>(std::min<int64_t>(m_options.warmupMs, INT32_MAX)));
        return;
    }
    // The refresh setDocument made is the one shown.
    m_phase = Phase::Answering;
    m_timeout.start(static_cast<int>(std::min<int64_t>(m_options.timeoutMs, INT32_MAX)));
    QTimer::singleShot(0, this, &DashboardRenderer::checkAnswered);
}

void DashboardRenderer::lastRefresh()
{
    if (m_phase != Phase::WarmingUp)
        return;
    m_phase = Phase::Answering;
    m_timeout.start(static_cast<int>(std::min<int64_t>(m_options.timeoutMs, INT32_MAX)));
    m_session->setNowOverride(QDateTime::currentMSecsSinceEpoch());
    m_session->refreshNow();
    QTimer::singleShot(0, this, &DashboardRenderer::checkAnswered);
}

void DashboardRenderer::checkAnswered()
{
    if (m_phase != Phase::Answering || !m_view->allPanelsAnswered())
        return;
    // Answers that came in this very moment may start another refresh (a
    // variable's options arrived): look once more after it.
    QTimer::singleShot(0, this, [this] {
        if (m_phase == Phase::Answering && m_view->allPanelsAnswered())
            finish(false);
    });
}

void DashboardRenderer::finish(bool timedOut)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_warmup.stop();
    m_timeout.stop();
    m_result.timedOut = timedOut;
    for (const dashboard::Panel &p : m_doc.panels) {
        PanelOutcome o;
        o.id = p.id;
        o.title = QString::fromStdString(p.title);
        if (const ui::PanelWidget *w = m_view->panelWidget(p.id)) {
            const view::PanelFrame &f = w->frame();
            o.state = f.state;
            o.answered = !f.loading && f.state != view::PanelState::Idle && f.state != view::PanelState::Loading;
            o.errors = f.errors;
        }
        m_result.panels.push_back(std::move(o));
    }
    m_result.image = takeImage();
    Q_EMIT finished();
}

int DashboardRenderer::contentHeight() const { return std::max(1, m_view->grid()->heightForWidth(m_options.width)); }

QImage DashboardRenderer::takeImage()
{
    // Pending layout and resize work first, so the grid is where it will be painted.
    QCoreApplication::sendPostedEvents();
    const QImage grid = m_view->renderImage();
    const int height = m_options.height > 0 ? m_options.height : contentHeight();
    const qreal dpr = grid.devicePixelRatio();
    if (grid.size() == QSize(m_options.width, height) * dpr)
        return grid;
    // Cut to, or pad up to, the asked height.
    QImage out(QSize(m_options.width, height) * dpr, QImage::Format_ARGB32_Premultiplied);
    out.setDevicePixelRatio(dpr);
    out.fill(m_view->palette().color(QPalette::Window));
    QPainter p(&out);
    p.drawImage(QPoint(0, 0), grid);
    return out;
}

} // namespace mw::cli
