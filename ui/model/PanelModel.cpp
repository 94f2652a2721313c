#include "PanelModel.h"

#include <QCoreApplication>
#include "promql/PromqlText.h"

#include <QDateTime>

#include <algorithm>

namespace mw::view {
PanelModel::PanelModel(dashboard::Panel panel, QObject *parent) : QObject(parent), m_panel(std::move(panel)) {}

PanelModel::~PanelModel() { cancel(); }

void PanelModel::setPanel(dashboard::Panel panel)
{
    if (panel == m_panel)
        return;
    m_panel = std::move(panel);
}

void PanelModel::setBackend(SourceBackend *backend)
{
    if (backend == m_backend)
        return;
    cancel();
    disconnect(m_connection);
    m_backend = backend;
    if (backend)
        m_connection = connect(backend, &SourceBackend::rangeFinished, this, &PanelModel::onRange);
}

void PanelModel::cancel()
{
    if (SourceBackend *b = m_backend.data()) {
        for (const Pending &p : m_pending) {
            if (!p.done)
                b->cancel(p.id);
        }
    }
    m_pending.clear();
    if (m_frame.loading) {
        m_frame.loading = false;
        if (m_frame.state == PanelState::Loading)
            m_frame.state = PanelState::Idle;
    }
}

void PanelModel::refresh(const ResolvedRange &range, const VariableValues &variables, int maxPoints)
{
    cancel();
    m_range = range;
    m_lastExprs.clear();
    SourceBackend *backend = m_backend.data();
    if (!backend) {
        m_frame = PanelFrame{};
        m_frame.state = PanelState::Error;
        m_frame.errors << tr("This panel's data source does not exist or could not be set up.");
        Q_EMIT frameChanged();
        return;
    }
    int64_t minStep = 1000;
    m_step = stepFor(range.spanMs(), std::max(2, maxPoints), minStep);
    const std::string interval = promqlInterval(m_step);
    for (std::size_t i = 0; i < m_panel.queries.size(); ++i) {
        const dashboard::Query &q = m_panel.queries[i];
        if (q.hidden || q.expr.empty())
            continue;
        const std::string expr = substituteVariables(q.expr, variables, interval);
        m_lastExprs.push_back(expr);
        Pending p;
        p.query = i;
        m_pending.push_back(p);
    }
    if (m_pending.empty()) {
        m_frame = PanelFrame{};
        m_frame.state = PanelState::NoData;
        m_frame.fromMs = range.fromMs;
        m_frame.toMs = range.toMs;
        Q_EMIT frameChanged();
        return;
    }
    // Align the range to the step so consecutive refreshes line up.
    const int64_t start = range.fromMs / m_step * m_step;
    const int64_t end = range.toMs / m_step * m_step;
    for (std::size_t k = 0; k < m_pending.size(); ++k)
        m_pending[k].id = backend->rangeQuery(QString::fromStdString(m_lastExprs[k]), start, end, m_step);
    m_frame.loading = true;
    if (m_frame.state == PanelState::Idle || m_frame.state == PanelState::Error || m_frame.state == PanelState::NoData)
        m_frame.state = PanelState::Loading;
    Q_EMIT frameChanged();
}

std::string PanelModel::promqlInterval(int64_t stepMs)
{
    // $__rate_interval as Grafana computes it for a 15 s scrape: at least four
    // steps and at least a minute, so rate() always sees two samples.
    const int64_t ms = std::max<int64_t>(60'000, 4 * stepMs);
    return promql::text::formatDuration(ms);
}

void PanelModel::onRange(quint64 id, const RangeAnswer &answer)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [id](const Pending &p) { return p.id == id; });
    if (it == m_pending.end() || it->done)
        return;
    it->done = true;
    it->answer = answer;
    if (std::all_of(m_pending.begin(), m_pending.end(), [](const Pending &p) { return p.done; }))
        publish();
}

void PanelModel::publish()
{
    PanelFrame f;
    f.fromMs = m_range.fromMs;
    f.toMs = m_range.toMs;
    f.stepMs = m_step;
    f.updatedMs = QDateTime::currentMSecsSinceEpoch();
    int failed = 0;
    for (std::size_t k = 0; k < m_pending.size(); ++k) {
        const Pending &p = m_pending[k];
        const dashboard::Query &q = m_panel.queries[p.query];
        // A series without labels (sum(...)) is named by its expression.
        const QString expr = k < m_lastExprs.size() ? QString::fromStdString(m_lastExprs[k]) : QString();
        const QString ref = QString::fromStdString(q.refId);
        if (!p.answer.ok()) {
            ++failed;
            f.errors << (m_pending.size() > 1 ? ref + u": " + p.answer.error : p.answer.error);
            continue;
        }
        for (const QString &w : p.answer.warnings)
            f.warnings << ref + u": " + w;
        for (const AnswerSeries &s : p.answer.series) {
            PanelSeries ps;
            ps.name = legendText(q.legend, s.labels, expr);
            if (ps.name.isEmpty())
                ps.name = ref;
            ps.refId = q.refId;
            ps.labels = s.labels;
            ps.points = s.points;
            f.series.push_back(std::move(ps));
        }
    }
    if (failed == static_cast<int>(m_pending.size()))
        f.state = PanelState::Error;
    else if (f.series.empty())
        f.state = PanelState::NoData;
    else
        f.state = PanelState::Ready;
    if (SourceBackend *b = m_backend.data()) {
        const SourceHealth h = b->health();
        if (h.state == SourceState::Down) {
            f.stale = true;
            f.staleText = h.error.isEmpty() ? tr("The source is down.") : h.error;
        }
    }
    m_pending.clear();
    m_frame = std::move(f);
    Q_EMIT frameChanged();
}

} // namespace mw::view
