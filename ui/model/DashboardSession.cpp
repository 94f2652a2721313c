#include "DashboardSession.h"

#include <QCoreApplication>
#include <QDateTime>

namespace mw::view {
DashboardSession::DashboardSession(BackendMaker maker, QObject *parent) : QObject(parent), m_maker(std::move(maker))
{
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DashboardSession::refreshNow);
    connect(&m_variables, &VariableModel::selectionChanged, this, &DashboardSession::refreshNow);
}

DashboardSession::~DashboardSession()
{
    m_panels.clear(); // cancel their requests while the backends still exist
    for (auto &[name, b] : m_backends) {
        b->blockSignals(true); // nobody listens any more: stopping aborts scrapes, which would report
        b->stop();
    }
}

void DashboardSession::setDocument(const dashboard::Document &document)
{
    const bool sourcesChanged = document.sources != m_doc.sources || m_backends.empty();
    // A new selection of the same variables is the VariableModel's own
    // change coming back through the document: no reload for it.
    const auto definitions = [](std::vector<dashboard::Variable> v) {
        for (dashboard::Variable &x : v)
            x.current.clear();
        return v;
    };
    const bool variablesChanged = definitions(document.variables) != definitions(m_doc.variables) || sourcesChanged;
    m_doc = document;
    if (sourcesChanged)
        rebuildBackends(document.sources);
    if (variablesChanged) {
        m_variables.setBackend(primaryBackend());
        m_variables.setVariables(document.variables);
    }
    rebuildPanels();
    updateTimer();
    refreshNow();
}

void DashboardSession::rebuildBackends(const std::vector<dashboard::Source> &sources)
{
    std::map<std::string, std::unique_ptr<SourceBackend>> kept;
    std::map<std::string, dashboard::Source> keptSources;
    m_backendErrors.clear();
    for (const dashboard::Source &s : sources) {
        const auto old = m_backendSources.find(s.name);
        if (old != m_backendSources.end() && old->second == s && m_backends.count(s.name)) {
            kept[s.name] = std::move(m_backends[s.name]);
            keptSources[s.name] = s;
            continue;
        }
        QString error;
        std::unique_ptr<SourceBackend> b = m_maker ? m_maker(s, &error) : nullptr;
        if (!b) {
            m_backendErrors[s.name] = error.isEmpty() ? tr("cannot be set up") : error;
            continue;
        }
        b->setParent(nullptr);
        connect(b.get(), &SourceBackend::healthChanged, this, &DashboardSession::sourceHealthChanged);
        connect(b.get(), &SourceBackend::dataArrived, this, &DashboardSession::onDataArrived);
        b->start();
        kept[s.name] = std::move(b);
        keptSources[s.name] = s;
    }
    for (auto &[name, b] : m_panels)
        b->setBackend(nullptr);
    for (auto &[name, b] : m_backends) {
        if (b) {
            b->blockSignals(true);
            b->stop();
        }
    }
    m_backends = std::move(kept);
    m_backendSources = std::move(keptSources);
    const SourceBackend::SourceLookup lookup = [this](const std::string &name) { return backend(name); };
    for (auto &[name, b] : m_backends)
        b->bindSources(lookup);
    Q_EMIT backendsChanged();
    Q_EMIT sourceHealthChanged();
}

void DashboardSession::rebuildPanels()
{
    std::map<int, std::unique_ptr<PanelModel>> next;
    for (const dashboard::Panel &p : m_doc.panels) {
        auto it = m_panels.find(p.id);
        std::unique_ptr<PanelModel> m;
        if (it != m_panels.end()) {
            m = std::move(it->second);
            m->setPanel(p);
        } else {
            m = std::make_unique<PanelModel>(p);
        }
        m->setBackend(backendForPanel(p));
        next[p.id] = std::move(m);
    }
    m_panels = std::move(next);
    Q_EMIT panelsChanged();
}

void DashboardSession::setTimeRange(const dashboard::TimeRange &range)
{
    if (range == m_doc.time)
        return;
    m_doc.time = range;
    m_zoom.reset();
    updateTimer();
    refreshNow();
}

