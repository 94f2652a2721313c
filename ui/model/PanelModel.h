#pragma once

// The view model of one panel: runs the panel's visible queries against its
// source for a time range, drops answers a newer refresh made obsolete
// (generation counter), and publishes one PanelFrame when all have answered.

#include "PanelFrame.h"
#include "QueryText.h"
#include "TimeSpec.h"
#include "dashboard/Document.h"

#include <QObject>
#include <QPointer>

#include <vector>

namespace mw::view {

class PanelModel : public QObject
{
    Q_OBJECT
public:
    explicit PanelModel(dashboard::Panel panel, QObject *parent = nullptr);
    ~PanelModel() override;

    const dashboard::Panel &panel() const { return m_panel; }
    /// A changed panel: the next refresh runs its queries.
    void setPanel(dashboard::Panel panel);
    void setBackend(SourceBackend *backend);
    SourceBackend *backend() const { return m_backend; }

    /// Runs the queries for `range` with at most `maxPoints` points per series.
    void refresh(const ResolvedRange &range, const VariableValues &variables, int maxPoints);
    /// Drops requests in flight.
    void cancel();
    const PanelFrame &frame() const { return m_frame; }
    /// The expressions sent by the last refresh, after variable substitution.
    const std::vector<std::string> &lastExpressions() const { return m_lastExprs; }
    /// What $__interval and $__rate_interval become for a step.
    static std::string promqlInterval(int64_t stepMs);

Q_SIGNALS:
    /// A new frame (answers complete), or loading started or ended.
    void frameChanged();

private:
    struct Pending
    {
        quint64 id = 0;
        std::size_t query = 0; ///< index into m_panel.queries
        bool done = false;
        RangeAnswer answer;
    };
    void onRange(quint64 id, const mw::view::RangeAnswer &answer);
    void publish();

    dashboard::Panel m_panel;
    QPointer<SourceBackend> m_backend;
    QMetaObject::Connection m_connection;
    std::vector<Pending> m_pending;
    std::vector<std::string> m_lastExprs;
    ResolvedRange m_range;
    int64_t m_step = 0;
    PanelFrame m_frame;
};

} // namespace mw::view
