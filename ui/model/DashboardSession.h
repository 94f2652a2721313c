#pragma once

// A dashboard running: one backend per source of the document, one
// PanelModel per panel, the variables, the time range and the refresh
// clock. The UI tells it what the document now is (setDocument) and what the
// user picked; it never edits the document itself.

#include "PanelModel.h"
#include "SourceBackend.h"
#include "TimeSpec.h"
#include "VariableModel.h"
#include "dashboard/Document.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace mw::view {

class DashboardSession : public QObject
{
    Q_OBJECT
public:
    using BackendMaker = std::function<std::unique_ptr<SourceBackend>(const dashboard::Source &, QString *error)>;

    explicit DashboardSession(BackendMaker maker, QObject *parent = nullptr);
    ~DashboardSession() override;

    /// Takes the document's sources, panels, variables, time and refresh.
    /// Backends whose source is unchanged keep running (and keep their data).
    void setDocument(const dashboard::Document &document);
    const dashboard::Document &document() const { return m_doc; }

    void setTimeRange(const dashboard::TimeRange &range);
    const dashboard::TimeRange &timeRange() const { return m_doc.time; }
    void setRefresh(dashboard::Refresh refresh);
    dashboard::Refresh refresh() const { return m_doc.refresh; }
    /// Paused: no automatic refresh (manual refresh still works).
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    /// Resolves relative times against this instead of the clock (rendering, tests).
    void setNowOverride(std::optional<int64_t> nowMs);
    int64_t nowMs() const;
    /// Zoomed in (or panned) on the charts: panels query this absolute window
    /// at full resolution and stop following the clock until the zoom is reset.
    void setZoom(std::optional<std::pair<int64_t, int64_t>> window);
    bool isZoomed() const { return m_zoom.has_value(); }
    /// The range the panels show now; nullopt with `error` when the range is invalid.
    std::optional<ResolvedRange> resolvedRange(QString *error = nullptr) const;

    /// Points per series a panel asks for (about one per pixel column).
    void setPointBudget(int points) { m_points = points; }

    PanelModel *panelModel(int panelId) const;
    SourceBackend *backend(const std::string &sourceName) const;
    /// The source a panel reads from (its own, or the document's first).
    SourceBackend *backendForPanel(const dashboard::Panel &panel) const;
    /// The first source's backend (variables and rules use it), or null.
    SourceBackend *primaryBackend() const;
    std::vector<SourceBackend *> backends() const;
    /// Why a source has no backend ("" when it has one).
    QString backendError(const std::string &sourceName) const;
    VariableModel *variables() { return &m_variables; }

public Q_SLOTS:
    /// Refreshes every panel now.
    void refreshNow();
    /// Refreshes one panel (shown again, edited).
    void refreshPanel(int panelId);

Q_SIGNALS:
    void backendsChanged();
    void sourceHealthChanged();
    void panelsChanged();
    void rangeError(const QString &message);
    void zoomChanged();
    void refreshed();

private:
    void rebuildBackends(const std::vector<dashboard::Source> &sources);
    void rebuildPanels();
    void updateTimer();
    void onDataArrived();

    BackendMaker m_maker;
    dashboard::Document m_doc;
    std::map<std::string, std::unique_ptr<SourceBackend>> m_backends;
    std::map<std::string, dashboard::Source> m_backendSources;
    std::map<std::string, QString> m_backendErrors;
    std::map<int, std::unique_ptr<PanelModel>> m_panels;
    VariableModel m_variables;
    QTimer m_timer;
    bool m_paused = false;
    bool m_started = false;
    std::optional<int64_t> m_now;
    std::optional<std::pair<int64_t, int64_t>> m_zoom;
    int m_points = 1000;
    int64_t m_lastEagerMs = 0;
    int64_t m_lastVariableReloadMs = 0;
};

} // namespace mw::view