void DashboardSession::setRefresh(dashboard::Refresh refresh)
{
    m_doc.refresh = refresh;
    updateTimer();
}

void DashboardSession::setPaused(bool paused)
{
    m_paused = paused;
    updateTimer();
    if (!paused)
        refreshNow();
}

void DashboardSession::setNowOverride(std::optional<int64_t> nowMs)
{
    m_now = nowMs;
    updateTimer();
}

int64_t DashboardSession::nowMs() const { return m_now ? *m_now : QDateTime::currentMSecsSinceEpoch(); }

void DashboardSession::updateTimer()
{
    const int64_t period = refreshPeriodMs(m_doc.refresh);
    if (period == 0 || m_paused || m_now || m_zoom) {
        m_timer.stop();
        return;
    }
    if (m_timer.interval() != period || !m_timer.isActive())
        m_timer.start(static_cast<int>(period));
}

std::optional<ResolvedRange> DashboardSession::resolvedRange(QString *error) const
{
    if (m_zoom && m_zoom->first < m_zoom->second)
        return ResolvedRange{m_zoom->first, m_zoom->second, false};
    return resolveRange(m_doc.time, nowMs(), error);
}

void DashboardSession::setZoom(std::optional<std::pair<int64_t, int64_t>> window)
{
    if (window == m_zoom)
        return;
    m_zoom = window;
    updateTimer();
    Q_EMIT zoomChanged();
    refreshNow();
}

void DashboardSession::refreshNow()
{
    QString error;
    const std::optional<ResolvedRange> range = resolvedRange(&error);
    if (!range) {
        Q_EMIT rangeError(error);
        return;
    }
    // Variables follow the data: options asked again while some are missing
    // (a scrape source just started), and at most once a minute otherwise.
    const int64_t wall = QDateTime::currentMSecsSinceEpoch();
    if (m_variables.missingOptions() || wall - m_lastVariableReloadMs > 60'000) {
        m_lastVariableReloadMs = wall;
        m_variables.reload();
    }
    const VariableValues vars = m_variables.values();
    for (auto &[id, m] : m_panels)
        m->refresh(*range, vars, m_points);
    Q_EMIT refreshed();
}

void DashboardSession::onDataArrived()
{
    // Panels still without data refresh as soon as data comes (a dashboard
    // just opened on a scrape source fills in seconds, not at the next tick).
    if (m_paused || m_now)
        return;
    const int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastEagerMs < 1000)
        return;
    for (const auto &[id, m] : m_panels) {
        const PanelState st = m->frame().state;
        if (st != PanelState::Ready && !m->frame().loading) {
            m_lastEagerMs = now;
            refreshNow();
            return;
        }
    }
}

void DashboardSession::refreshPanel(int panelId)
{
    PanelModel *m = panelModel(panelId);
    const std::optional<ResolvedRange> range = resolvedRange();
    if (m && range)
        m->refresh(*range, m_variables.values(), m_points);
}

PanelModel *DashboardSession::panelModel(int panelId) const
{
    const auto it = m_panels.find(panelId);
    return it == m_panels.end() ? nullptr : it->second.get();
}

SourceBackend *DashboardSession::backend(const std::string &sourceName) const
{
    const auto it = m_backends.find(sourceName);
    return it == m_backends.end() ? nullptr : it->second.get();
}

SourceBackend *DashboardSession::backendForPanel(const dashboard::Panel &panel) const
{
    return panel.source.empty() ? primaryBackend() : backend(panel.source);
}

SourceBackend *DashboardSession::primaryBackend() const
{
    return m_doc.sources.empty() ? nullptr : backend(m_doc.sources.front().name);
}

std::vector<SourceBackend *> DashboardSession::backends() const
{
    std::vector<SourceBackend *> out;
    for (const dashboard::Source &s : m_doc.sources) {
        if (SourceBackend *b = backend(s.name))
            out.push_back(b);
    }
    return out;
}

QString DashboardSession::backendError(const std::string &sourceName) const
{
    const auto it = m_backendErrors.find(sourceName);
    return it == m_backendErrors.end() ? QString() : it->second;
}

} // namespace mw::view
